package search

import (
	"context"
	"math"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/indexer"
	"seisaku/indexer/theme"
	"seisaku/search/hit"
	"seisaku/search/internal/engine"
	"seisaku/search/internal/vocab"
	"seisaku/search/plan"
	"seisaku/search/synonym"
)

// Paging bounds. Deep pages cost the index a sort of every hit before them;
// past MaxWindow hits a person should narrow the search instead.
const (
	MaxTagLength       = hit.MaxTagLength       // bounds highlightPreTag and highlightPostTag
	DefaultPerDocument = hit.DefaultPerDocument // relevance pages: a document's passages before its others move back
	DefaultHitsPerPage = 20
	MaxHitsPerPage     = 100
	MaxWindow          = 10000
	distinctWindow     = 1000
)

// Searcher answers requests over one bleve index or IndexAlias. It holds no
// state but the index and the suggestion tables built from it.
type Searcher struct {
	idx        bleve.Index
	members    []bleve.Index               // NewMulti's indexes, which idx is an alias of
	lookup     func(string) (string, bool) // the theme a word names
	themeWords func(string) []string       // the thesaurus words of a theme

	vocab atomic.Pointer[vocab.Vocabulary] // the index's words, read by Refresh

	engine     *engine.Engine // the fast path; see fastpath.go
	plainOnly  bool           // tests: always let bleve run the whole query
	fastPages  atomic.Int64   // pages the fast path served
	fallbacks  atomic.Int64   // searches the fast path handed to bleve
	onFallback func(error)    // nil: none; see SetFallbackHook
}

// New returns a Searcher over idx and precomputes the title list that
// Suggest uses and the reading dictionary that kana words are split with.
// After swapping the indexes behind an alias, call Refresh.
func New(idx bleve.Index) *Searcher { return newSearcher(idx, nil) }

// SetCacheBytes bounds the fast path's cache of decoded postings (default
// DefaultPostingsCacheBytes); 0 turns it off, which costs latency on
// repeated queries, not correctness. Call it before the first search.
func (s *Searcher) SetCacheBytes(n int) { s.engine.SetCacheBytes(n) }

func newSearcher(idx bleve.Index, members []bleve.Index) *Searcher {
	th := theme.Default()
	words := map[string][]string{}
	for _, t := range th.Themes() {
		words[t.Name] = t.Words
	}
	s := &Searcher{idx: idx, members: members, engine: newEngine(DefaultPostingsCacheBytes),
		lookup: func(w string) (string, bool) {
			t, ok := th.Lookup(w)
			return t.Name, ok
		},
		themeWords: func(name string) []string { return words[name] }}
	_ = s.Refresh(context.Background()) // an empty or closed index has no titles yet
	return s
}

// storedFields are the fields every hit loads.
var storedFields = []string{
	indexer.FieldDocID, indexer.FieldSeq, indexer.FieldTitle, indexer.FieldText,
	indexer.FieldHeadings, indexer.FieldCity, indexer.FieldDepartment, indexer.FieldYear,
	indexer.FieldIssueType, indexer.FieldPublished, indexer.FieldSource, indexer.FieldURL,
	indexer.FieldPage, indexer.FieldPrefecture,
}

