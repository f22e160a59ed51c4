package indexer

import (
	"context"
	"io/fs"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"seisaku/indexer/samples"
	"seisaku/indexer/source"
	"seisaku/indexer/theme"
)

// TestDocumentThemesFromPassages checks what the document view relies on
// (package search rolls a document's themes up from its passages, the
// index keeps no document themes): over the bundled samples, the stored
// issue_type values of a document's passages, in seq order, roll up
// (theme.Rollup) to the themes the analysis gave the document.
func TestDocumentThemesFromPassages(t *testing.T) {
	idx, _, err := BuildMemory(context.Background(), samples.FS(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	an := &Analyzer{}
	var docs []*Document
	err = fs.WalkDir(samples.FS(), ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !source.Supported(path) {
			return err // as the build walks it
		}
		b, err := fs.ReadFile(samples.FS(), path)
		if err != nil {
			return err
		}
		return source.Read(path, b, func(s source.Source) error {
			if d := an.Document(s); d != nil && len(d.Passages) > 0 {
				docs = append(docs, d)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	// a passage's issue types are its terms (TermValuedFields), read back
	// from its doc values
	adv, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	dvr, err := r.DocValueReader([]string{FieldIssueType})
	if err != nil {
		t.Fatal(err)
	}
	themed := 0
	for _, d := range docs {
		q := bleve.NewTermQuery(d.ID)
		q.SetField(FieldDocID)
		req := bleve.NewSearchRequestOptions(q, len(d.Passages)+1, 0, false)
		res, err := idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != len(d.Passages) {
			t.Errorf("%s (%s): %d passages in the index, %d analysed", d.ID, d.Source, len(res.Hits), len(d.Passages))
			continue
		}
		all := make([][]string, len(res.Hits))
		for _, h := range res.Hits {
			_, seq, _ := SplitPassageID(h.ID)
			err := dvr.VisitDocValues(h.IndexInternalID, func(_ string, term []byte) {
				all[seq] = append(all[seq], string(term))
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := theme.Rollup(all); !slices.Equal(got, d.Themes) {
			t.Errorf("%s: rolled up %q, analysed %q", d.ID, got, d.Themes)
		}
		if len(d.Themes) > 0 {
			themed++
		}
	}
	if len(docs) < 10 || themed < len(docs)/2 {
		t.Errorf("%d documents, %d with themes: the samples should give more", len(docs), themed)
	}
}
