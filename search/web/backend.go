package web

import (
	"context"

	"seisaku/search"
)

// Backend answers searches; *search.Searcher implements it.
type Backend interface {
	Search(ctx context.Context, r search.Request) (*search.Result, error)
	Document(ctx context.Context, id string) (*search.DocumentView, error)
	Suggest(ctx context.Context, prefix string, n int) ([]search.Suggestion, error)
	Similar(ctx context.Context, passageID string, n int) (*search.SimilarResult, error)
}

// DocCounter is implemented by a Backend that can count the passages and
// the documents in its index; the counts are exported as the
// seisaku_index_passages and seisaku_index_documents metrics and in
// /readyz.
type DocCounter interface {
	DocCount() (uint64, error)      // passages (bleve documents)
	DocumentCount() (uint64, error) // documents
}
