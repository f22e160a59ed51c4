package search

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestSearchQueryFilters runs the queries a new user tried on the samples:
// a city's name excluded, a year typed after a word, the city named bare.
func TestSearchQueryFilters(t *testing.T) {
	idx := samplesIndex(t)
	s, plain := New(idx), New(idx)
	plain.runner.plainOnly = true
	defer func() { // bleve's searchers agree with the fast path
		for _, q := range []string{"子育て -倉敷市", "子育て -city:倉敷市 -department:市民局", "city:倉敷市 2024", "子育て 倉敷市"} {
			r := Request{Q: q, HitsPerPage: 20, Facets: []string{"city"}}
			a, errA := s.Search(context.Background(), r)
			b, errB := plain.Search(context.Background(), r)
			if errA != nil || errB != nil || a.TotalHits != b.TotalHits || fmt.Sprint(a.FacetDistribution) != fmt.Sprint(b.FacetDistribution) {
				t.Errorf("%q: fast path %v %v, bleve %v %v", q, a, errA, b, errB)
			}
		}
		if s.runner.fastPages.Load() == 0 {
			t.Error("the fast path served none")
		}
	}()
	run := func(q string, facets ...string) *Result {
		t.Helper()
		res, err := s.Search(context.Background(), Request{Q: q, HitsPerPage: 100, Expand: true, Facets: facets})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		return res
	}
	all := run("子育て", "city", "year")
	if all.FacetDistribution["city"]["倉敷市"] == 0 {
		t.Fatalf("子育て: no passage of 倉敷市 in the samples: %v", all.FacetDistribution["city"])
	}
	notKurashiki := run("子育て -倉敷市", "city")
	if n := notKurashiki.FacetDistribution["city"]["倉敷市"]; n != 0 || notKurashiki.TotalHits != all.TotalHits-all.FacetDistribution["city"]["倉敷市"] {
		t.Errorf("子育て -倉敷市: %d hits, %d of 倉敷市; 子育て: %d hits, %v", notKurashiki.TotalHits, n, all.TotalHits, all.FacetDistribution["city"])
	}
	if got := describeFilters(notKurashiki.QueryFilters); got != "-city:倉敷市<-倉敷市>" {
		t.Errorf("子育て -倉敷市: filters %s", got)
	}
	if got := run("子育て -city:倉敷市").TotalHits; got != notKurashiki.TotalHits {
		t.Errorf("子育て -city:倉敷市: %d hits, want %d", got, notKurashiki.TotalHits)
	}
	only := run("子育て 倉敷市", "city")
	if only.TotalHits != all.FacetDistribution["city"]["倉敷市"] || len(only.FacetDistribution["city"]) != 1 {
		t.Errorf("子育て 倉敷市: %d hits, cities %v", only.TotalHits, only.FacetDistribution["city"])
	}
	var year string
	for y, n := range all.FacetDistribution["year"] {
		if y != "unknown" && n > 0 {
			year = y
		}
	}
	byYear := run("子育て "+year, "year")
	if byYear.TotalHits != all.FacetDistribution["year"][year] || len(byYear.FacetDistribution["year"]) != 1 {
		t.Errorf("子育て %s: %d hits, years %v; 子育て: %v", year, byYear.TotalHits, byYear.FacetDistribution["year"], all.FacetDistribution["year"])
	}
	two := run("子育て 倉敷市 city:大阪市", "city")
	if want := all.FacetDistribution["city"]["倉敷市"] + all.FacetDistribution["city"]["大阪市"]; two.TotalHits != want || len(two.FacetDistribution["city"]) != 2 {
		t.Errorf("子育て 倉敷市 city:大阪市: %d hits, want %d, cities %v", two.TotalHits, want, two.FacetDistribution["city"])
	}
	res, err := s.Search(context.Background(), Request{Q: "子育て 倉敷市", City: []string{"大阪市"}})
	if err != nil || res.TotalHits != 0 || len(res.Hits) != 0 {
		t.Errorf("子育て 倉敷市 within city=大阪市: %v, %+v", err, res)
	}
}

// describeFilters renders filters compactly with how the query wrote them.
func describeFilters(fs []QueryFilter) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s<%s>", f.String(), f.Written))
	}
	return strings.Join(parts, " ")
}
