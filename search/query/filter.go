package query

import (
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"seisaku/analyzers"
	"seisaku/search/internal/errs"
)

// Filters written in the query. A journalist types 子育て -倉敷市 or
// 多文化共生 2022 and means a city and a fiscal year, not words; so:
//
//   - city:倉敷市, department:市民局 (or 市町村:, 部署:) filter on the facet,
//     and -city:倉敷市 excludes it; so do role:answer and -role:chair (or
//     発言区分:) on the role of a passage of minutes (question, answer, chair); year:2022, year:2019..2022, year:2019..
//     and year:..2022 (or 年度:) filter on the fiscal year;
//   - a bare four-digit year from 1900 to 2100, or one followed by 年度
//     (2022, ２０２２, 2022年度), is a fiscal year filter, unless it is joined
//     by OR (2021 OR 2022 stays two words); several years in one query mean
//     the range from the first to the last;
//   - a bare word that is a city of the index (倉敷市, -倉敷市) is read as the
//     city filter or its exclusion (Query.LiftCities), since a city's name
//     mostly stands for the city; in quotes ("倉敷市") it is a word again;
//   - in an index of minutes, a word asking for the executive's answer
//     (答弁, 市長の答弁, 市の回答) is the filter role:answer (Query.LiftAnswers,
//     answer.go).
//
// Values of one facet are ORed, and the query's filters are ANDed with the
// request's. Result.Filters reports every filter read from the query,
// so the page can say how the query was understood.

// Filter is one filter the query states.
type Filter struct {
	Facet    string `json:"facet"` // city, department, year, or role (LiftAnswers)
	Value    string `json:"value"` // 倉敷市; a year as 2022 or 2019..2022 (open ends empty)
	Exclude  bool   `json:"exclude,omitempty"`
	Written  string `json:"written"` // as the query wrote it: -倉敷市, city:倉敷市, 2022
	bare     bool   // a bare year or city name, not an operator
	from, to int    // year range, 0 = open
}

func (f Filter) String() string {
	s := f.Facet + ":" + f.Value
	if f.Exclude {
		s = "-" + s
	}
	return s
}

// operators maps an operator name (folded) to its facet.
var operators = map[string]string{
	"city": "city", "市町村": "city", "department": "department", "部署": "department",
	"year": "year", "年度": "year", "role": "role", "発言区分": "role",
}

// filterToken reads text (after a leading -) as a filter: an operator or a
// bare fiscal year. ok is false for a plain word.
func filterToken(text string, neg bool) (*Filter, bool, error) {
	written := text
	if neg {
		written = "-" + text
	}
	if name, value, found := cutColon(text); found {
		facet, known := operators[strings.ToLower(norm.NFKC.String(name))]
		if !known {
			return nil, false, nil // 経営課題:1 is a word
		}
		if value == "" {
			return nil, true, errs.Errorf(errs.EInvalid, "「%s」の後に値を書いてください（例：city:倉敷市、year:2022） (%s needs a value)", text, text)
		}
		if facet == "role" {
			value = roleValue(value)
		}
		f := &Filter{Facet: facet, Value: value, Exclude: neg, Written: written}
		if facet == "year" {
			return f, true, f.parseYear(value, neg)
		}
		return f, true, nil
	}
	if y, ok := bareYear(text); ok && !neg {
		return &Filter{Facet: "year", Value: strconv.Itoa(y), Written: written, bare: true, from: y, to: y}, true, nil
	}
	return nil, false, nil
}

// roleValues reads the roles of minutes as people name them.
var roleValues = map[string]string{
	"質問": "question", "質疑": "question", "議員": "question",
	"答弁": "answer", "回答": "answer", "執行部": "answer", "当局": "answer",
	"議長": "chair", "議事": "chair",
}

// roleValue is the role value (question, answer, chair) written as value:
// the value itself, or one of roleValues.
func roleValue(value string) string {
	if r, ok := roleValues[norm.NFKC.String(value)]; ok {
		return r
	}
	return strings.ToLower(norm.NFKC.String(value))
}

