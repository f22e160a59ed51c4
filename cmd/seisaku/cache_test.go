package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer"
	"seisaku/search"
)

// TestAutoCacheBytes: without -cache-mb the postings cache is 1 KiB a
// passage, at least the default and at most half the memory.
func TestAutoCacheBytes(t *testing.T) {
	const mb = 1 << 20
	def := search.DefaultPostingsCacheBytes
	for _, tc := range []struct {
		passages uint64
		mem      int64
		want     int
	}{
		{165_737, 24 << 30, def},               // seeds100 (100 MB of text): the default
		{192_255, 24 << 30, def},               // kiryu's minutes (94 MB)
		{663_563, 24 << 30, 663_563 << 10},     // 400 MB of text: 648 MB
		{1_659_601, 24 << 30, 1_659_601 << 10}, // 1 GB of text: 1,621 MB
		{1_659_601, 2 << 30, 1 << 30},          // a 2 GB container: half of it
		{0, 0, def},                            // an empty index, memory unknown
		{1 << 62, 0, 1 << 50},                  // no overflow
	} {
		if got := autoCacheBytes(tc.passages, tc.mem); got != tc.want {
			t.Errorf("autoCacheBytes(%d passages, %d MB) = %d MB, want %d MB", tc.passages, tc.mem/mb, got/mb, tc.want/mb)
		}
	}
	if memoryBytes() <= 0 {
		t.Error("memoryBytes found no memory limit nor total")
	}
}

// TestPassagesOf: the cache is sized by the passages of every index served.
func TestPassagesOf(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Build(context.Background(), dir, []string{seedsDir}, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	idx, _, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	n, err := idx.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("the five seed documents made %d passages, want 50 or more", n)
	}
	if got := passagesOf([]bleve.Index{idx, idx}); got != 2*n {
		t.Errorf("passagesOf(two indexes of %d) = %d, want %d", n, got, 2*n)
	}
}
