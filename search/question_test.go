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

// A query of grammar alone finds nothing, since grammar makes no term and
// no bigram, and the response says why; a word of content does not get
// the note, nor does a search that finds something.
func TestGrammarOnlyExplained(t *testing.T) {
	s := sampleSearcher(t)
	for _, c := range []struct {
		q     string
		words string // "": no note
	}{
		{"あります", "あります"},
		{"について あります", "について あります"},
		{"子育て", ""},
		{"子育て について", ""}, // found by 子育て (relaxed)
	} {
		res := search(t, s, Request{Q: c.q})
		got := ""
		if res.Asked != nil {
			got = strings.Join(res.Asked.Words, " ")
			if !strings.Contains(res.Asked.Message, "文の組み立ての言葉") {
				t.Errorf("%s: message %q", c.q, res.Asked.Message)
			}
		}
		if got != c.words || (c.words != "" && res.TotalHits != 0) {
			t.Errorf("%s: %d hits, noted %q, want %q", c.q, res.TotalHits, got, c.words)
		}
	}
}
