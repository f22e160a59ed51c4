package web

import (
	"context"
	"fmt"
	"sync"
	"time"

	"seisaku/search"
)

// guarded is the Backend as handlers see it: a panic inside the backend
// (bleve reading a segment that broke after it was verified) becomes an
// error for that one request, logged and counted, and the server goes on.
type guarded struct {
	b Backend
	s *Server
}

func (g guarded) recover(ctx context.Context, what string, err *error) {
	r := recover()
	if r == nil {
		return
	}
	g.s.metrics.panics.Inc()
	g.s.log.ErrorContext(ctx, "backend panic", "call", what, "panic", fmt.Sprint(r))
	*err = &search.Error{Code: search.EInternal,
		Message: "索引の読み取りに失敗しました (the index could not be read)", Err: fmt.Errorf("%s: %v", what, r)}
}

func (g guarded) Search(ctx context.Context, r search.Request) (res *search.Result, err error) {
	defer g.recover(ctx, "search", &err)
	return g.b.Search(ctx, r)
}

func (g guarded) Document(ctx context.Context, id string) (v *search.DocumentView, err error) {
	defer g.recover(ctx, "document", &err)
	return g.b.Document(ctx, id)
}

func (g guarded) Suggest(ctx context.Context, prefix string, n int) (s []search.Suggestion, err error) {
	defer g.recover(ctx, "suggest", &err)
	return g.b.Suggest(ctx, prefix, n)
}

func (g guarded) Similar(ctx context.Context, passageID string, n int) (res *search.SimilarResult, err error) {
	defer g.recover(ctx, "similar", &err)
	return g.b.Similar(ctx, passageID, n)
}

// ReloadFailure is a newly built index generation the server refused to
// swap in (it failed verification or its test query), so it still serves
// the previous one.
type ReloadFailure struct {
	Dir        string    `json:"dir"`
	Generation string    `json:"generation"`
	Error      string    `json:"error"`
	At         time.Time `json:"at"`
}

// reloadState is the last reload's outcome per index directory.
type reloadState struct {
	mu     sync.Mutex
	failed map[string]ReloadFailure // by Dir
}

// ReloadFailed records that the generation of f.Dir was refused: /readyz
// lists it and the seisaku_index_reload_failed gauge is 1 until a later
// generation of that directory loads (ReloadSucceeded).
func (s *Server) ReloadFailed(f ReloadFailure) {
	s.reload.mu.Lock()
	defer s.reload.mu.Unlock()
	if s.reload.failed == nil {
		s.reload.failed = map[string]ReloadFailure{}
	}
	s.reload.failed[f.Dir] = f
	s.metrics.reloadFailures.Inc()
	s.metrics.reloadFailed.Set(1)
}

// ReloadSucceeded records that a new generation of dir was swapped in.
func (s *Server) ReloadSucceeded(dir string) {
	s.reload.mu.Lock()
	defer s.reload.mu.Unlock()
	delete(s.reload.failed, dir)
	if len(s.reload.failed) == 0 {
		s.metrics.reloadFailed.Set(0)
	}
}

// reloadFailures lists the directories whose newest generation was refused.
func (s *Server) reloadFailures() []ReloadFailure {
	s.reload.mu.Lock()
	defer s.reload.mu.Unlock()
	var out []ReloadFailure
	for _, f := range s.reload.failed {
		out = append(out, f)
	}
	return out
}
