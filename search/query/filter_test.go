package query

import (
	"fmt"
	"strings"
	"testing"

	"seisaku/search/internal/errs"
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
		{"給食 role:answer", "給食 role:answer"},
		{"給食 発言区分:答弁", "給食 role:answer"},
		{"給食 role:Question", "給食 role:question"},
		{"給食 -role:議長", "給食 -role:chair"},
	} {
		q, err := Parse(tc.q)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.q, err)
			continue
		}
		if got := q.String(); got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.q, got, tc.want)
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
		_, err := Parse(tc.q)
		if err == nil || errs.Code(err) != errs.EInvalid || !strings.Contains(errs.Message(err), tc.want) {
			t.Errorf("Parse(%q): %v, want EInvalid with %q", tc.q, err, tc.want)
		}
	}
}

func TestNarrow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		q    string
		req  Scope
		want string
	}{
		{"防災 2019 2022", Scope{}, "{[] [] [] 2019 2022} true"},
		{"防災 2022", Scope{YearFrom: 2020}, "{[] [] [] 2022 2022} true"},
		{"防災 2022", Scope{YearFrom: 2019, YearTo: 2020}, "{[] [] [] 2022 2020} false"},
		{"防災 city:倉敷市", Scope{Values: map[string][]string{"city": {"倉敷市", "大阪市"}}}, "{[倉敷市] [] [] 0 0} true"},
		{"防災 city:倉敷市", Scope{Values: map[string][]string{"city": {"枚方市"}}}, "{[] [] [] 0 0} false"},
		{"防災 department:市民局", Scope{}, "{[] [市民局] [] 0 0} true"},
	} {
		q, err := Parse(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		f := tc.req
		ok := q.Narrow(&f)
		if got := fmt.Sprintf("{%v %v %v %d %d} %v", f.Values["city"], f.Values["department"], f.Values["issue_type"], f.YearFrom, f.YearTo, ok); got != tc.want {
			t.Errorf("%q over %+v: %s, want %s", tc.q, tc.req, got, tc.want)
		}
	}
}
