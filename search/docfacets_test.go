package search

import (
	"fmt"
	"testing"

	"seisaku/indexer"
)

// TestDocumentFacets: with distinct=document the facets count documents,
// brute-forced here from the passages that match: a document once per
// city, department and year, once per theme any of its matching passages
// has; without distinct they count passages, and both say so.
func TestDocumentFacets(t *testing.T) {
	s, ds := newTestSearcher(t)
	facets := indexer.FacetNames() // every facet: prefecture was once counted as unknown throughout
	fewer := false
	for _, q := range []string{"市民", "多文化共生", "推進 OR 情報"} {
		passages := search(t, s, Request{Q: q, HitsPerPage: 100, Facets: facets, Expand: true})
		docs := search(t, s, Request{Q: q, HitsPerPage: 100, Facets: facets, Expand: true, Distinct: "document"})
		if len(passages.Hits) != passages.TotalHits {
			t.Fatalf("%q: %d passages of %d on the page", q, len(passages.Hits), passages.TotalHits)
		}
		fewer = fewer || docs.TotalHits < passages.TotalHits
		if passages.FacetCounts != CountPassages || docs.FacetCounts != CountDocuments {
			t.Errorf("%q: facetCounts %q and %q", q, passages.FacetCounts, docs.FacetCounts)
		}
		want := map[string]map[string]int{}
		seen := map[string]bool{}
		for _, f := range facets {
			want[f] = map[string]int{}
		}
		for _, h := range passages.Hits {
			d, p := passageInfo(ds, h.ID)
			for _, f := range facets {
				vs := facetValues(d, p, f)
				if len(vs) == 0 {
					vs = []string{"unknown"}
				}
				for _, v := range vs {
					if k := f + h.DocID + v; !seen[k] {
						seen[k] = true
						want[f][v]++
					}
				}
			}
		}
		// a document with themed and unthemed passages is not unknown
		for _, h := range passages.Hits {
			k := "issue_type" + h.DocID
			if seen[k+"unknown"] && themedDoc(seen, k, want["issue_type"]) {
				want["issue_type"]["unknown"]--
				seen[k+"unknown"] = false
			}
		}
		for _, f := range facets {
			for v, n := range want[f] {
				if n == 0 {
					delete(want[f], v)
				}
			}
		}
		if got, w := fmt.Sprint(docs.FacetDistribution), fmt.Sprint(want); got != w {
			t.Errorf("%q by document:\n got %s\nwant %s", q, got, w)
		}
		if docs.TotalHits != want0(want) {
			t.Errorf("%q: %d documents, facets count %d", q, docs.TotalHits, want0(want))
		}
	}
	if !fewer {
		t.Error("no query matched several passages of a document: the test shows nothing")
	}
}

// themedDoc reports whether the document key k counted a theme.
func themedDoc(seen map[string]bool, k string, themes map[string]int) bool {
	for v := range themes {
		if v != "unknown" && seen[k+v] {
			return true
		}
	}
	return false
}

// want0 is the number of documents the city facet counts.
func want0(fd map[string]map[string]int) int {
	n := 0
	for _, c := range fd["city"] {
		n += c
	}
	return n
}
