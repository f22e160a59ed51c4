package search

import (
	"math"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/indexer"
	"seisaku/search/hit"
)

// spec is a validated Request: what to run and how to show it.
type spec struct {
	query             *Query
	filters           scope
	sort              bsearch.SortOrder
	page, hitsPerPage int
	facets            []string
	distinct          bool
	sortBy            string // "", relevance, year or date
	marker            hit.Marker
	relax             bool         // relax a query that finds little (relax.go)
	minTotal          int          // fewer matches than this: the count only (engine.Page.MinTotal)
	perDocument       int          // hit.Diversify; -1: no cap
	pending           *hit.Pending // non-nil: hits are bare until finished
	pageWindow        int          // > 0: the first hits are taken page by page (hit.CollapsePages) and ranked by evidence (hit.Evidence)
}

// newSpec validates r and fills in defaults.
func newSpec(r Request) (*spec, error) {
	q, err := ParseQuery(r.Q)
	if err != nil {
		return nil, err
	}
	p := &spec{query: q, page: r.Page, hitsPerPage: r.HitsPerPage}
	if p.sort, err = sortOrder(r.Sort); err != nil {
		return nil, err
	}
	p.sortBy = r.Sort
	for _, check := range []func(*spec, Request) error{checkPage, checkFacets, checkFilters, checkHighlight} {
		if err := check(p, r); err != nil {
			return nil, err
		}
	}
	switch {
	case r.PerDocument == 0:
		p.perDocument = DefaultPerDocument
	case r.PerDocument < 0:
		p.perDocument = -1
	default:
		p.perDocument = r.PerDocument
	}
	switch r.Matching {
	case "", MatchingRelaxed:
		p.relax = !q.Empty()
	case MatchingAll:
	default:
		return nil, Errorf(EInvalid, "matchingStrategy に指定できるのは relaxed か all です (unknown matchingStrategy %q)", r.Matching)
	}
	switch r.Distinct {
	case "":
	case "document":
		p.distinct = true
	default:
		return nil, Errorf(EInvalid, "distinct に指定できるのは document だけです (unknown distinct %q)", r.Distinct)
	}
	return p, nil
}

func checkPage(p *spec, r Request) error {
	if p.page == 0 {
		p.page = 1
	}
	if p.hitsPerPage == 0 {
		p.hitsPerPage = DefaultHitsPerPage
	}
	if p.page < 1 {
		return Errorf(EInvalid, "ページ番号は1以上です (page must be 1 or more, got %d)", r.Page)
	}
	limit := MaxHitsPerPage
	if r.Export {
		limit = MaxWindow
	}
	if p.hitsPerPage < 1 || p.hitsPerPage > limit {
		return Errorf(EInvalid, "1ページの件数は1〜%dです (hitsPerPage must be 1..%d, got %d)", limit, limit, r.HitsPerPage)
	}
	if p.page > MaxWindow/p.hitsPerPage {
		return Errorf(EInvalid, "先頭から%d件より後は表示できません。検索語や絞り込みを追加してください (only the first %d hits can be paged; narrow the search with more words or filters)", MaxWindow, MaxWindow)
	}
	return nil
}

func checkFacets(p *spec, r Request) error {
	for _, f := range r.Facets {
		if _, ok := indexer.FacetNamed(f); !ok {
			names := strings.Join(indexer.FacetNames(), ", ")
			return Errorf(EInvalid, "集計できる項目は %s です (unknown facet %q)", names, f)
		}
		p.facets = append(p.facets, f)
	}
	return nil
}

