package main

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer"
	"seisaku/search"
	"seisaku/search/web"
)

// liveIndex is the index the server answers from, swapped when a build
// publishes a new generation. Requests hold the backend they started with,
// so a swap never mixes two indexes in one answer; the old index is closed
// after a grace period that outlasts any request (the write timeout).
type liveIndex struct {
	mu  sync.Mutex
	idx bleve.Index
	gen string // the generation idx was opened from; "" for the samples
}

func (l *liveIndex) set(idx bleve.Index, gen string) (old bleve.Index) {
	l.mu.Lock()
	defer l.mu.Unlock()
	old, l.idx, l.gen = l.idx, idx, gen
	return old
}

func (l *liveIndex) generation() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.gen
}

// close closes the current index at shutdown.
func (l *liveIndex) close() {
	if old := l.set(nil, ""); old != nil {
		old.Close()
	}
}

// watch reopens the index in dir when its live generation changes (a
// finished `seisaku index` run switched it) — checked every interval and at
// once on a signal on hup (SIGHUP) — and swaps it into srv.
func (l *liveIndex) watch(ctx context.Context, dir string, interval, grace time.Duration, hup <-chan os.Signal, srv *web.Server, logger *slog.Logger) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-hup:
			logger.Info("reload requested by signal")
		}
		l.reload(dir, grace, srv, logger)
	}
}

func (l *liveIndex) reload(dir string, grace time.Duration, srv *web.Server, logger *slog.Logger) {
	gen, err := indexer.CurrentGeneration(dir)
	if err != nil || gen == l.generation() {
		return
	}
	idx, m, err := indexer.Open(dir)
	if err != nil {
		logger.Error("new index not loaded; still serving the previous one", "dir", dir, "error", err)
		return
	}
	srv.SetBackend(indexBackend{Searcher: search.New(idx), idx: idx})
	old := l.set(idx, gen)
	logger.Info("index swapped", "generation", gen, "documents", m.Documents, "passages", m.Passages)
	if old != nil {
		time.AfterFunc(grace, func() { old.Close() })
	}
}
