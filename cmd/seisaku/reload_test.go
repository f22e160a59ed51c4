package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

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

// TestServeSeveralIndexes serves two indexes (the seeds, the bulletins) as
// one with -index a,b and requires the answers of one index built over
// both folders: same hits, order, scores, totals and facets.
func TestServeSeveralIndexes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds three indexes")
	}
	tmp := t.TempDir()
	build := func(name string, dirs ...string) string {
		dir := filepath.Join(tmp, name)
		if _, err := indexer.Build(context.Background(), dir, dirs, indexer.Options{}); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	seeds, bulletins := build("seeds", seedsDir), build("bulletins", bulletinsDir)
	both := build("both", seedsDir, bulletinsDir)
	// and without a postings cache: it changes speed, not answers
	multi, stopMulti := startServe(t, "-index", seeds+","+bulletins, "-rate", "0", "-cache-mb", "0")
	defer stopMulti()
	single, stopSingle := startServe(t, "-index", both, "-rate", "0")
	defer stopSingle()
	for _, q := range []string{
		"q=%E5%BA%83%E5%A0%B1&facets=*",                                // 広報
		"q=%E5%B8%82%E6%B0%91+%E5%8D%94%E5%83%8D&facets=city,year",     // 市民 協働
		"q=%E3%81%93%E3%81%86%E3%81%BB%E3%81%86%E3%81%97&sort=year",    // こうほうし
		"q=%E6%8E%A8%E9%80%B2&sort=date&page=2&hitsPerPage=5",          // 推進
		"city=%E5%8E%9A%E6%9C%A8%E5%B8%82&facets=issue_type,year",      // 厚木市
		"q=%E5%BA%83%E5%A0%B1&distinct=document&sort=date&facets=city", // 広報, a passage a document
	} {
		want := searchJSON(t, single+"/api/search?"+q)
		got := searchJSON(t, multi+"/api/search?"+q)
		if want["totalHits"] == 0.0 {
			t.Errorf("%s: no hits; the comparison proves little", q)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: two indexes differ from one (-one +two):\n%s", q, d)
		}
	}
}

// searchJSON fetches a search answer, without its timing.
func searchJSON(t *testing.T, u string) map[string]any {
	t.Helper()
	res, body := fetch(t, u)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d: %s", u, res.StatusCode, body)
	}
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "processingTimeMs")
	return v
}

// TestServeRefusesCorruptedGeneration switches `current` to a copy of the
// live generation with its segments truncated, under a running server
// with clients: the server used to panic in zapx and exit, taking the good
// index with it. Now it refuses the generation, keeps answering from the
// previous one, and says so in /readyz and /metrics; a good rebuild after
// it is swapped in.
func TestServeRefusesCorruptedGeneration(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Build(context.Background(), dir, []string{seedsDir}, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	base, stop := startServe(t, "-index", dir, "-rate", "0", "-reload-interval", "100ms", "-swap-grace", "1s")
	defer stop()
	q := "%E5%BA%83%E5%A0%B1" // 広報
	before, err := totalHits(base, q)
	if err != nil || before == 0 {
		t.Fatalf("before: %d hits, %v", before, err)
	}
	var answered, failed atomic.Int64
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if n, err := totalHits(base, q); err != nil || n != before {
					failed.Add(1)
					t.Log(n, err)
				} else {
					answered.Add(1)
				}
			}
		})
	}

	live, _ := indexer.CurrentGeneration(dir)
	bad := filepath.Join(dir, "gen-29990102T000000.000000000")
	if err := exec.Command("cp", "-a", live, bad).Run(); err != nil {
		t.Fatal(err)
	}
	segs, _ := filepath.Glob(filepath.Join(bad, "store", "*.zap"))
	for _, seg := range segs {
		fi, _ := os.Stat(seg)
		os.Truncate(seg, fi.Size()/2)
	}
	if err := os.Symlink(filepath.Base(bad), filepath.Join(dir, "current.new")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "current.new"), filepath.Join(dir, "current")); err != nil {
		t.Fatal(err)
	}
	var ready struct {
		Status         string
		ReloadFailures []struct{ Generation, Error string }
	}
	for deadline := time.Now().Add(20 * time.Second); len(ready.ReloadFailures) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("/readyz never reported the refused generation")
		}
		res, body := fetch(t, base+"/readyz")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("/readyz: %d %s", res.StatusCode, body)
		}
		json.Unmarshal(body, &ready)
	}
	if f := ready.ReloadFailures[0]; f.Generation != bad || !strings.Contains(f.Error, "truncated or overwritten") {
		t.Errorf("/readyz reload failure: %+v", f)
	}
	if _, body := fetch(t, base+"/metrics"); !strings.Contains(string(body), "seisaku_index_reload_failed 1") {
		t.Error("/metrics does not show seisaku_index_reload_failed 1")
	}
	time.Sleep(500 * time.Millisecond) // more queries on the old index
	close(done)
	wg.Wait()
	if failed.Load() > 0 || answered.Load() == 0 {
		t.Errorf("with a corrupted generation switched in: %d requests answered, %d failed", answered.Load(), failed.Load())
	}

	// a good build after it goes live and clears the failure
	if _, err := indexer.Build(context.Background(), dir, []string{seedsDir, bulletinsDir}, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if n, _ := totalHits(base, q); n > before {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the good rebuild was never swapped in")
		}
	}
	if _, body := fetch(t, base+"/metrics"); !strings.Contains(string(body), "seisaku_index_reload_failed 0") {
		t.Error("/metrics still shows a refused generation after a good one loaded")
	}
}
