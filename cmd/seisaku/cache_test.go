package main

import (
	"context"
	"path/filepath"
	"testing"

	"seisaku/indexer"
	"seisaku/search"
)

// TestAutoCacheBytes: without -cache-mb the postings cache is a quarter of
// the index on disk, at least the default and at most half the memory.
func TestAutoCacheBytes(t *testing.T) {
	const mb = 1 << 20
	def := search.DefaultPostingsCacheBytes
	for _, tc := range []struct {
		disk, mem int64
		want      int
	}{
		{582 * mb, 24 << 30, def},            // seeds100's index: the default
		{2315 * mb, 24 << 30, 2315 * mb / 4}, // 400 MB of text: 578 MB
		{5787 * mb, 24 << 30, 5787 * mb / 4}, // 1 GB of text: 1,446 MB
		{5787 * mb, 2 << 30, 1 << 30},        // a 2 GB container: half of it
		{0, 0, def},                          // an index in memory, memory unknown
	} {
		if got := autoCacheBytes(tc.disk, tc.mem); got != tc.want {
			t.Errorf("autoCacheBytes(%d MB, %d MB) = %d MB, want %d MB", tc.disk/mb, tc.mem/mb, got/mb, tc.want/mb)
		}
	}
	if memoryBytes() <= 0 {
		t.Error("memoryBytes found no memory limit nor total")
	}
}

// TestOnDiskBytes: the size the cache is sized from is the index's files.
func TestOnDiskBytes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Build(context.Background(), dir, []string{seedsDir}, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	idx, _, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if n := onDiskBytes(idx); n < 100<<10 {
		t.Errorf("onDiskBytes = %d, want the index's files (the seeds make over 100 KB)", n)
	}
}
