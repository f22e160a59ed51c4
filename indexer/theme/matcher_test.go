package theme

import (
	"fmt"
	"strings"
	"testing"
)

// TestMatcher checks the automaton against the longest word ending at each
// position, found by brute force.
func TestMatcher(t *testing.T) {
	words := []string{"協働", "市民協働", "市民", "民協", "外国人", "外国人住民", "住民", "he", "she", "his", "hers"}
	m := newMatcher(words)
	for _, text := range []string{"市民協働のまちづくり", "外国人住民と住民", "ushers", "市民市民協働外国人住"} {
		got := fmt.Sprint(m.scan(nil, text))
		want := fmt.Sprint(bruteLongest(words, text))
		if got != want {
			t.Errorf("scan(%q)\n got  %s\n want %s", text, got, want)
		}
	}
}

func bruteLongest(words []string, text string) []match {
	var out []match
	for end := 1; end <= len(text); end++ {
		best := -1
		for id, w := range words {
			if strings.HasSuffix(text[:end], w) && (best < 0 || len(w) > len(words[best])) {
				best = id
			}
		}
		if best >= 0 {
			out = append(out, match{best, end - len(words[best]), end})
		}
	}
	return out
}

func TestOutermost(t *testing.T) {
	// 多文化共生 [0,15) hides 文化 [3,9); 共生社会 [9,21) overlaps and stays.
	ms := []match{{1, 3, 9}, {0, 0, 15}, {2, 9, 21}}
	if got := fmt.Sprint(outermost(ms)); got != "[{0 0 15} {2 9 21}]" {
		t.Errorf("outermost = %s", got)
	}
}
