package search

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestParseQueryFilters(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ q, want string }{
		{"多文化共生 2022", "多文化共生 year:2022"},
		{"多文化共生 ２０２２", "多文化共生 year:2022"},
		{"多文化共生 2022年度", "多文化共生 year:2022"},
		{"子育て -city:倉敷市", "子育て -city:倉敷市"},
		{"子育て city:倉敷市 city：大阪市", "子育て city:倉敷市 city:大阪市"},
		{"防災 市町村:枚方市 部署:危機管理室", "防災 city:枚方市 department:危機管理室"},
		{"防災 year:2019..2022", "防災 year:2019..2022"},
		{"防災 YEAR:2019〜", "防災 year:2019.."},
		{"防災 年度:..2022", "防災 year:..2022"},
		{"2021 OR 2022 予算", "(2021|2022) 予算"}, // OR keeps years as words
		{"予算 1899", "予算 1899"},                // not a plausible fiscal year
		{"予算 20221", "予算 20221"},
		{"経営課題:1", "経営課題:1"},       // not an operator
		{"city:倉敷市", "city:倉敷市"},   // filters alone browse
		{`"2022" 予算`, `"2022" 予算`}, // a phrase stays a word
	} {
		q, err := ParseQuery(tc.q)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tc.q, err)
			continue
		}
		if got := q.String(); got != tc.want {
			t.Errorf("ParseQuery(%q) = %s, want %s", tc.q, got, tc.want)
		}
	}
	for _, tc := range []struct{ q, want string }{
		{"防災 year:令和4", "want year:2022"},
		{"防災 year:2023..2020", "want year:2022"},
		{"防災 -year:2022", "a year cannot be excluded"},
		{"防災 city:", "needs a value"},
		{"-city:倉敷市", "only exclusions"},
		{"防災 OR city:倉敷市", "OR cannot join the filter"},
	} {
		_, err := ParseQuery(tc.q)
		if err == nil || ErrorCode(err) != EInvalid || !strings.Contains(ErrorMessage(err), tc.want) {
			t.Errorf("ParseQuery(%q): %v, want EInvalid with %q", tc.q, err, tc.want)
		}
	}
}

func TestApplyQueryFilters(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		q    string
		req  filters
		want string
	}{
		{"防災 2019 2022", filters{}, "{[] [] [] 2019 2022} true"},
		{"防災 2022", filters{yearFrom: 2020}, "{[] [] [] 2022 2022} true"},
		{"防災 2022", filters{yearFrom: 2019, yearTo: 2020}, "{[] [] [] 2022 2020} false"},
		{"防災 city:倉敷市", filters{values: map[string][]string{"city": {"倉敷市", "大阪市"}}}, "{[倉敷市] [] [] 0 0} true"},
		{"防災 city:倉敷市", filters{values: map[string][]string{"city": {"枚方市"}}}, "{[] [] [] 0 0} false"},
		{"防災 department:市民局", filters{}, "{[] [市民局] [] 0 0} true"},
	} {
		q, err := ParseQuery(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		f := tc.req
		ok := q.applyTo(&f)
		if got := fmt.Sprintf("{%v %v %v %d %d} %v", f.values["city"], f.values["department"], f.values["issue_type"], f.yearFrom, f.yearTo, ok); got != tc.want {
			t.Errorf("%q over %+v: %s, want %s", tc.q, tc.req, got, tc.want)
		}
	}
}

// TestSearchQueryFilters runs the queries a new user tried on the samples:
// a city's name excluded, a year typed after a word, the city named bare.
func TestSearchQueryFilters(t *testing.T) {
	idx := samplesIndex(t)
	s, plain := New(idx), New(idx)
	plain.plainOnly = true
	defer func() { // bleve's searchers agree with the fast path
		for _, q := range []string{"子育て -倉敷市", "子育て -city:倉敷市 -department:市民局", "city:倉敷市 2024", "子育て 倉敷市"} {
			r := Request{Q: q, HitsPerPage: 20, Facets: []string{"city"}}
			a, errA := s.Search(context.Background(), r)
			b, errB := plain.Search(context.Background(), r)
			if errA != nil || errB != nil || a.TotalHits != b.TotalHits || fmt.Sprint(a.FacetDistribution) != fmt.Sprint(b.FacetDistribution) {
				t.Errorf("%q: fast path %v %v, bleve %v %v", q, a, errA, b, errB)
			}
		}
		if s.fastPages.Load() == 0 {
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
