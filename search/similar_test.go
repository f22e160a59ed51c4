package search

import (
	"testing"
)

// A word written with okurigana is one distinctive term, not two: the
// index holds 取り組み beside its okurigana-free 取組 at the same position.
func TestDistinctiveCountsAWordOnce(t *testing.T) {
	s, _ := newTestSearcher(t)
	ws := distinctive(s.runner, "地域の取り組みを広げ、取り組みの成果を共有する。")
	terms := map[string]bool{}
	for _, w := range ws {
		terms[w.term] = true
	}
	if terms["取り組み"] && terms["取組"] {
		t.Errorf("both spellings of one word are distinctive terms: %+v", ws)
	}
	if !terms["取組"] && !terms["取り組み"] {
		t.Errorf("取り組み is no distinctive term: %+v", ws)
	}
}
