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

// DocCounter is implemented by a Backend that can count the passages in its
// index; the count is exported as the seisaku_index_documents metric.
type DocCounter interface {
	DocCount() (uint64, error)
}
