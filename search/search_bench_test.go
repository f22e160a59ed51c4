package search

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer"
)

// benchSearcher indexes the fixture copied n times (as different documents
// and cities) in a scorch index on disk, as served (the in-memory upsidedown
// index of the tests is an order of magnitude slower).
func benchSearcher(b *testing.B, n int) *Searcher {
	b.Helper()
	idx, err := bleve.New(filepath.Join(b.TempDir(), "idx"), indexer.NewMapping())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { idx.Close() })
	batch := idx.NewBatch()
	for i := range n {
		for _, d := range documents() {
			d.ID = fmt.Sprintf("%s-%d", d.ID, i)
			d.Meta.City = fmt.Sprintf("%s%d", d.Meta.City, i%40)
			for _, p := range d.Passages {
				if err := batch.Index(indexer.PassageID(d.ID, p.Seq), d.Fields(p)); err != nil {
					b.Fatal(err)
				}
			}
		}
		if batch.Size() > 1000 {
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch = idx.NewBatch()
		}
	}
	if err := idx.Batch(batch); err != nil {
		b.Fatal(err)
	}
	return New(idx)
}

func BenchmarkSearch(b *testing.B) {
	s := benchSearcher(b, 200) // 3,200 passages
	ctx := context.Background()
	for _, r := range []Request{
		{Q: "多文化共生", Expand: true, Facets: []string{"city", "department", "issue_type", "year"}, CropLength: 120},
		{Q: "情報発信 OR 広報紙 -SNS", Sort: "year"},
		{Q: "区政会議", Distinct: "document"},
		{City: []string{"大阪市1"}, Facets: []string{"issue_type"}},
	} {
		b.Run(r.Q+r.Sort+r.Distinct, func(b *testing.B) {
			start := time.Now()
			n := 0
			for b.Loop() {
				if _, err := s.Search(ctx, r); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(n), "ms/query")
		})
	}
}

func BenchmarkSuggest(b *testing.B) {
	s := benchSearcher(b, 200)
	ctx := context.Background()
	for _, p := range []string{"推", "多文化", "運営"} {
		b.Run(p, func(b *testing.B) {
			start := time.Now()
			n := 0
			for b.Loop() {
				if _, err := s.Suggest(ctx, p, 8); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(n), "ms/query")
		})
	}
}
