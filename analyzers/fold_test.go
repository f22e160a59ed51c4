package analyzers

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestStableRunes checks isNFKC's shortcut against norm: each rune it
// trusts is in NFKC alone and starts a normalization boundary (it never
// combines with the rune before), and texts of such runes, with and
// without a combining mark after a kana, agree with IsNormalString.
func TestStableRunes(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if !stableRune(r) {
			continue
		}
		p := norm.NFKC.PropertiesString(string(r))
		if !norm.NFKC.IsNormalString(string(r)) || !p.BoundaryBefore() || p.CCC() != 0 {
			t.Errorf("stableRune(%U %q): NFKC changes it or it combines with the rune before", r, r)
		}
	}
	for _, s := range []string{"多文化共生の推進、「区政会議」。", "カ\u3099ス", "ｶﾞｽ", "Ａ１", "ﾃﾞｼﾞﾀﾙ化", "e\u0301"} {
		if got, want := isNFKC(s), norm.NFKC.IsNormalString(s); got != want {
			t.Errorf("isNFKC(%q) = %v, norm says %v", s, got, want)
		}
	}
}