// cutColon splits name:value at the first half- or full-width colon.
func cutColon(s string) (name, value string, found bool) {
	i := strings.IndexAny(s, ":：")
	if i <= 0 {
		return "", "", false
	}
	_, size := firstRune(s[i:])
	return s[:i], s[i+size:], true
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// bareYear reads 2022, ２０２２ or 2022年度 as a fiscal year in 1900..2100.
func bareYear(text string) (int, bool) {
	t := strings.TrimSuffix(norm.NFKC.String(text), "年度")
	if len(t) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(t)
	if err != nil || y < 1900 || y > 2100 {
		return 0, false
	}
	return y, true
}

// parseYear reads 2022, 2019..2022, 2019.., ..2022 (or 〜, ～, ~ for ..).
func (f *Filter) parseYear(v string, neg bool) error {
	bad := errs.Errorf(errs.EInvalid, "年度は year:2022 または year:2019..2022 のように西暦で書いてください (year:%s: want year:2022 or year:2019..2022)", v)
	if neg {
		return errs.Errorf(errs.EInvalid, "年度は除外できません。year:2019..2021 のように範囲で書いてください (a year cannot be excluded; write a range)")
	}
	v = norm.NFKC.String(v)
	for _, sep := range []string{"〜", "~"} {
		v = strings.Replace(v, sep, "..", 1)
	}
	lo, hi, isRange := strings.Cut(v, "..")
	if !isRange {
		hi = lo
	}
	year := func(s string) (int, error) {
		if s == "" && isRange {
			return 0, nil
		}
		y, ok := bareYear(s)
		if !ok {
			return 0, bad
		}
		return y, nil
	}
	var err error
	if f.from, err = year(lo); err != nil {
		return err
	}
	if f.to, err = year(hi); err != nil {
		return err
	}
	if f.from == 0 && f.to == 0 || f.from != 0 && f.to != 0 && f.from > f.to {
		return bad
	}
	f.Value = yearValue(f.from, f.to)
	return nil
}

func yearValue(from, to int) string {
	if from == to {
		return strconv.Itoa(from)
	}
	s := func(y int) string {
		if y == 0 {
			return ""
		}
		return strconv.Itoa(y)
	}
	return s(from) + ".." + s(to)
}

func hasExcluded(fs []Filter) bool {
	for _, f := range fs {
		if f.Exclude {
			return true
		}
	}
	return false
}

func errORFilter(f *Filter) error {
	return errs.Errorf(errs.EInvalid, "OR と絞り込み「%s」は組み合わせられません (OR cannot join the filter %s)", f.Written, f.Written)
}

// LiftCities reads the bare words of q that are cities of the index as city
// filters: a one-word clause as the filter, an excluded word as its
// exclusion. Phrases stay words.
func (q *Query) LiftCities(isCity func(string) (string, bool)) {
	var clauses []Clause
	for _, c := range q.Clauses {
		if len(c.Any) == 1 && !c.Any[0].Phrase {
			if city, ok := isCity(c.Any[0].Text); ok {
				q.Filters = append(q.Filters, Filter{Facet: "city", Value: city, Written: c.Any[0].Text, bare: true})
				continue
			}
		}
		clauses = append(clauses, c)
	}
	var exclude []Word
	for _, w := range q.Exclude {
		if city, ok := isCity(w.Text); ok && !w.Phrase {
			q.Filters = append(q.Filters, Filter{Facet: "city", Value: city, Exclude: true, Written: "-" + w.Text, bare: true})
			continue
		}
		exclude = append(exclude, w)
	}
	q.Clauses, q.Exclude = clauses, exclude
}

// Narrow narrows f by the query's positive filters: several years span
// the range from the first to the last, and the query's values of a facet
// meet the request's (both must hold). It returns false when nothing can
// match (the query names a city the request's filter leaves out).
func (q *Query) Narrow(f *Scope) bool {
	from, to, years := 0, 0, false
	var city, dept, role []string
	for _, x := range q.Filters {
		switch {
		case x.Exclude:
		case x.Facet == "city":
			city = append(city, x.Value)
		case x.Facet == "department":
			dept = append(dept, x.Value)
		case x.Facet == "role":
			role = append(role, x.Value)
		case x.Facet == "year":
			if !years {
				from, to, years = x.from, x.to, true
				continue
			}
			from, to = spanLo(from, x.from), spanHi(to, x.to)
		}
	}
	ok := true
	for _, v := range []struct {
		facet string
		add   []string
	}{{"city", city}, {"department", dept}, {"role", role}} {
		if v.add != nil && ok {
			if f.Values == nil {
				f.Values = map[string][]string{}
			}
			f.Values[v.facet], ok = meet(f.Values[v.facet], v.add)
		}
	}
	if years && ok {
		f.YearFrom, f.YearTo = max(f.YearFrom, from), minOpen(f.YearTo, to)
		ok = f.YearFrom == 0 || f.YearTo == 0 || f.YearFrom <= f.YearTo
	}
	return ok
}

// Excluded returns the values of facet that the query excludes.
func (q *Query) Excluded(facet string) []string {
	var out []string
	for _, x := range q.Filters {
		if x.Exclude && x.Facet == facet {
			out = append(out, x.Value)
		}
	}
	return out
}

// meet is the values in both lists, the query's alone when the request has
// none; false when they have none in common.
func meet(req, query []string) ([]string, bool) {
	if len(req) == 0 {
		return query, true
	}
	var out []string
	for _, v := range query {
		for _, r := range req {
			if analyzers.Fold(r) == analyzers.Fold(v) {
				out = append(out, r)
			}
		}
	}
	return out, len(out) > 0
}

func spanLo(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	return min(a, b)
}

func spanHi(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	return max(a, b)
}

// minOpen is the smaller bound, 0 being open (no bound).
func minOpen(a, b int) int {
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	}
	return min(a, b)
}

// Scope is what a search is restricted to: the request's filters and those
// its query states. Values of one facet are ORed; facets are ANDed; the
// year range is inclusive. A facet's unknown value (indexer.Unknown)
// matches the passages without a value.
type Scope struct {
	Values           map[string][]string // by facet name (indexer.Facets)
	YearFrom, YearTo int                 // 0: open
	YearUnknown      bool                // only the passages without a fiscal year
}
