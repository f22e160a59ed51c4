package search

import (
	"context"
	"slices"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
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
// state but the index, the vocabulary read from it and the fast path's
// caches; it wires the stages of a search together (see Search).
type Searcher struct {
	runner     *runner                          // runs queries: the fast path or bleve's searchers
	vocab      atomic.Pointer[vocab.Vocabulary] // the index's words, read by Refresh
	paged      atomic.Bool                      // the index holds paged documents (PDF): hit.CollapsePages
	answers    atomic.Bool                      // the index holds minutes with the executive's answers: query.LiftAnswers
	speechAvg  atomic.Uint64                    // float64 bits: the average passages of a speech of minutes, 0 without (hit.WeighSpeeches)
	roleCounts atomic.Pointer[roleCounts]       // a word's answer and question passages (executiveWords), emptied by Refresh
	themes     func(string) (string, bool)      // the theme a word names
	themeWords func(string) []string            // the thesaurus words of a theme
}

// New returns a Searcher over idx and reads its vocabulary: the titles and
// terms that Suggest completes with, the readings kana words are split
// into. After swapping the indexes behind an alias, call Refresh.
func New(idx bleve.Index) *Searcher { return newSearcher(idx, nil) }

// NewMulti returns a Searcher over several indexes served as one (one per
// city or prefecture, say), with the answers of one index over the same
// passages: the fast path reads the segments of all of them at once, so
// IDF, totals and facets are computed over the whole, and suggestions and
// kana readings come from their merged dictionaries. The fast path serves
// every search page; bleve's IndexAlias over the indexes loads documents
// and ranks similar passages (Similar), with each index's own scores.
func NewMulti(idxs ...bleve.Index) *Searcher {
	if len(idxs) == 1 {
		return New(idxs[0])
	}
	return newSearcher(bleve.NewIndexAlias(idxs...), idxs)
}

func newSearcher(idx bleve.Index, members []bleve.Index) *Searcher {
	th := theme.Default()
	words := map[string][]string{}
	for _, t := range th.Themes() {
		words[t.Name] = t.Words
	}
	s := &Searcher{runner: &runner{idx: idx, members: members, engine: newEngine(DefaultPostingsCacheBytes),
		firsts: engine.NewStoredCache(indexer.FirstPassageFields, maxCachedFirsts)},
		themes: func(w string) (string, bool) {
			t, ok := th.Lookup(w)
			return t.Name, ok
		},
		themeWords: func(name string) []string { return words[name] }}
	_ = s.Refresh(context.Background()) // an empty or closed index has no titles yet
	return s
}

// SetCacheBytes bounds the fast path's cache of decoded postings (default
// DefaultPostingsCacheBytes); 0 turns it off, which costs latency on
// repeated queries, not correctness. Call it before the first search.
func (s *Searcher) SetCacheBytes(n int) { s.runner.engine.SetCacheBytes(n) }

// SetFallbackHook calls fn with the reason each time the fast path does
// not serve a search and bleve's searchers run it instead (an index that
// is not a scorch index, a query kind the engine does not know). Call it
// before the first search.
func (s *Searcher) SetFallbackHook(fn func(reason error)) { s.runner.onFallback = fn }

// FastPathCounts returns how many searches the fast path served and how
// many it handed to bleve's searchers.
func (s *Searcher) FastPathCounts() (served, fellBack int64) {
	return s.runner.fastPages.Load(), s.runner.fallbacks.Load()
}

// Search runs r and returns one page of hits with facet counts. A request
// flows one way through the stages: its query is parsed (package
// search/query) and met with its filters; planned (package search/plan);
// run level by level until a level finds enough (run.go: the fast path or
// bleve's searchers); its hits presented (package search/hit); and the
// result annotated with how the query was matched (annotate).
func (s *Searcher) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	p, err := newSpec(r)
	if err != nil {
		return nil, err
	}
	v := s.vocab.Load()
	p.query.LiftCities(v.IsCity)
	if s.answers.Load() {
		p.query.LiftAnswers() // 答弁, 市長の答弁: the executive's answers, not the word
	}
	asked := p.query.DropQuestions() // どこ, 何人, 知りたい: what is asked, not what about
	if !p.query.Narrow(&p.filters) {
		return nothing(r, p, start), nil
	}
	o, err := s.options(r, v)
	if err != nil {
		return nil, err
	}
	if s.paged.Load() || s.answers.Load() {
		// pages and the questions of answers are read over the first
		// PageWindow hits (hit.Evidence), so the window is fetched
		p.pageWindow = hit.PageWindow
	}
	fetch := p // the spec each level runs: p, or the window a diversified page is cut from
	if n, ok := p.diversifies(); ok {
		fetch = p.window(n)
	}
	o.Found = func(q query.Query) bool {
		n, err := s.runner.count(ctx, q)
		return err != nil || n > 0 // on an error, as if found: not relaxed
	}
	pl := plan.New(p.query, r.Q, p.filters, o)
	rs, err := s.runner.levels(ctx, pl, p.relax, fetch)
	if err != nil {
		return nil, err
	}
	executive := false // the query's words are the executive's (hit.Evidence)
	if fetch != p && p.pageWindow > 0 && s.answers.Load() {
		executive = s.executiveWords(ctx, pl, p) > 0
	}
	res := rs.res
	if fetch != p && p.pageWindow > 0 {
		s.weighSpeeches(res.Hits)
	}
	if fetch != p {
		diversifyPage(res, rs, fetch, p, executive)
	}
	c := counter{rn: s.runner, p: p, readings: v.Readings()}
	if err := annotate(ctx, c, v, r, o, rs); err != nil {
		return nil, err
	}
	if len(p.facets) > 0 {
		res.FacetCounts = CountPassages
		if p.distinct {
			if fd, ok := s.runner.documentFacets(ctx, rs.plan.Query, p, hit.PassageCount(res.FacetDistribution)); ok {
				res.FacetDistribution, res.FacetCounts = fd, CountDocuments
			}
		}
	}
	noteAsked(res, asked)
	noteGrammar(res, p.query)
	res.Query = r.Q
	res.Page, res.HitsPerPage = p.page, p.hitsPerPage
	res.TotalPages = (res.TotalHits + p.hitsPerPage - 1) / p.hitsPerPage
	res.Expansions = rs.plan.Expansions
	res.Synonyms = rs.plan.Synonyms
	res.QueryFilters = p.query.Filters
	res.ProcessingTimeMs = time.Since(start).Milliseconds()
	return res, nil
}

