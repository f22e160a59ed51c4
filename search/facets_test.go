package search

import (
	"testing"
)

// TestUnknownFilter checks that a facet's unknown value filters to the
// passages without a value: as many as the facet counts under unknown,
// each without the field, through both the fast path and bleve.
func TestUnknownFilter(t *testing.T) {
	idx := samplesIndex(t)
	fast, plain := New(idx), New(idx)
	plain.runner.plainOnly = true
	all := search(t, fast, Request{Q: "推進", Facets: []string{"city", "department", "year", "issue_type", "prefecture"}, HitsPerPage: 100})
	for _, c := range []struct {
		name  string
		r     Request
		empty func(Hit) bool
	}{
		{"department", Request{Department: []string{Unknown}}, func(h Hit) bool { return h.Department == "" }},
		{"year", Request{YearUnknown: true}, func(h Hit) bool { return h.Year == 0 }},
		{"issue_type", Request{IssueType: []string{Unknown}}, func(h Hit) bool { return len(h.IssueTypes) == 0 }},
		{"prefecture", Request{Prefecture: []string{Unknown}}, func(h Hit) bool { return h.Prefecture == "" }},
	} {
		want := all.FacetDistribution[c.name][Unknown]
		if want == 0 && c.name != "prefecture" { // every sample names its prefecture
			t.Errorf("%s: no passage of 推進 without a value: the case tests nothing", c.name)
		}
		for _, s := range []*Searcher{fast, plain} {
			r := c.r
			r.Q, r.HitsPerPage = "推進", 100
			res := search(t, s, r)
			if res.TotalHits != want {
				t.Errorf("%s=unknown: %d hits, want %d (the facet's unknown count)", c.name, res.TotalHits, want)
			}
			for _, h := range res.Hits {
				if !c.empty(h) {
					t.Errorf("%s=unknown: hit %s has a value", c.name, h.ID)
				}
			}
		}
	}
}
