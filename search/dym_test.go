package search

import (
	"fmt"
	"testing"

	"seisaku/indexer"
)

// もしかして: a typo one character away from the index's vocabulary gets
// the corrected query; a word spelled right gets none.
func TestDidYouMean(t *testing.T) {
	s := sampleSearcher(t)
	for _, tt := range []struct{ q, want string }{
		{"多文化共性", "多文化共性→多文化共生 (多文化共生)"},
		{"区政会儀 推進", "区政会儀→区政会議 (区政会議 推進)"},
		{"区政会議", ""},
	} {
		res := search(t, s, Request{Q: tt.q})
		got := ""
		if len(res.DidYouMean) > 0 {
			c := res.DidYouMean[0]
			got = fmt.Sprintf("%s→%s (%s)", c.Word, c.Fixed, c.Query)
			if c.Hits < rareWord {
				t.Errorf("%s: %+v", tt.q, c)
			}
		}
		if got != tt.want {
			t.Errorf("%s: did you mean %q, want %q (all: %+v)", tt.q, got, tt.want, res.DidYouMean)
		}
	}
}

// Several indexes served as one offer the same corrections as one index
// of the same documents: the vocabulary is their merged dictionary.
func TestDidYouMeanOverSeveralIndexes(t *testing.T) {
	var ds []*indexer.Document // the fixture three times, so its words are not rare
	for i := range 3 {
		for _, d := range documents() {
			d.ID = fmt.Sprintf("%s-%d", d.ID, i)
			ds = append(ds, d)
		}
	}
	single := New(memoryIndex(t, ds))
	multi := NewMulti(memoryIndex(t, ds[:5]), memoryIndex(t, ds[5:10]), memoryIndex(t, ds[10:]))
	for _, q := range []string{"多文化共性", "情報発心 推進"} {
		want, got := search(t, single, Request{Q: q}).DidYouMean, search(t, multi, Request{Q: q}).DidYouMean
		if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: over several indexes %+v, over one %+v", q, got, want)
		}
	}
}
