package search

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer"
	"seisaku/indexer/samples"
	"seisaku/indexer/source"
	"seisaku/search/hit"
)

// TestTextOfSeveralIndexes: two indexes built apart, each compressing its
// passage text with the dictionary it trained, served as one (NewMulti):
// the document view and the hits give every passage's text as the
// analysis made it.
func TestTextOfSeveralIndexes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two indexes of the samples")
	}
	dirs := []string{"kouhou-bulletins", "kiryu-speeches"}
	var idxs []bleve.Index
	var dicts [][]byte
	want := map[string]bool{} // every passage text of both
	for _, dir := range dirs {
		sub, err := fs.Sub(samples.FS(), dir)
		if err != nil {
			t.Fatal(err)
		}
		idx, _, err := indexer.BuildMemory(context.Background(), sub, indexer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { idx.Close() })
		idxs = append(idxs, idx)
		d, err := indexer.TextDictionary(idx)
		if err != nil || d == nil {
			t.Fatalf("%s: no text dictionary (%v)", dir, err)
		}
		dicts = append(dicts, d)
		files, err := filepath.Glob(filepath.Join("../indexer/samples/data", dir, "*.*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			err := source.ReadFile(f, func(src source.Source) error {
				if d := (&indexer.Analyzer{}).Document(src); d != nil {
					for _, p := range d.Passages {
						want[p.Text] = true
					}
				}
				return nil
			})
			if err != nil && filepath.Ext(f) != ".csv" && filepath.Ext(f) != ".txt" {
				continue // the licence
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if string(dicts[0]) == string(dicts[1]) {
		t.Fatal("the two indexes have the same dictionary")
	}
	s := NewMulti(idxs...)
	ctx := context.Background()
	seen, docs := 0, map[string]bool{}
	for _, q := range []string{"市民", "子育て", "予算"} {
		res := search(t, s, Request{Q: q, HitsPerPage: 50})
		for _, h := range res.Hits {
			if !want[h.Text] {
				t.Fatalf("%s: hit %s has text %q, not a passage's", q, h.ID, h.Text)
			}
			seen++
			docs[h.DocID] = true
		}
	}
	fromEach := map[int]bool{}
	for id := range docs {
		doc, err := s.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range doc.Passages {
			if !want[p.Text] {
				t.Fatalf("document %s passage %d has text %q, not a passage's", id, p.Seq, p.Text)
			}
			seen++
		}
		for i, idx := range idxs {
			if n, _ := New(idx).Document(ctx, id); n != nil && slices.Equal(passageIDs(n.Passages), passageIDs(doc.Passages)) {
				fromEach[i] = true
			}
		}
	}
	t.Logf("%d texts checked", seen)
	if len(fromEach) != 2 || seen == 0 {
		t.Fatalf("%d texts checked, from %d of the 2 indexes", seen, len(fromEach))
	}
}

func passageIDs(ps []hit.PassageView) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}
