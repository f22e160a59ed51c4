package hit

import (
	"testing"
	"unicode"
)

// TestShingled checks the fast ranges of shingled against Unicode's
// tables: no rune they keep is white space, punctuation or a symbol.
func TestShingled(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		want := !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r)
		if got := shingled(r); got != want {
			t.Errorf("shingled(%U %q) = %v, want %v", r, r, got, want)
		}
	}
}
