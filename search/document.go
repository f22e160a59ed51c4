package search

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/indexer"
	"seisaku/search/hit"
)

// Document returns every passage of document id in order.
func (s *Searcher) Document(ctx context.Context, id string) (*DocumentView, error) {
	tq := termQuery(indexer.FieldDocID, id, 1)
	ms, err := s.all(ctx, tq, append([]string{indexer.FieldDocIssueType}, storedFields...))
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, Errorf(ENotFound, "文書 %s は見つかりません (no document %q)", id, id)
	}
	return hit.NewDocument(id, ms), nil
}

// all returns every match of q with fields, however many there are.
func (s *Searcher) all(ctx context.Context, q query.Query, fields []string) (bsearch.DocumentMatchCollection, error) {
	size := 1000
	for {
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
		req.Fields = fields
		sr, err := s.run(ctx, req)
		if err != nil {
			return nil, err
		}
		if int(sr.Total) <= len(sr.Hits) {
			return sr.Hits, nil
		}
		size = int(sr.Total)
	}
}
