package search

import (
	"context"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/indexer"
	"seisaku/search/hit"
)

// Document facets: with Distinct "document" a page lists documents and
// TotalHits counts them, so the facets should count documents too. The
// engine counts facets over passages; when the matching passages are few
// (at most maxDocFacetPassages), documentFacets reads their metadata and
// counts each document once per value instead: a document is counted
// under a city, department or fiscal year it has (one each: they are the
// document's), under every theme one of its matching passages is tagged
// with, and as "unknown" for a facet where it has no value. Result.
// FacetCounts says which the facets count. Above the bound the passage
// counts stay (reading that many passages costs more than a search).

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
	req.Fields = []string{indexer.FieldDocID, indexer.FieldCity, indexer.FieldDepartment, indexer.FieldYear, indexer.FieldIssueType}
	req.SortBy([]string{"_id"}) // no scores needed
	sr, err := rn.run(ctx, req)
	if err != nil || len(sr.Hits) > maxDocFacetPassages || int(sr.Total) != len(sr.Hits) {
		return nil, false
	}
	seen := map[string]map[string]bool{} // facet → "doc\x00value" counted
	out := map[string]map[string]int{}
	count := func(facet, doc, value string) {
		if seen[facet] == nil {
			seen[facet] = map[string]bool{}
		}
		if k := doc + "\x00" + value; !seen[facet][k] {
			seen[facet][k] = true
			out[facet][value]++
		}
	}
	themed := map[string]bool{}
	docs := map[string]bool{}
	for _, f := range p.facets {
		out[f] = map[string]int{}
	}
	for _, h := range sr.Hits {
		doc := hit.StoredString(h.Fields[indexer.FieldDocID])
		docs[doc] = true
		values := map[string][]string{
			"city":       single(hit.StoredString(h.Fields[indexer.FieldCity])),
			"department": single(hit.StoredString(h.Fields[indexer.FieldDepartment])),
			"year":       single(yearKey(hit.StoredInt(h.Fields[indexer.FieldYear]))),
			"issue_type": nonEmpty(hit.StoredStrings(h.Fields[indexer.FieldIssueType])),
		}
		if len(values["issue_type"]) > 0 {
			themed[doc] = true
		}
		for _, f := range p.facets {
			for _, v := range values[f] {
				count(f, doc, v)
			}
			if f != "issue_type" && len(values[f]) == 0 {
				count(f, doc, "unknown")
			}
		}
	}
	if m, ok := out["issue_type"]; ok {
		for d := range docs {
			if !themed[d] {
				m["unknown"]++
			}
		}
	}
	for _, m := range out { // as the engine's facets: no zero counts
		for v, n := range m {
			if n == 0 {
				delete(m, v)
			}
		}
	}
	return out, true
}

// passageCount is the number of matching passages the facets fd show:
// the sum over a single-valued facet (with unknown), or -1 when only themes
// (several per passage) were counted.
func passageCount(fd map[string]map[string]int) int {
	for _, f := range []string{"city", "year", "department"} {
		if m, ok := fd[f]; ok {
			n := 0
			for _, c := range m {
				n += c
			}
			return n
		}
	}
	return -1
}

func single(v string) []string {
	if v == "" {
		return nil
	}
	return []string{v}
}

func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func yearKey(y int) string {
	if y <= 0 {
		return ""
	}
	return strconv.Itoa(y)
}
