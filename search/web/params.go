package web

// Search parameters, Meilisearch style, as GET query parameters:
//
//	q                 the query (words ANDed, OR, -exclude, "phrase"), ≤ query.MaxRunes characters
//	city, department, issue_type, prefecture
//	                  filters (the facets of indexer.Facets); repeat the parameter or
//	                  separate values with commas; values of one filter are ORed,
//	                  filters are ANDed; unknown finds the passages without a value
//	year              2022, 2019..2022, 2019.. or ..2022 (fiscal year, inclusive);
//	                  full-width digits and 〜 for .. are accepted; unknown: not known
//	facets            comma list of facet names; * for all
//	sort              relevance (default), year or date (newest first)
//	page              1-based page number
//	hitsPerPage       1..MaxHitsPerPage; page × hitsPerPage ≤ MaxResultWindow
//	distinct          document: at most one passage per document
//	expand            true (default) or false: theme expansion
//	matchingStrategy  relaxed (default) or all: see search.MatchingRelaxed
//	synonyms          true (default) or false: variants and synonyms of the words
//	perDocument       1..100: passages of one document before its others move back
//	                  (relevance pages; default search.DefaultPerDocument); 0: no cap
//	highlightPreTag, highlightPostTag   marks around matches in _formatted
//	cropLength        characters of context in _formatted.text (0 = whole passage)
//
// Every problem is a search.EInvalid (or ETooLarge) error whose message says,
// in Japanese and English, what to send instead.

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"seisaku/search"
	"seisaku/search/query"
)

// searchParams are the query parameters /api/search understands: q, a
// filter per keyword facet, year and the rest. The OpenAPI test checks the
// document lists exactly these.
var searchParams = func() []string {
	ps := []string{"q"}
	for _, f := range search.Facets() {
		if !f.Year {
			ps = append(ps, f.Name)
		}
	}
	return append(ps, "year", "facets", "sort", "page",
		"hitsPerPage", "distinct", "expand", "synonyms", "perDocument", "matchingStrategy", "highlightPreTag", "highlightPostTag", "cropLength")
}()

// facetNames are the facets a request may ask for, in the order facets=* gives.
var facetNames = func() []string {
	var ns []string
	for _, f := range search.Facets() {
		ns = append(ns, f.Name)
	}
	return ns
}()

const (
	maxFilterValues = 50   // values of one filter parameter
	maxTagBytes     = 100  // highlight tags
	maxCropLength   = 1000 // characters
	minYear         = 1000
	maxYear         = 9999
)

func invalid(format string, args ...any) error {
	return search.Errorf(search.EInvalid, format, args...)
}

// parseQuery parses a raw query string strictly: a bad escape or invalid
// UTF-8 is an error rather than a silently dropped parameter.
func parseQuery(raw string) (url.Values, error) {
	v, err := url.ParseQuery(raw)
	if err != nil {
		return nil, invalid("クエリ文字列を解釈できません。%%エンコードを確認してください (malformed query string: %v)", err)
	}
	for k, vs := range v {
		if !utf8.ValidString(k) || !allValid(vs) {
			return nil, invalid("パラメータがUTF-8ではありません。UTF-8で%%エンコードしてください (parameters must be UTF-8)")
		}
	}
	return v, nil
}

