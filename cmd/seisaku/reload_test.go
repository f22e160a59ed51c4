package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"seisaku/indexer"
)

const (
	seedsDir     = "../../indexer/samples/data/seeds"
	bulletinsDir = "../../indexer/samples/data/kouhou-bulletins"
)

func totalHits(base, q string) (int, error) {
	res, err := http.Get(base + "/api/search?hitsPerPage=1&q=" + q)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("HTTP %d", res.StatusCode)
	}
	var r struct{ TotalHits int }
	err = json.NewDecoder(res.Body).Decode(&r)
	return r.TotalHits, err
}

// TestServeSwapsRebuiltIndex rebuilds the index under a running server
// while clients query it: the server picks up the new generation by itself,
// no request fails, and every answer comes wholly from the old or the new
// index.
func TestServeSwapsRebuiltIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two indexes")
	}
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Build(context.Background(), dir, []string{seedsDir}, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	base, stop := startServe(t, "-index", dir, "-rate", "0", "-reload-interval", "100ms", "-swap-grace", "2s")
	defer stop()
	q := "%E5%BA%83%E5%A0%B1" // 広報: in the seeds and, more often, in the bulletins
	before, err := totalHits(base, q)
	if err != nil || before == 0 {
		t.Fatalf("before the rebuild: %d hits, %v", before, err)
	}

	var failures atomic.Int64
	var mu sync.Mutex
	seen := map[int]int{}
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				n, err := totalHits(base, q)
				if err != nil {
					failures.Add(1)
					t.Log(err)
					continue
				}
				mu.Lock()
				seen[n]++
				mu.Unlock()
			}
		}()
	}
	if _, err := indexer.Build(context.Background(), dir, []string{seedsDir, bulletinsDir}, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	after, deadline := before, time.Now().Add(30*time.Second)
	for after == before && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		after, _ = totalHits(base, q)
	}
	time.Sleep(3 * time.Second) // past the grace period: the old index is closed by now
	close(done)
	wg.Wait()

	if after <= before {
		t.Fatalf("the server did not pick up the rebuilt index: %d hits before, %d after", before, after)
	}
	if f := failures.Load(); f > 0 {
		t.Errorf("%d requests failed during the swap", f)
	}
	for n, count := range seen {
		if n != before && n != after {
			t.Errorf("%d answers with %d hits: neither the old index (%d) nor the new (%d)", count, n, before, after)
		}
	}
	if seen[before] == 0 || seen[after] == 0 {
		t.Errorf("answers seen %v: want some from the old and some from the new index", seen)
	}
}
