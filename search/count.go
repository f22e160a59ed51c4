package search

import (
	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer"
)

// DocumentCount counts the documents in the index: the passages at seq 0,
// one per document (the postings of one numeric term, deletions applied;
// bleve's DocCount counts passages).
func (s *Searcher) DocumentCount() (uint64, error) {
	zero, incl := 0.0, true
	q := bleve.NewNumericRangeInclusiveQuery(&zero, &zero, &incl, &incl)
	q.SetField(indexer.FieldSeq)
	res, err := s.runner.idx.Search(bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}
