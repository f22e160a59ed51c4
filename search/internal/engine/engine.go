package engine

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Config says what the engine needs to know of the index schema.
type Config struct {
	// CacheBytes bounds the cache of decoded postings; 0 turns it off,
	// which costs latency on repeated queries, not correctness.
	CacheBytes int
	// Located are the fields indexed with term vectors: hits report the
	// locations of the query's terms in them.
	Located []string
	// YearTerms is the keyword field of the fiscal years, four digits
	// each: a range of its terms filters on the years.
	YearTerms string
	// DocumentOf returns the document of a passage ID, for Page.Distinct;
	// nil: DocumentOfPassage.
	DocumentOf func(passageID string) string
}

// Engine serves searches over the views of one index (or one set of
// indexes served as one), keeping its cache and ID order between them. It
// is safe for concurrent use.
type Engine struct {
	cfg     Config
	located map[string]bool
	c       *cache
	order   idOrderCache
}

// New returns an Engine for indexes with the schema cfg describes.
func New(cfg Config) *Engine {
	if cfg.DocumentOf == nil {
		cfg.DocumentOf = DocumentOfPassage
	}
	e := &Engine{cfg: cfg, located: map[string]bool{}, c: newCache(cfg.CacheBytes)}
	for _, f := range cfg.Located {
		e.located[f] = true
	}
	return e
}

// SetCacheBytes replaces the cache with an empty one bounded by n bytes (0:
// none). Call it before the first search.
func (e *Engine) SetCacheBytes(n int) { e.c = newCache(n) }

// CacheBytes returns the bytes the cache holds and its bound.
func (e *Engine) CacheBytes() (size, limit int) {
	if e.c == nil {
		return 0, 0
	}
	e.c.mu.Lock()
	defer e.c.mu.Unlock()
	return e.c.size, e.c.limit
}

// Prepare builds the passage ID order of v before the first search needs
// it.
func (e *Engine) Prepare(v *View) error {
	_, err := e.order.get(v, e.cfg.DocumentOf)
	return err
}

// Page is what a search asks for besides the query.
type Page struct {
	From, Size int          // the hits (or documents, with Distinct) from..from+size in ranking order
	Sort       *SortField   // nil: by relevance
	Distinct   bool         // at most one passage per document; Total counts documents
	Facets     []FacetField // the facets to count over every match
	Fields     []string     // the stored fields each hit loads
	// Terms are keyword fields a hit takes from the index's terms (as
	// facets count them: the values in term order) where the passage
	// stores none.
	Terms []string
	// MinTotal: when fewer passages than this match, Search returns only
	// Total (no facets, no hits) from the exact phase, so a caller that
	// would then search more loosely pays for no ranking it throws away.
	// (With Distinct, a page whose passages reach MinTotal but whose
	// documents do not is served in full.)
	MinTotal int
}

// SortField orders hits by a keyword field's value, largest first, before
// the score; passages without a value come last.
type SortField struct {
	Field string
	Year  bool // values are fiscal years ("2022"); else dates (YYYY, YYYY-MM or YYYY-MM-DD)
}

// FacetField is one facet to count: the Size most frequent values of a
// keyword field (ties by value), as bleve's term facet counts them.
type FacetField struct {
	Name, Field string
	Size        int
}

// FacetCounts are a facet's counts: Terms by value, and Missing, the
// matched passages with no value.
type FacetCounts struct {
	Terms   map[string]int
	Missing int
}

// Result is a page of a search.
type Result struct {
	Total  int // matching passages, or documents with Page.Distinct
	Facets map[string]FacetCounts
	// Hits are the page's passages in order, with bleve's score, the
	// stored fields as bleve's LoadAndHighlightFields fills them, and the
	// term locations in the located fields.
	Hits []*bsearch.DocumentMatch
}

// Search runs q over v and returns page p, or an error wrapping
// ErrUnsupported when it cannot serve them.
func (e *Engine) Search(ctx context.Context, v *View, q *Query, p Page) (*Result, error) {
	ord, err := e.order.get(v, e.cfg.DocumentOf)
	if err != nil {
		return nil, err
	}
	m, err := e.match(v, q.root)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{Total: m.total}
	if m.total < p.MinTotal { // fewer documents too
		if p.Distinct {
			res.Total = m.documents(ord)
		}
		res.Hits = []*bsearch.DocumentMatch{}
		return res, nil
	}
	if res.Facets, err = m.facets(p.Facets); err != nil {
		return nil, err
	}
	if err := e.rankPage(m, q.root, ord, p, res); err != nil {
		return nil, err
	}
	return res, ctx.Err()
}

// matched is the exact result of a query over a view.
type matched struct {
	view  *View
	segs  []*segEval
	base  []uint64 // first document number of each segment
	sets  []*roaring.Bitmap
	total int

	mu   sync.Mutex // guards idfs
	idfs map[[2]string]float64
}

func (e *Engine) match(v *View, root node) (*matched, error) {
	years := v.years(e.cfg.YearTerms)
	m := &matched{view: v, idfs: map[[2]string]float64{}}
	var base uint64
	for _, ss := range v.segments() {
		se := newSegEval(ss.Segment(), ss.Deleted(), years, e.cfg.YearTerms, e.c)
		set, err := root.exact(se, se.live)
		if err != nil {
			return nil, err
		}
		m.segs = append(m.segs, se)
		m.base = append(m.base, base)
		m.sets = append(m.sets, set)
		m.total += int(set.GetCardinality())
		base += ss.Segment().Count()
	}
	return m, nil
}

