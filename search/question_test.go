package search

import (
	"slices"
	"strings"
	"testing"
)

// A question word changes neither what is found nor its order; the
// response names it, and so does the message of a relaxed search.
func TestQuestionWordsIgnored(t *testing.T) {
	s := sampleSearcher(t)
	for _, c := range []struct{ q, plain, asked string }{
		{"区政会議 いつ", "区政会議", "いつ"},
		{"報道機関 ふるさと納税 どこで", "報道機関 ふるさと納税", "どこで"},
	} {
		res := search(t, s, Request{Q: c.q, HitsPerPage: 100})
		plain := search(t, s, Request{Q: c.plain, HitsPerPage: 100})
		if res.TotalHits == 0 || !slices.Equal(hitIDs(res.Hits), hitIDs(plain.Hits)) {
			t.Errorf("%s: %d hits %v, %s: %v", c.q, res.TotalHits, hitIDs(res.Hits), c.plain, hitIDs(plain.Hits))
		}
		if res.Asked == nil || strings.Join(res.Asked.Words, " ") != c.asked {
			t.Errorf("%s: asked %+v", c.q, res.Asked)
		}
		if (res.Relaxed != nil) != (plain.Relaxed != nil) {
			t.Fatalf("%s: relaxed %+v, %s: %+v", c.q, res.Relaxed, c.plain, plain.Relaxed)
		}
		if res.Relaxed != nil && res.Relaxed.Message != plain.Relaxed.Message+"「"+c.asked+"」は質問の言葉として、検索には使っていません。" {
			t.Errorf("%s: message %s", c.q, res.Relaxed.Message)
		}
	}
}
