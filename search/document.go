package search

import (
	"context"

	"seisaku/indexer"
	"seisaku/search/hit"
)

// Document returns every passage of document id in order.
func (s *Searcher) Document(ctx context.Context, id string) (*DocumentView, error) {
	tq := termQuery(indexer.FieldDocID, id, 1)
	ms, err := s.runner.all(ctx, tq, storedFields)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, Errorf(ENotFound, "文書 %s は見つかりません (no document %q)", id, id)
	}
	return hit.NewDocument(id, ms), nil
}
