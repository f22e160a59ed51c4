package search

import (
	"math"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"seisaku/indexer"
	"seisaku/search/hit"
	"seisaku/search/internal/engine"
)

// Speeches of minutes (package hit, speeches.go): a hit knows its speech
// from the stored speech field; the length of a hit's speech, in passages,
// is its key's count in the term dictionary, and the average speech's is
// read once per index (Refresh).

// speechAverage returns the index's speeches and the passages they hold.
func (rn *runner) speechAverage() (speeches, passages int) {
	d, err := rn.fieldDict(indexer.FieldSpeech)
	if err != nil {
		return 0, 0
	}
	defer d.Close()
	_ = engine.EachEntry(d.Next, func(e *index.DictEntry) error {
		speeches++
		passages += int(e.Count)
		return nil
	})
	return speeches, passages
}

// weighSpeeches gives the hits of minutes their speech's length weight
// (hit.WeighSpeeches), from the passages of each hit's speech: the
// postings of its key.
func (s *Searcher) weighSpeeches(hits []Hit) {
	avg := math.Float64frombits(s.speechAvg.Load())
	if avg == 0 {
		return
	}
	n := map[string]int{}
	for _, h := range hits {
		if k := h.SpeechKey; k != "" {
			if _, ok := n[k]; !ok {
				n[k] = s.runner.termCount(indexer.FieldSpeech, k)
			}
		}
	}
	hit.WeighSpeeches(hits, n, avg)
}

// termCount is the number of passages holding term in the keyword field,
// as the term dictionaries count them (0 when they cannot say).
func (rn *runner) termCount(field, term string) int {
	idxs := rn.members
	if len(idxs) == 0 {
		idxs = []bleve.Index{rn.idx}
	}
	n, err := engine.TermCount(idxs, field, term)
	if err != nil {
		return 0
	}
	return n
}
