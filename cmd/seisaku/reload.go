package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer"
	"seisaku/search/web"
)

// liveIndex is the set of indexes the server answers from (one, or one per
// -index directory, served as one), each swapped when a build publishes a
// new generation of it. Requests hold the backend they started with, so a
// swap never mixes two states in one answer; a replaced index is closed
// after a grace period that outlasts any request (the write timeout).
type liveIndex struct {
	mu         sync.Mutex
	idxs       []bleve.Index
	gens       []string          // the generation each index was opened from; "" for the samples
	cacheBytes int               // the postings cache of each new Searcher
	refused    map[string]string // by dir: the generation that failed to open, not tried again
}

func (l *liveIndex) set(idxs []bleve.Index, gens []string) (old []bleve.Index) {
	l.mu.Lock()
	defer l.mu.Unlock()
	old, l.idxs, l.gens = l.idxs, idxs, gens
	return old
}

func (l *liveIndex) current() ([]bleve.Index, []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.idxs), slices.Clone(l.gens)
}

// close closes the current indexes at shutdown.
func (l *liveIndex) close() {
	for _, idx := range l.set(nil, nil) {
		idx.Close()
	}
}

// watch reopens an index of dirs when its live generation changes (a
// finished `seisaku index` run switched it) — checked every interval and at
// once on a signal on hup (SIGHUP) — and swaps the new set into srv.
func (l *liveIndex) watch(ctx context.Context, dirs []string, interval, grace time.Duration, hup <-chan os.Signal, srv *web.Server, logger *slog.Logger) {
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
		l.reload(dirs, grace, srv, logger)
	}
}

// reload swaps in each new generation that opens, verifies and answers a
// test query (indexer.Open). One that does not is refused: the previous
// one keeps serving, the failure is logged and shown in /readyz and
// /metrics, and that generation is not tried again.
func (l *liveIndex) reload(dirs []string, grace time.Duration, srv *web.Server, logger *slog.Logger) {
	idxs, gens := l.current()
	if len(idxs) != len(dirs) {
		return
	}
	var replaced []bleve.Index
	for i, dir := range dirs {
		gen, err := indexer.CurrentGeneration(dir)
		if err != nil || gen == gens[i] || gen == l.refused[dir] {
			continue
		}
		idx, m, err := openRecovered(dir)
		if err != nil {
			l.refuse(dir, gen, err, srv, logger)
			continue
		}
		logger.Info("index swapped", "dir", dir, "generation", gen, "documents", m.Documents, "passages", m.Passages)
		delete(l.refused, dir)
		srv.ReloadSucceeded(dir)
		replaced = append(replaced, idxs[i])
		idxs[i], gens[i] = idx, gen
	}
	if len(replaced) == 0 {
		return
	}
	b, err := newBackendRecovered(idxs, l.cacheBytes, logger)
	if err != nil { // cannot happen for indexes that answered their test query
		logger.Error("new index not loaded; still serving the previous one", "error", err)
		for _, idx := range idxs {
			if !slices.Contains(l.idxs, idx) {
				idx.Close()
			}
		}
		return
	}
	srv.SetBackend(b)
	l.set(idxs, gens)
	time.AfterFunc(grace, func() {
		for _, idx := range replaced {
			idx.Close()
		}
	})
}

func (l *liveIndex) refuse(dir, gen string, err error, srv *web.Server, logger *slog.Logger) {
	logger.Error("new index refused; still serving the previous one", "dir", dir, "generation", gen, "error", err)
	if l.refused == nil {
		l.refused = map[string]string{}
	}
	l.refused[dir] = gen
	srv.ReloadFailed(web.ReloadFailure{Dir: dir, Generation: gen, Error: err.Error(), At: time.Now().UTC()})
}

// openRecovered is indexer.Open with any panic left inside bleve as an error.
func openRecovered(dir string) (idx bleve.Index, m *indexer.Manifest, err error) {
	defer func() {
		if r := recover(); r != nil {
			idx, m, err = nil, nil, fmt.Errorf("open index %s: %v", dir, r)
		}
	}()
	return indexer.Open(dir)
}

// newBackendRecovered is newBackend (which reads the title and term lists
// of every index) with a panic as an error.
func newBackendRecovered(idxs []bleve.Index, cacheBytes int, logger *slog.Logger) (b indexBackend, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("load index: %v", r)
		}
	}()
	return newBackend(idxs, cacheBytes, logger), nil
}