// options are how r widens its words, with the readings of v.
func (s *Searcher) options(r Request, v *vocab.Vocabulary) (plan.Options, error) {
	o := plan.Options{Readings: v.Readings()}
	if r.Expand {
		o.Themes, o.ThemeWords = s.themes, s.themeWords
	}
	if r.Synonyms {
		var err error
		if o.Synonyms, err = synonym.Default(); err != nil {
			return o, &Error{Code: EInternal, Message: "同義語辞書を読めません (synonym dictionary)", Err: err}
		}
	}
	return o, nil
}

// levelRun is what running a query's levels found.
type levelRun struct {
	res         *Result
	plan        *plan.Plan // the last level's
	level       Level
	strictTotal int // what the strict level finds, themes included
}

// levels runs the planned query level by level (with relax, until a level
// finds relaxUntil passages; a level that finds too few is only counted)
// and returns the last level's page, in fetch's window.
func (rn *runner) levels(ctx context.Context, pl *plan.Planner, relax bool, fetch *spec) (levelRun, error) {
	rs := levelRun{level: LevelStrict}
	allFast := !rn.plainOnly
	for {
		rs.plan = pl.At(rs.level)
		fetch.marker.Marks, fetch.marker.Words = rs.plan.Marks, rs.plan.Words
		further := relax && pl.MayRelax(rs.level)
		fetch.minTotal = 0
		if further {
			fetch.minTotal = relaxUntil
		}
		res, fast, err := rn.page(ctx, rs.plan.Query, fetch)
		if err != nil {
			return rs, err
		}
		rs.res, allFast = res, allFast && fast
		if rs.level == LevelStrict {
			rs.strictTotal = res.TotalHits
		}
		if !further || res.TotalHits >= relaxUntil {
			break
		}
		// only now that it finds too few: which words find passages as
		// typed, and are therefore not relaxed into their parts
		next, ok := pl.Next(rs.level)
		if !ok { // the level only counted: its page after all
			fetch.minTotal = 0
			if res, fast, err = rn.page(ctx, rs.plan.Query, fetch); err != nil {
				return rs, err
			}
			rs.res, allFast = res, allFast && fast
			break
		}
		rs.level = next
	}
	fetch.minTotal = 0
	if allFast {
		rn.fastPages.Add(1)
	}
	return rs, nil
}

