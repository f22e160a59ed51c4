package engine_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/indexer"
	"seisaku/search/internal/engine"
)

// ExampleEngine_Search indexes three passages, compiles a query that wants
// at least two of three words, and asks for the first page with the city
// facet.
func ExampleEngine_Search() {
	dir, err := os.MkdirTemp("", "engine-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	idx, err := bleve.New(filepath.Join(dir, "idx"), indexer.NewMapping())
	if err != nil {
		log.Fatal(err)
	}
	defer idx.Close()
	for id, p := range map[string][2]string{
		"osaka-0":    {"大阪市", "市民との情報共有と情報発信の推進"},
		"osaka-1":    {"大阪市", "区政会議の設置により、協働型の区政を展開する。"},
		"hirakata-0": {"枚方市", "広報紙やSNSなど多様な情報発信媒体を活用する。"},
	} {
		if err := idx.Index(id, map[string]any{indexer.FieldCity: p[0], indexer.FieldText: p[1]}); err != nil {
			log.Fatal(err)
		}
	}

	e := engine.New(engine.Config{CacheBytes: 1 << 20, Located: []string{indexer.FieldText},
		YearTerms: indexer.FieldYearFacet})
	var words []query.Query
	for _, w := range []string{"情報", "発信", "推進"} {
		t := query.NewTermQuery(w)
		t.SetField(indexer.FieldText)
		words = append(words, t)
	}
	most := query.NewDisjunctionQuery(words)
	most.SetMin(2)
	q, err := e.Compile(most, idx.Mapping())
	if err != nil {
		log.Fatal(err)
	}
	v, err := engine.Open(idx)
	if err != nil {
		log.Fatal(err) // errors.Is(err, engine.ErrUnsupported): not a scorch index
	}
	defer v.Close()
	res, err := e.Search(context.Background(), v, q, engine.Page{Size: 10,
		Facets: []engine.FacetField{{Name: "city", Field: indexer.FieldCity, Size: 10}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(q, "→", res.Total, "passages, by city", res.Facets["city"].Terms)
	for _, h := range res.Hits {
		fmt.Printf("%s %.3f %d locations of 情報\n", h.ID, h.Score, len(h.Locations[indexer.FieldText]["情報"]))
	}
	// bleve's own searchers give the same answer, more slowly on a large index
	sr, err := idx.Search(bleve.NewSearchRequest(most))
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range sr.Hits {
		fmt.Printf("bleve: %s %.3f\n", h.ID, h.Score)
	}
	// Output:
	// OR(text=情報, text=発信, text=推進)≥2 → 2 passages, by city map[大阪市:1 枚方市:1]
	// osaka-0 0.899 2 locations of 情報
	// hirakata-0 0.236 1 locations of 情報
	// bleve: osaka-0 0.899
	// bleve: hirakata-0 0.236
}