func checkFilters(p *spec, r Request) error {
	if r.YearFrom < 0 || r.YearTo < 0 || r.YearFrom > math.MaxInt32 || r.YearTo > math.MaxInt32 {
		return Errorf(EInvalid, "年度が正しくありません (year out of range)")
	}
	if r.YearFrom != 0 && r.YearTo != 0 && r.YearFrom > r.YearTo {
		return Errorf(EInvalid, "年度の範囲が逆です。開始 %d は終了 %d 以前にしてください (yearFrom is after yearTo)", r.YearFrom, r.YearTo)
	}
	if r.YearUnknown && (r.YearFrom != 0 || r.YearTo != 0) {
		return Errorf(EInvalid, "年度は範囲か unknown のどちらかで指定してください (year is either a range or unknown)")
	}
	p.filters = scope{Values: map[string][]string{}, YearFrom: r.YearFrom, YearTo: r.YearTo, YearUnknown: r.YearUnknown}
	for _, f := range indexer.Facets {
		if v := r.Filter(f.Name); v != nil && len(*v) > 0 {
			p.filters.Values[f.Name] = *v
		}
	}
	return nil
}

func checkHighlight(p *spec, r Request) error {
	p.marker = hit.Marker{Pre: r.HighlightPre, Post: r.HighlightPost, Crop: r.CropLength}
	if p.marker.Pre == "" {
		p.marker.Pre = "<mark>"
	}
	if p.marker.Post == "" {
		p.marker.Post = "</mark>"
	}
	if len(p.marker.Pre) > MaxTagLength || len(p.marker.Post) > MaxTagLength {
		return Errorf(EInvalid, "強調タグは%dバイト以内です (highlight tags are limited to %d bytes)", MaxTagLength, MaxTagLength)
	}
	if r.CropLength < 0 {
		return Errorf(EInvalid, "cropLength は0以上です (cropLength must not be negative)")
	}
	return nil
}

// sortOrder returns the bleve sort for a request's sort name. Ties break on
// the passage ID so pages are stable.
func sortOrder(name string) (bsearch.SortOrder, error) {
	score := &bsearch.SortScore{Desc: true}
	id := &bsearch.SortDocID{}
	switch name {
	case "", "relevance":
		return bsearch.SortOrder{score, id}, nil
	case "year":
		// the years' terms, four digits, order as the years do
		return bsearch.SortOrder{&bsearch.SortField{Field: indexer.FieldYearFacet, Desc: true,
			Type: bsearch.SortFieldAsString, Missing: bsearch.SortFieldMissingLast}, score, id}, nil
	case "date":
		return bsearch.SortOrder{&bsearch.SortField{Field: indexer.FieldPublished, Desc: true,
			Type: bsearch.SortFieldAsString, Missing: bsearch.SortFieldMissingLast}, score, id}, nil
	}
	return nil, Errorf(EInvalid, "並べ替えは relevance, year, date のいずれかです (unknown sort %q)", name)
}

// hits converts bleve matches into hits: whole, or bare and pending.
func (p *spec) hits(ms bsearch.DocumentMatchCollection) []Hit {
	if p.pending != nil {
		return p.pending.Bare(ms)
	}
	return p.marker.Hits(ms)
}

// diversifies reports whether p's pages are reordered (package hit), and
// how many of the first hits to fetch for it: the window, or the page's
// end when it lies beyond (the order past the window is the plain one, so
// every page size gives the same order).
func (p *spec) diversifies() (fetch int, ok bool) {
	if p.perDocument < 0 || p.distinct || (p.sortBy != "" && p.sortBy != "relevance") {
		return 0, false
	}
	end := p.page * p.hitsPerPage
	if p.pageWindow > 0 {
		// every page is cut from the collapsed window and the plain order
		// after it, so that deep pages follow on from the window's
		return end + p.pageWindow, true
	}
	if end-p.hitsPerPage >= hit.Window {
		return 0, false
	}
	return max(end, hit.Window), true
}

// window is p for the first hits of a diversified page: one page of n
// hits, kept bare (pending) until the page is cut from them.
func (p *spec) window(n int) *spec {
	w := *p
	w.page, w.hitsPerPage = 1, n
	w.pending = hit.NewPending()
	return &w
}
