package search

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/search/hit"
)

// Document facets: with Distinct "document" the facets count documents
// (hit.DocumentFacets) when the matching passages are few (at most
// maxDocFacetPassages); Result.FacetCounts says which the facets count.
// Above the bound the passage counts stay (reading that many passages
// costs more than a search).

// maxDocFacetPassages bounds the passages read to count documents.
const maxDocFacetPassages = 2000

// Values of Result.FacetCounts.
const (
	CountPassages  = "passages"
	CountDocuments = "documents"
)

// documentFacets returns the facets of p counted by document, or false
// when more than maxDocFacetPassages passages match (or cannot be counted).
func (rn *runner) documentFacets(ctx context.Context, q query.Query, p *spec, passages int) (map[string]map[string]int, bool) {
	if passages > maxDocFacetPassages {
		return nil, false
	}
	req := bleve.NewSearchRequestOptions(q, maxDocFacetPassages+1, 0, false)
	req.Fields = hit.DocumentFields
	req.SortBy([]string{"_id"}) // no scores needed
	sr, err := rn.run(ctx, req)
	if err != nil || len(sr.Hits) > maxDocFacetPassages || int(sr.Total) != len(sr.Hits) {
		return nil, false
	}
	if err := rn.withDocuments(ctx, sr.Hits); err != nil {
		return nil, false
	}
	return hit.DocumentFacets(sr.Hits, p.facets), true
}