// segmentOf returns the segment of passage num and its number there.
func (m *matched) segmentOf(num uint64) (int, uint32) {
	s := sort.Search(len(m.base), func(i int) bool { return m.base[i] > num }) - 1
	return s, uint32(num - m.base[s])
}

// idf is bleve's inverse document frequency of a term over the view's
// live passages.
func (m *matched) idf(field, term string) (float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := [2]string{field, term}
	if v, ok := m.idfs[k]; ok {
		return v, nil
	}
	df, n := uint64(0), uint64(0)
	for _, e := range m.segs {
		n += e.live.GetCardinality()
		c, err := e.liveCount(field, term)
		if err != nil {
			return 0, fmt.Errorf("%s:%s: %w", field, term, err)
		}
		df += c
	}
	v := idfOf(df, n)
	m.idfs[k] = v
	return v, nil
}

// rankPage fills res with the page of hits.
func (e *Engine) rankPage(m *matched, root node, ord *idOrder, p Page, res *Result) error {
	from, to := p.From, p.From+p.Size
	if p.Distinct {
		res.Total = m.documents(ord)
	}
	res.Hits = []*bsearch.DocumentMatch{}
	if from >= res.Total || p.Size == 0 { // a count: no ranking
		return nil
	}
	keys, err := m.sortKeys(p.Sort)
	if err != nil {
		return err
	}
	nums, err := m.pool(root, ord, keys, max(poolMin, 2*to), p.Distinct)
	if err != nil {
		return err
	}
	pick := func(ranked []rescored) []int { // the page's passages, in order
		var idx []int
		for i := from; i < min(to, len(ranked)); i++ {
			idx = append(idx, i)
		}
		return idx
	}
	if p.Distinct {
		// The pool holds each of the best documents' best passage by the
		// first phase; all their matching passages are scored exactly, and
		// the page keeps each document's first.
		nums = m.passagesOf(ord, nums)
		pick = func(ranked []rescored) []int {
			seen := map[uint32]bool{}
			var idx []int
			for i, r := range ranked {
				doc := ord.doc[r.num]
				if seen[doc] {
					continue
				}
				seen[doc] = true
				if len(seen) > from {
					idx = append(idx, i)
				}
				if len(seen) == to {
					break
				}
			}
			return idx
		}
	}
	ranked, onPage, err := m.rescore(root, e.located, nums, ord, keys, pick)
	if err != nil {
		return err
	}
	fields := map[string]bool{}
	for _, f := range p.Fields {
		fields[f] = true
	}
	for _, i := range onPage {
		r := ranked[i]
		dm := &bsearch.DocumentMatch{ID: ord.ids[r.rank], Score: r.score, Locations: r.locs}
		if err := m.loadFields(r.num, fields, dm); err != nil {
			return err
		}
		if err := m.loadTerms(r.num, p.Terms, dm); err != nil {
			return err
		}
		res.Hits = append(res.Hits, dm)
	}
	return nil
}

// documents counts the distinct documents of the matched passages.
func (m *matched) documents(ord *idOrder) int {
	seen := make(bitset, (ord.docs+63)/64)
	n := 0
	for i, set := range m.sets {
		base := uint32(m.base[i])
		for it, ds := newBlocks(set); len(ds) > 0; ds = it.next() {
			for _, d := range ds {
				doc := uint64(ord.doc[base+d])
				if !seen.has(doc) {
					seen[doc>>6] |= 1 << (doc & 63)
					n++
				}
			}
		}
	}
	return n
}

// passagesOf returns every matched passage of the documents of nums.
func (m *matched) passagesOf(ord *idOrder, nums []uint64) []uint64 {
	want := map[uint32]bool{}
	for _, n := range nums {
		want[ord.doc[n]] = true
	}
	var out []uint64
	for i, set := range m.sets {
		base := uint32(m.base[i])
		for it, ds := newBlocks(set); len(ds) > 0; ds = it.next() {
			for _, d := range ds {
				if want[ord.doc[base+d]] {
					out = append(out, uint64(base+d))
				}
			}
		}
	}
	return out
}

// loadTerms adds to dm.Fields the values of each keyword field of fields
// that passage num holds and does not store, from the segment's facet
// ordinals (built from the field's postings and cached, as facets use
// them), in term order.
func (m *matched) loadTerms(num uint64, fields []string, dm *bsearch.DocumentMatch) error {
	s, d := m.segmentOf(num)
	for _, f := range fields {
		if _, stored := dm.Fields[f]; stored {
			continue
		}
		fo, err := m.segs[s].facetOrdinals(f, func() ([]string, error) { return m.view.terms(f) })
		if err != nil {
			return err
		}
		for _, v := range fo.values(uint64(d)) {
			dm.AddFieldValue(f, v)
		}
	}
	return nil
}

// loadFields fills dm.Fields with passage num's stored fields, as bleve's
// LoadAndHighlightFields does (text as strings, numbers as float64, a
// repeated field as a list), reading the segment directly.
func (m *matched) loadFields(num uint64, want map[string]bool, dm *bsearch.DocumentMatch) error {
	s, d := m.segmentOf(num)
	var ferr error
	err := m.segs[s].seg.VisitStoredFields(uint64(d), func(field string, typ byte, value []byte, _ []uint64) bool {
		if !want[field] {
			return true
		}
		switch typ {
		case 't':
			dm.AddFieldValue(field, string(value))
		case 'n':
			i, err := numeric.PrefixCoded(value).Int64()
			if err != nil {
				ferr = err
				return false
			}
			dm.AddFieldValue(field, numeric.Int64ToFloat64(i))
		}
		return true
	})
	if err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("stored fields of %s: %w", dm.ID, err)
	}
	return nil
}