// Search runs r and returns one page of hits with facet counts.
func (s *Searcher) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	p, err := newSpec(r)
	if err != nil {
		return nil, err
	}
	p.query.LiftCities(s.vocab.Load().IsCity)
	if !p.query.Narrow(&p.filters) {
		return s.nothing(r, p, start), nil
	}
	o := plan.Options{Readings: s.vocab.Load().Readings()}
	if r.Expand {
		o.Themes, o.ThemeWords = s.lookup, s.themeWords
	}
	if r.Synonyms {
		if o.Synonyms, err = synonym.Default(); err != nil {
			return nil, &Error{Code: EInternal, Message: "同義語辞書を読めません (synonym dictionary)", Err: err}
		}
	}
	planner := plan.New(p.query, r.Q, p.filters, o)
	var lp *plan.Plan
	var res *Result
	lv, allFast := LevelStrict, !s.plainOnly
	strictTotal := 0 // what the strict level finds, themes included
	fetch := p       // the spec each level runs: p, or the window a diversified page is cut from
	window, diversified := p.diversifies()
	if diversified {
		w := *p
		w.page, w.hitsPerPage = 1, window
		w.pending = hit.NewPending()
		fetch = &w
	}
	for {
		lp = planner.At(lv)
		fetch.marker.Marks, fetch.marker.Words = lp.Marks, lp.Words
		next, further := lv, false
		if p.relax {
			next, further = planner.Next(lv)
		}
		fetch.minTotal = 0
		if further { // a level that finds too little is only counted
			fetch.minTotal = relaxUntil
		}
		var fast bool
		if res, fast, err = s.page(ctx, lp.Query, fetch); err != nil {
			return nil, err
		}
		allFast = allFast && fast
		if lv == LevelStrict {
			strictTotal = res.TotalHits
		}
		if !further || res.TotalHits >= relaxUntil {
			break
		}
		lv = next
	}
	fetch.minTotal = 0
	if allFast {
		s.fastPages.Add(1)
	}
	if diversified {
		if lv > LevelStrict || len(lp.Expansions) > 0 { // tiers differ
			for i := range res.Hits {
				fetch.pending.Explain(fetch.marker, &res.Hits[i])
			}
		}
		var moved int
		res.Hits, moved = hit.Diversify(res.Hits, p.perDocument, hit.Window(p.hitsPerPage))
		from := min((p.page-1)*p.hitsPerPage, len(res.Hits))
		res.Hits = res.Hits[from:min(from+p.hitsPerPage, len(res.Hits))]
		for i := range res.Hits {
			fetch.pending.Finish(fetch.marker, &res.Hits[i])
		}
		if moved > 0 {
			res.Diversified = &Diversity{PerDocument: p.perDocument, Moved: moved, Message: hit.DiversityMessage(p.perDocument, moved)}
		}
	}
	if !p.query.Empty() && (len(lp.Expansions) > 0 || lv > LevelStrict) {
		if res.MatchCounts, err = s.matchCounts(ctx, p, r, len(lp.Expansions) > 0, strictTotal, res.TotalHits); err != nil {
			return nil, err
		}
	}
	if lv > LevelStrict || res.TotalHits == 0 {
		if res.DidYouMean, err = s.didYouMean(ctx, p, r); err != nil {
			return nil, err
		}
	}
	if lv > LevelStrict {
		if res.Relaxed, err = s.relaxation(ctx, p, lv, o.Themes, res.TotalHits, res.MatchCounts.Literal); err != nil {
			return nil, err
		}
	}
	if len(p.facets) > 0 {
		res.FacetCounts = CountPassages
		if p.distinct {
			if fd, ok := s.documentFacets(ctx, lp.Query, p, passageCount(res.FacetDistribution)); ok {
				res.FacetDistribution, res.FacetCounts = fd, CountDocuments
			}
		}
	}
	res.Query = r.Q
	res.Page, res.HitsPerPage = p.page, p.hitsPerPage
	res.TotalPages = (res.TotalHits + p.hitsPerPage - 1) / p.hitsPerPage
	res.Expansions = lp.Expansions
	res.Synonyms = lp.Synonyms
	res.QueryFilters = p.query.Filters
	res.ProcessingTimeMs = time.Since(start).Milliseconds()
	return res, nil
}

// page runs q for the plan's page: through the fast path when it can serve
// it, else through bleve's searchers.
// It reports whether the fast path served it.
func (s *Searcher) page(ctx context.Context, q query.Query, p *spec) (*Result, bool, error) {
	if !s.plainOnly {
		res, ok, err := s.fastOrFallback(ctx, q, p)
		if err != nil || ok {
			return res, ok, err
		}
	}
	var res *Result
	var err error
	if p.distinct {
		res, err = s.searchDistinct(ctx, q, p)
	} else {
		res, err = s.searchPage(ctx, q, p)
	}
	return res, false, err
}

// searchPage fetches page p of the passages matching q with bleve's own
// searchers: for indexes and queries the fast path does not serve, and as
// the reference the fast path is tested against.
func (s *Searcher) searchPage(ctx context.Context, q query.Query, p *spec) (*Result, error) {
	req := s.hitRequest(q, p, p.hitsPerPage, (p.page-1)*p.hitsPerPage)
	addFacets(req, p.facets)
	sr, err := s.run(ctx, req)
	if err != nil {
		return nil, err
	}
	return &Result{
		Hits:              p.hits(sr.Hits),
		TotalHits:         int(sr.Total),
		FacetDistribution: facetDistribution(sr.Facets, p.facets),
	}, nil
}

// hitRequest asks for hits with their stored fields and term locations.
func (s *Searcher) hitRequest(q query.Query, p *spec, size, from int) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q, size, from, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	req.SortByCustom(p.sort)
	return req
}

func (s *Searcher) run(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	sr, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, &Error{Code: EInternal, Message: "検索が中断されました (search canceled)", Err: err}
		}
		return nil, &Error{Code: EInternal, Message: "検索に失敗しました (search failed)", Err: err}
	}
	return sr, nil
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
		return bsearch.SortOrder{&bsearch.SortField{Field: indexer.FieldYear, Desc: true,
			Type: bsearch.SortFieldAsNumber, Missing: bsearch.SortFieldMissingLast}, score, id}, nil
	case "date":
		return bsearch.SortOrder{&bsearch.SortField{Field: indexer.FieldPublished, Desc: true,
			Type: bsearch.SortFieldAsString, Missing: bsearch.SortFieldMissingLast}, score, id}, nil
	}
	return nil, Errorf(EInvalid, "並べ替えは relevance, year, date のいずれかです (unknown sort %q)", name)
}