func allValid(vs []string) bool {
	for _, s := range vs {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

// ParseRequest parses search parameters, as /api/search takes them, into a
// search.Request within cfg's limits. The CLI uses it for the same syntax
// and the same messages.
func ParseRequest(v url.Values, cfg Config) (search.Request, error) {
	return parseSearch(v, cfg.withDefaults())
}

// parseSearch turns query parameters into a search.Request within cfg's limits.
func parseSearch(v url.Values, cfg Config) (search.Request, error) {
	r := search.Request{
		Q:             strings.TrimSpace(v.Get("q")),
		Page:          1,
		HitsPerPage:   cfg.DefaultHitsPerPage,
		Expand:        true,
		Synonyms:      true,
		HighlightPre:  "<mark>",
		HighlightPost: "</mark>",
	}
	if err := query.CheckLength(r.Q); err != nil {
		return r, err
	}
	steps := []func(url.Values, Config, *search.Request) error{
		parseFilters, parseYear, parseFacets, parseSort, parsePaging, parseDistinct,
		parseExpand, parseSynonyms, parseMatching, parsePerDocument, parseHighlight,
	}
	for _, step := range steps {
		if err := step(v, cfg, &r); err != nil {
			return r, err
		}
	}
	return r, nil
}

func parseFilters(v url.Values, _ Config, r *search.Request) error {
	for _, f := range search.Facets() {
		dst := r.Filter(f.Name)
		if dst == nil {
			continue // the year: parseYear
		}
		var err error
		if *dst, err = listParam(v, f.Name); err != nil {
			return err
		}
	}
	return nil
}

// listParam gathers a repeatable, comma-separated parameter, trimmed, without
// empty or duplicate values.
func listParam(v url.Values, name string) ([]string, error) {
	var out []string
	n := 0
	for _, s := range v[name] {
		for p := range strings.SplitSeq(s, ",") {
			if n++; n > maxFilterValues {
				return nil, invalid("%s の値が多すぎます。%d個以内にしてください (too many %s values; at most %d)",
					name, maxFilterValues, name, maxFilterValues)
			}
			p = strings.TrimSpace(p)
			if p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

func parseYear(v url.Values, _ Config, r *search.Request) error {
	s := strings.TrimSpace(v.Get("year"))
	if s == "" {
		return nil
	}
	if s == search.Unknown {
		r.YearUnknown = true
		return nil
	}
	from, to, ok := parseYearRange(yearRangeReplacer.Replace(width.Narrow.String(s)))
	if !ok {
		return invalid("年度の指定 %q が正しくありません。2022、2019..2022、2019..、..2022 または unknown の形で指定してください "+
			"(year must be a year like 2022, a range like 2019..2022, 2019.. or ..2022, or unknown)", s)
	}
	if from != 0 && to != 0 && from > to {
		return invalid("年度の範囲 %q は始まりが終わりより後です (year range %q starts after it ends)", s, s)
	}
	r.YearFrom, r.YearTo = from, to
	return nil
}

// yearRangeReplacer lets people write a range the Japanese way, 2019〜2022
// (after width folding, full-width digits and ～ are ASCII).
var yearRangeReplacer = strings.NewReplacer("〜", "..", "~", "..")

// parseYearRange parses "2022", "2019..2022", "2019.." and "..2022"; 0 is open.
func parseYearRange(s string) (from, to int, ok bool) {
	a, b, isRange := strings.Cut(s, "..")
	if !isRange {
		y, ok := parseYearNumber(s)
		return y, y, ok
	}
	if a == "" && b == "" {
		return 0, 0, false
	}
	if a != "" {
		if from, ok = parseYearNumber(a); !ok {
			return 0, 0, false
		}
	}
	if b != "" {
		if to, ok = parseYearNumber(b); !ok {
			return 0, 0, false
		}
	}
	return from, to, true
}

func parseYearNumber(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= minYear && y <= maxYear
}

func parseFacets(v url.Values, _ Config, r *search.Request) error {
	names, err := listParam(v, "facets")
	if err != nil {
		return err
	}
	for _, n := range names {
		if n == "*" {
			r.Facets = slices.Clone(facetNames)
			return nil
		}
		if !slices.Contains(facetNames, n) {
			return invalid("集計項目 %q はありません。%s または * を指定してください (unknown facet %q; use %s or *)",
				n, strings.Join(facetNames, ","), n, strings.Join(facetNames, ","))
		}
	}
	r.Facets = names
	return nil
}

func parseSort(v url.Values, _ Config, r *search.Request) error {
	switch s := v.Get("sort"); s {
	case "", "relevance":
		r.Sort = "relevance"
	case "year", "date":
		r.Sort = s
	default:
		return invalid("並び順 %q は使えません。relevance、year、date のいずれかです (sort must be relevance, year or date)", s)
	}
	return nil
}

func parsePaging(v url.Values, cfg Config, r *search.Request) error {
	var err error
	if r.Page, err = intParam(v, "page", 1, 1, cfg.MaxResultWindow); err != nil {
		return err
	}
	if r.HitsPerPage, err = intParam(v, "hitsPerPage", cfg.DefaultHitsPerPage, 1, cfg.MaxHitsPerPage); err != nil {
		return err
	}
	if r.Page*r.HitsPerPage > cfg.MaxResultWindow {
		return invalid("%dページ目は表示できません。上位%d件までです。条件を絞り込むか CSV で書き出してください "+
			"(page %d × hitsPerPage %d goes beyond the first %d hits; narrow the search or export CSV)",
			r.Page, cfg.MaxResultWindow, r.Page, r.HitsPerPage, cfg.MaxResultWindow)
	}
	if r.CropLength, err = intParam(v, "cropLength", 0, 0, maxCropLength); err != nil {
		return err
	}
	return nil
}

// intParam parses an integer parameter in [lo, hi], def when absent.
func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, invalid("%s は %d から %d までの整数で指定してください (%s must be an integer from %d to %d; got %q)",
			name, lo, hi, name, lo, hi, clip(s, 40))
	}
	return n, nil
}

func parseDistinct(v url.Values, _ Config, r *search.Request) error {
	switch s := v.Get("distinct"); s {
	case "", "document":
		r.Distinct = s
	default:
		return invalid("distinct に指定できるのは document だけです (distinct must be document or absent; got %q)", clip(s, 40))
	}
	return nil
}

func parseExpand(v url.Values, _ Config, r *search.Request) error {
	return parseBool(v, "expand", &r.Expand)
}

func parseSynonyms(v url.Values, _ Config, r *search.Request) error {
	return parseBool(v, "synonyms", &r.Synonyms)
}

// parseBool reads the boolean parameter name into dst when it is given.
func parseBool(v url.Values, name string, dst *bool) error {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return invalid("%s は true か false で指定してください (%s must be true or false; got %q)", name, name, clip(s, 40))
	}
	*dst = b
	return nil
}

func parseMatching(v url.Values, _ Config, r *search.Request) error {
	switch s := strings.TrimSpace(v.Get("matchingStrategy")); s {
	case "", search.MatchingRelaxed, search.MatchingAll:
		r.Matching = s
	default:
		return invalid("matchingStrategy に指定できるのは relaxed か all です (matchingStrategy must be relaxed or all; got %q)", clip(s, 40))
	}
	return nil
}

func parsePerDocument(v url.Values, _ Config, r *search.Request) error {
	n, err := intParam(v, "perDocument", search.DefaultPerDocument, 0, search.MaxHitsPerPage)
	if err != nil {
		return err
	}
	if r.PerDocument = n; n == 0 {
		r.PerDocument = -1
	}
	return nil
}

func parseHighlight(v url.Values, _ Config, r *search.Request) error {
	for _, t := range []struct {
		name string
		dst  *string
	}{{"highlightPreTag", &r.HighlightPre}, {"highlightPostTag", &r.HighlightPost}} {
		if !v.Has(t.name) {
			continue
		}
		s := v.Get(t.name)
		if len(s) > maxTagBytes {
			return invalid("%s が長すぎます。%dバイト以内にしてください (%s is longer than %d bytes)",
				t.name, maxTagBytes, t.name, maxTagBytes)
		}
		*t.dst = s
	}
	return nil
}

// clip shortens s for an error message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