// diversifyPage cuts p's page from the window of bare hits the levels
// fetched: explained first when their tiers differ, reordered (package
// hit; executive: the query's words are the executive's), then
// highlighted.
func diversifyPage(res *Result, rs levelRun, fetch, p *spec, executive bool) {
	// The first hits are reordered (their tiers, their evidence, their
	// speeches and pages) within a window of the same size whatever the
	// page's: hit.PageWindow where the pages read it, else hit.Window.
	// Reordered over all the hits fetched, the first page depended on the
	// page's size (on kiryu's minutes, a page of 100 began otherwise than a
	// page of 20 for 11 of 48 queries) and deeper pages repeated hits of
	// earlier ones.
	head := res.Hits
	if w := max(p.pageWindow, hit.Window); len(head) > w {
		head = head[:w]
	}
	if rs.level > LevelStrict || len(rs.plan.Expansions) > 0 { // tiers differ
		for i := range head {
			fetch.pending.Explain(fetch.marker, &head[i])
		}
	}
	hit.Evidence(head, executive)
	if p.pageWindow > 0 { // the same first hits whatever the page asked for, so pages stay disjoint
		w := min(len(res.Hits), p.pageWindow)
		res.Hits = append(hit.CollapsePages(res.Hits[:w]), res.Hits[w:]...)
	}
	plain := slices.Clone(res.Hits)
	res.Hits, _ = hit.Diversify(res.Hits, p.perDocument, hit.Window)
	moved := hit.MovedPast(plain, res.Hits, p.page*p.hitsPerPage) // what this page's reader misses
	from := min((p.page-1)*p.hitsPerPage, len(res.Hits))
	res.Hits = res.Hits[from:min(from+p.hitsPerPage, len(res.Hits))]
	for i := range res.Hits {
		fetch.pending.Finish(fetch.marker, &res.Hits[i])
	}
	if moved > 0 {
		res.Diversified = &Diversity{PerDocument: p.perDocument, Moved: moved, Message: hit.DiversityMessage(p.perDocument, moved)}
	}
}

// annotate says how the query was matched: the passages by how they match,
// もしかして for a relaxed query or one that found nothing, and what a
// relaxed query lacks.
func annotate(ctx context.Context, c counter, v *vocab.Vocabulary, r Request, o plan.Options, rs levelRun) error {
	res, themed, relaxed := rs.res, len(rs.plan.Expansions) > 0, rs.level > LevelStrict
	var err error
	if !c.p.query.Empty() && (themed || relaxed) {
		if res.MatchCounts, err = matchCounts(ctx, c, r, themed, rs.strictTotal, res.TotalHits); err != nil {
			return err
		}
	}
	if relaxed || res.TotalHits == 0 {
		if res.DidYouMean, err = didYouMean(ctx, c, v); err != nil {
			return err
		}
	}
	if relaxed {
		if res.Relaxed, err = relaxation(ctx, c, rs.level, o.Themes, res.TotalHits, res.MatchCounts.Literal); err != nil {
			return err
		}
	}
	return nil
}

// nothing is the empty answer to a request whose filters cannot all hold.
func nothing(r Request, p *spec, start time.Time) *Result {
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

// noteAsked tells the user which question words the search left out, in
// res.Asked and in the message of a relaxed search.
// noteGrammar explains a search that found nothing when its words are
// grammar alone (あります, について): no passage can hold them as a word.
func noteGrammar(res *Result, q *Query) {
	if res.TotalHits > 0 || res.Asked != nil || len(q.Clauses) == 0 {
		return
	}
	var words []string
	for _, c := range q.Clauses {
		for _, w := range c.Any {
			if w.Phrase || !analyzers.GrammarOnly(w.Text) {
				return
			}
			words = append(words, w.Text)
		}
	}
	msg := hit.QuoteAll(words, "と") + "は助詞や助動詞など文の組み立ての言葉だけで、検索の手がかりになりません。調べたい事柄を表す言葉で検索してください。"
	res.Asked = &Asked{Words: words, Message: msg}
}

func noteAsked(res *Result, asked []string) {
	if len(asked) == 0 {
		return
	}
	msg := hit.QuoteAll(asked, "と") + "は質問の言葉として、検索には使っていません。"
	res.Asked = &Asked{Words: asked, Message: msg}
	if res.Relaxed != nil {
		res.Relaxed.Message += msg
	}
}