func addFacets(req *bleve.SearchRequest, names []string) {
	for _, n := range names {
		f, _ := indexer.FacetNamed(n)
		req.AddFacet(n, bleve.NewFacetRequest(f.Field, f.Size))
	}
}

// facetDistribution converts bleve's facet results. Passages without the
// field are counted under the facet's unknown value.
func facetDistribution(fr bsearch.FacetResults, names []string) map[string]map[string]int {
	if len(names) == 0 {
		return nil
	}
	out := make(map[string]map[string]int, len(names))
	for _, n := range names {
		m := map[string]int{}
		if f := fr[n]; f != nil {
			for _, t := range f.Terms.Terms() {
				m[t.Term] = t.Count
			}
			if f.Missing > 0 {
				m[indexer.Unknown] += f.Missing
			}
		}
		out[n] = m
	}
	return out
}

// searchDistinct is searchPage with at most one passage per document: the
// best one in the requested order. bleve has no collapse, so it reads a
// window of passage IDs (no fields, no locations) that grows until it holds
// the documents up to the end of the page or every hit; the collapse is
// exact unless the window reaches MaxWindow passages. The page's passages
// are then fetched with fields and locations. TotalHits is the number of
// distinct documents when the window held every hit, else the number of
// passages (an upper bound). The first window reads at least
// distinctWindow passage IDs, so small results get an exact document count.
func (s *Searcher) searchDistinct(ctx context.Context, q query.Query, p *spec) (*Result, error) {
	need := p.page * p.hitsPerPage
	window := min(max(need*4, distinctWindow), MaxWindow)
	for {
		req := bleve.NewSearchRequestOptions(q, window, 0, false)
		req.Fields = []string{indexer.FieldDocID}
		req.SortByCustom(p.sort)
		addFacets(req, p.facets)
		sr, err := s.run(ctx, req)
		if err != nil {
			return nil, err
		}
		ids, docs := firstPerDocument(sr.Hits)
		all := int(sr.Total) <= len(sr.Hits)
		if docs >= need || all || window >= MaxWindow {
			res := &Result{TotalHits: int(sr.Total), FacetDistribution: facetDistribution(sr.Facets, p.facets)}
			if all {
				res.TotalHits = docs
			}
			lo, hi := min((p.page-1)*p.hitsPerPage, len(ids)), min(need, len(ids))
			res.Hits, err = s.fetch(ctx, q, p, ids[lo:hi])
			return res, err
		}
		window = min(window*4, MaxWindow)
	}
}

// firstPerDocument returns the IDs of the first passage of each document in
// hit order, and the number of documents.
func firstPerDocument(hits bsearch.DocumentMatchCollection) ([]string, int) {
	seen := map[string]bool{}
	var ids []string
	for _, h := range hits {
		d := hit.StoredString(h.Fields[indexer.FieldDocID])
		if seen[d] {
			continue
		}
		seen[d] = true
		ids = append(ids, h.ID)
	}
	return ids, len(ids)
}

// fetch loads the passages ids (matching q) with fields and locations, in
// the plan's order.
func (s *Searcher) fetch(ctx context.Context, q query.Query, p *spec, ids []string) ([]Hit, error) {
	if len(ids) == 0 {
		return []Hit{}, nil
	}
	bq := query.NewBooleanQuery([]query.Query{q}, nil, nil)
	bq.AddFilter(query.NewDocIDQuery(ids))
	sr, err := s.run(ctx, s.hitRequest(bq, p, len(ids), 0))
	if err != nil {
		return nil, err
	}
	return p.hits(sr.Hits), nil
}

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
	perDocument       int          // diversify.go; -1: no cap
	pending           *hit.Pending // non-nil: hits are bare until finished
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
	if p.hitsPerPage < 1 || p.hitsPerPage > MaxHitsPerPage {
		return Errorf(EInvalid, "1ページの件数は1〜%dです (hitsPerPage must be 1..%d, got %d)", MaxHitsPerPage, MaxHitsPerPage, r.HitsPerPage)
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

func termQuery(field, term string, boost float64) *query.TermQuery {
	tq := query.NewTermQuery(term)
	tq.SetField(field)
	tq.SetBoost(boost)
	return tq
}

// nothing is the empty answer to a request whose filters cannot all hold.
func (s *Searcher) nothing(r Request, p *spec, start time.Time) *Result {
	res := &Result{Query: r.Q, Hits: []Hit{}, Page: p.page, HitsPerPage: p.hitsPerPage,
		QueryFilters: p.query.Filters, ProcessingTimeMs: time.Since(start).Milliseconds()}
	if len(p.facets) > 0 {
		res.FacetDistribution = map[string]map[string]int{}
		for _, f := range p.facets {
			res.FacetDistribution[f] = map[string]int{}
		}
	}
	return res
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
	end, window := p.page*p.hitsPerPage, hit.Window(p.hitsPerPage)
	if end-p.hitsPerPage >= window {
		return 0, false
	}
	return max(end, window), true
}
