package search

import (
	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"seisaku/search/internal/vocab"
)

// NewMulti returns a Searcher over several indexes served as one (one per
// city or prefecture, say), with the answers of one index over the same
// passages: the fast path reads the segments of all of them at once, so
// IDF, totals and facets are computed over the whole, and suggestions and
// kana readings come from their merged dictionaries. The fast path serves
// every search page; bleve's IndexAlias over the indexes loads documents
// and ranks similar passages (Similar), with each index's own scores.
func NewMulti(idxs ...bleve.Index) *Searcher {
	if len(idxs) == 1 {
		return New(idxs[0])
	}
	return newSearcher(bleve.NewIndexAlias(idxs...), idxs)
}

// fieldDict returns the terms of field over the Searcher's indexes, counts
// summed where several hold a term.
func (s *Searcher) fieldDict(field string) (index.FieldDict, error) {
	if len(s.members) == 0 {
		return s.idx.FieldDict(field)
	}
	ds := make([]index.FieldDict, 0, len(s.members))
	for _, idx := range s.members {
		d, err := idx.FieldDict(field)
		if err != nil {
			for _, d := range ds {
				d.Close()
			}
			return nil, err
		}
		ds = append(ds, d)
	}
	return vocab.Merge(ds)
}
