package search

import (
	"container/heap"
	"context"
	"errors"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"seisaku/indexer"
)

// The fast path answers a page (by relevance, year or date) without
// bleve's searchers, which have no top-k pruning and visit every matching
// passage through every searcher of the query (tens of thousands for a
// common word). It reads the same segments and computes the same result:
//
//  1. the exact set of matching passages, as bitmaps (matchset.go), gives
//     totalHits and the facet counts;
//  2. a first phase (firstphase.go) scores every match with bleve's TF-IDF
//     in float32 and keeps a pool of the best (after the sort field, if
//     any), ties by passage ID as bleve breaks them;
//  3. the pool is scored again exactly (rescore.go), ordered, and the page
//     gets its stored fields and term locations.
//
// TestFastPathAgrees holds it to bleve's answers: totals, facets, hits,
// order, scores and highlights. With distinct=document the pool holds the
// best passage of each of the best documents by the first phase, and all
// their matching passages are scored exactly. It serves every page a
// request may ask for (up to MaxWindow); indexes that are not scorch
// indexes take the plain bleve path.
const (
	splitMin = 65536 // matches in a segment worth scoring on two cores
	poolMin  = 40    // smallest pool the second phase rescores
)

// idOrder maps a view's document numbers to the order of their external
// IDs, bleve's tie-break.
type idOrder struct {
	view view
	rank []uint32 // by document number
	ids  []string // by rank
	doc  []uint32 // by document number: the passage's document (its ID before the last "-")
	docs int      // documents in the view
}

type idOrderCache struct {
	mu sync.Mutex
	o  *idOrder
}

func (c *idOrderCache) get(v view) (*idOrder, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.o != nil && c.o.view.same(v) {
		return c.o, nil
	}
	type entry struct {
		id  string
		num uint32
	}
	var es []entry
	var total uint64
	for _, ss := range v.segments() {
		// The _id dictionary lists the IDs in order with their one
		// document each, held in the dictionary itself: reading it leaves
		// the stored passages (most of the file) untouched.
		seg := ss.Segment()
		d, err := seg.Dictionary("_id")
		if err != nil {
			return nil, err
		}
		// Not eachPosting: reusing one postings list and iterator for the
		// ~200,000 IDs of a large index halves the time (150 against 340 ms).
		var pl segment.PostingsList
		var pi segment.PostingsIterator
		err = eachEntry(d.AutomatonIterator(nil, nil, nil).Next, func(de *index.DictEntry) error {
			var err error
			if pl, err = d.PostingsList([]byte(de.Term), ss.Deleted(), pl); err != nil {
				return err
			}
			pi = pl.Iterator(false, false, false, pi)
			for {
				p, err := pi.Next()
				if err != nil || p == nil {
					return err
				}
				es = append(es, entry{de.Term, uint32(total + p.Number())})
			}
		})
		if err != nil {
			return nil, err
		}
		total += seg.Count()
	}
	if total > math.MaxUint32 {
		return nil, errUnsupported
	}
	// each segment's IDs are sorted already; several segments interleave
	slices.SortStableFunc(es, func(a, b entry) int { return strings.Compare(a.id, b.id) })
	o := &idOrder{view: append(view(nil), v...), rank: make([]uint32, total), ids: make([]string, len(es)),
		doc: make([]uint32, total)}
	docs := map[string]uint32{}
	for i, e := range es {
		o.rank[e.num] = uint32(i)
		o.ids[i] = e.id
		d := e.id
		if j := strings.LastIndexByte(d, '-'); j > 0 {
			d = d[:j]
		}
		n, ok := docs[d]
		if !ok {
			n = uint32(len(docs))
			docs[d] = n
		}
		o.doc[e.num] = n
	}
	o.docs = len(docs)
	c.o = o
	return o, nil
}

// scorchReader returns a reader over the index's current snapshot, or
// errUnsupported when the index is not one scorch index.
func scorchReader(idx bleve.Index) (*scorch.IndexSnapshot, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, errUnsupported
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, errUnsupported
	}
	r, err := sc.Reader()
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, errUnsupported
	}
	return snap, nil
}

// view is what the fast path reads: the current snapshot of each of the
// Searcher's indexes, their segments numbered one after the other.
type view []*scorch.IndexSnapshot

// view opens the current snapshots; close them after use.
func (s *Searcher) view() (view, error) {
	idxs := s.members
	if len(idxs) == 0 {
		idxs = []bleve.Index{s.idx}
	}
	var v view
	for _, idx := range idxs {
		snap, err := scorchReader(idx)
		if err != nil {
			v.close()
			return nil, err
		}
		v = append(v, snap)
	}
	return v, nil
}

func (v view) close() {
	for _, s := range v {
		s.Close()
	}
}

func (v view) segments() []*scorch.SegmentSnapshot {
	var out []*scorch.SegmentSnapshot
	for _, s := range v {
		out = append(out, s.Segments()...)
	}
	return out
}

func (v view) same(o view) bool {
	if len(v) != len(o) {
		return false
	}
	for i := range v {
		if v[i] != o[i] {
			return false
		}
	}
	return true
}

// terms returns the sorted values of field over the view.
func (v view) terms(field string) ([]string, error) {
	var all []string
	for _, s := range v {
		ts, err := fieldTerms(s, field)
		if err != nil {
			return nil, err
		}
		all = append(all, ts...)
	}
	if len(v) > 1 {
		sort.Strings(all)
		all = slices.Compact(all)
	}
	return all, nil
}

// matched is the exact result of a query over a view.
type matched struct {
	view  view
	segs  []*segEval
	base  []uint64 // first document number of each segment
	sets  []*roaring.Bitmap
	total int

	mu   sync.Mutex // guards idfs
	idfs map[[2]string]float64
}

func match(v view, root *mnode, pc *postingsCache) (*matched, error) {
	years := yearTerms(v)
	m := &matched{view: v, idfs: map[[2]string]float64{}}
	var base uint64
	for _, ss := range v.segments() {
		e := newSegEval(ss.Segment(), ss.Deleted(), years, pc)
		set, err := e.exact(root, e.live)
		if err != nil {
			return nil, err
		}
		m.segs = append(m.segs, e)
		m.base = append(m.base, base)
		m.sets = append(m.sets, set)
		m.total += int(set.GetCardinality())
		base += ss.Segment().Count()
	}
	return m, nil
}

// facets counts the matched passages per value of each named facet, with
// bleve's rules: values by count, ties by value, at most the facet's size;
// passages without a value are counted as "unknown".
func (m *matched) facets(names []string) (map[string]map[string]int, error) {
	if len(names) == 0 {
		return nil, nil
	}
	out := make(map[string]map[string]int, len(names))
	for _, name := range names {
		f := facetSizes[name]
		terms := func() ([]string, error) { return m.view.terms(f.field) }
		counts := map[string]int{}
		missing := 0
		for i, e := range m.segs {
			set := m.sets[i]
			if set.IsEmpty() {
				continue
			}
			fo, err := e.facetOrdinals(f.field, terms)
			if err != nil {
				return nil, err
			}
			n := make([]int, len(fo.terms)+1) // n[0]: passages without a value
			if fo.single != nil {
				for it, ds := newBlocks(set); len(ds) > 0; ds = it.next() {
					for _, d := range ds {
						n[fo.single[d]]++
					}
				}
			} else {
				for it, ds := newBlocks(set); len(ds) > 0; ds = it.next() {
					for _, d := range ds {
						lo, hi := fo.start[d], fo.start[d+1]
						if lo == hi {
							n[0]++
						}
						for _, o := range fo.ords[lo:hi] {
							n[o+1]++
						}
					}
				}
			}
			missing += n[0]
			for o, c := range n[1:] {
				if c > 0 {
					counts[fo.terms[o]] += c
				}
			}
		}
		type tc struct {
			term  string
			count int
		}
		var tcs []tc
		for t, c := range counts {
			tcs = append(tcs, tc{t, c})
		}
		sort.Slice(tcs, func(i, j int) bool {
			if tcs[i].count != tcs[j].count {
				return tcs[i].count > tcs[j].count
			}
			return tcs[i].term < tcs[j].term
		})
		d := map[string]int{}
		for i, x := range tcs {
			if i == f.size {
				break
			}
			d[x.term] = x.count
		}
		if missing > 0 {
			d["unknown"] += missing
		}
		out[name] = d
	}
	return out, nil
}

func fieldTerms(r index.IndexReader, field string) ([]string, error) {
	var out []string
	err := eachTerm(r.FieldDict, field, func(e *index.DictEntry) { out = append(out, e.Term) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// idf is bleve's TF-IDF inverse document frequency of a term over the
// snapshot's live passages.
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
		pl, err := e.postingsListExcept(field, term)
		if err != nil {
			return 0, err
		}
		if pl != nil {
			df += pl.Count()
		}
	}
	v := 1 + math.Log(float64(n)/float64(df+1))
	m.idfs[k] = v
	return v, nil
}

// pool returns the document numbers of the n best matched passages by
// first-phase score (firstphase.go), ties by ID order.
func (m *matched) pool(root *mnode, ord *idOrder, keys [][]int64, n int, perDoc bool) ([]uint64, error) {
	// The work is cut into parts (a large segment's matches split in two by
	// document number) that run on the machine's cores, each keeping its
	// own best n.
	type part struct {
		seg  int
		set  *roaring.Bitmap
		h    *candHeap
		best map[uint32]cand // perDoc: each document's best passage
		err  error
	}
	var parts []*part
	workers := min(runtime.GOMAXPROCS(0), 2)
	for i, set := range m.sets {
		card := set.GetCardinality()
		if card == 0 {
			continue
		}
		if workers < 2 || card < splitMin {
			parts = append(parts, &part{seg: i, set: set})
			continue
		}
		mid, err := set.Select(uint32(card / 2))
		if err != nil {
			return nil, err
		}
		lo, hi := set.Clone(), set.Clone()
		lo.RemoveRange(uint64(mid), m.segs[i].seg.Count())
		hi.RemoveRange(0, uint64(mid))
		parts = append(parts, &part{seg: i, set: lo}, &part{seg: i, set: hi})
	}
	run := func(p *part) {
		e := m.segs[p.seg]
		p.h = &candHeap{rank: ord.rank}
		if perDoc {
			p.best = map[uint32]cand{}
		}
		f := newFirstPhase(m, e)
		mem, scores, err := f.node(root, p.set)
		if err != nil {
			p.err = err
			return
		}
		in := newBitset(mem, e.seg.Count())
		base := uint32(m.base[p.seg])
		for it, ds := newBlocks(p.set); len(ds) > 0; ds = it.next() {
			for _, d := range ds {
				c := cand{num: base + d}
				if keys != nil {
					c.key = keys[p.seg][d]
				}
				if in.has(uint64(d)) {
					c.score = scores[d]
				}
				if perDoc {
					doc := ord.doc[c.num]
					if b, ok := p.best[doc]; !ok || p.h.better(c, b) {
						p.best[doc] = c
					}
					continue
				}
				p.h.offer(c, n)
			}
		}
		f.release(scores)
	}
	if len(parts) > 1 && workers > 1 {
		var wg sync.WaitGroup
		for _, p := range parts[1:] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				run(p)
			}()
		}
		run(parts[0])
		wg.Wait()
	} else {
		for _, p := range parts {
			run(p)
		}
	}
	h := &candHeap{rank: ord.rank}
	best := map[uint32]cand{}
	for _, p := range parts {
		if p.err != nil {
			return nil, p.err
		}
		for _, c := range p.h.cs {
			h.offer(c, n)
		}
		for doc, c := range p.best {
			if b, ok := best[doc]; !ok || h.better(c, b) {
				best[doc] = c
			}
		}
	}
	for _, c := range best {
		h.offer(c, n)
	}
	out := make([]uint64, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = uint64(heap.Pop(h).(cand).num)
	}
	return out, nil
}

type cand struct {
	num   uint32
	score float32
	key   int64 // the sort field's value (sortKeys); 0 for relevance
}

// candHeap is a min-heap: its root is the worst candidate kept.
type candHeap struct {
	cs   []cand
	rank []uint32
}

func (h *candHeap) better(a, b cand) bool {
	if a.key != b.key {
		return a.key > b.key
	}
	if a.score != b.score {
		return a.score > b.score
	}
	return h.rank[a.num] < h.rank[b.num]
}

// offer keeps c if it is among the n best seen.
func (h *candHeap) offer(c cand, n int) {
	if h.Len() < n {
		heap.Push(h, c)
	} else if h.better(c, h.cs[0]) {
		h.cs[0] = c
		heap.Fix(h, 0)
	}
}

func (h *candHeap) Len() int           { return len(h.cs) }
func (h *candHeap) Less(i, j int) bool { return h.better(h.cs[j], h.cs[i]) }
func (h *candHeap) Swap(i, j int)      { h.cs[i], h.cs[j] = h.cs[j], h.cs[i] }
func (h *candHeap) Push(x any)         { h.cs = append(h.cs, x.(cand)) }
func (h *candHeap) Pop() any {
	c := h.cs[len(h.cs)-1]
	h.cs = h.cs[:len(h.cs)-1]
	return c
}

// fastPage is searchPage through the fast path, for any page checkPage
// allows; ok is false when the index or the query is one it does not
// serve.
func (s *Searcher) fastPage(ctx context.Context, q query.Query, p *plan) (res *Result, ok bool, err error) {
	v, err := s.view()
	if errors.Is(err, errUnsupported) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer v.close()
	root, err := compile(q, s.mapping())
	if errors.Is(err, errUnsupported) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	ord, err := s.order.get(v)
	if err != nil {
		return nil, false, err
	}
	m, err := match(v, root, s.pc)
	if errors.Is(err, errUnsupported) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	res = &Result{TotalHits: m.total, Hits: []Hit{}}
	if err := canceled(ctx); err != nil {
		return nil, false, err
	}
	facets, err := m.facets(p.facets)
	if err == nil {
		err = s.rankPage(m, root, ord, p, res)
	}
	if err == nil {
		err = canceled(ctx)
	}
	if err != nil {
		return nil, false, err
	}
	res.FacetDistribution = facets
	return res, true, nil
}

// canceled reports a canceled or timed-out request as bleve's path does.
func canceled(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return &Error{Code: EInternal, Message: "検索が中断されました (search canceled)", Err: err}
	}
	return nil
}

// rankPage fills res with the page of hits.
func (s *Searcher) rankPage(m *matched, root *mnode, ord *idOrder, p *plan, res *Result) error {
	from, to := (p.page-1)*p.hitsPerPage, p.page*p.hitsPerPage
	if p.distinct {
		res.TotalHits = m.documents(ord)
	}
	if from >= res.TotalHits {
		return nil
	}
	keys, err := m.sortKeys(p.sortBy)
	if err != nil {
		return err
	}
	nums, err := m.pool(root, ord, keys, max(poolMin, 2*to), p.distinct)
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
	if p.distinct {
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
	ranked, onPage, err := m.rescore(root, nums, ord, keys, pick)
	if err != nil {
		return err
	}
	var page bsearch.DocumentMatchCollection
	for _, i := range onPage {
		r := ranked[i]
		dm := &bsearch.DocumentMatch{ID: r.id, Score: r.score, Locations: r.locs}
		if err := m.loadFields(r.num, dm); err != nil {
			return err
		}
		page = append(page, dm)
	}
	res.Hits = p.hits(page)
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

// allSingle reports whether no document has two values.
func allSingle(fo *facetOrds) bool {
	for d := 0; d+1 < len(fo.start); d++ {
		if fo.start[d+1]-fo.start[d] > 1 {
			return false
		}
	}
	return true
}

// wantFields are the stored fields a hit loads, as a set.
var wantFields = func() map[string]bool {
	w := map[string]bool{}
	for _, f := range storedFields {
		w[f] = true
	}
	return w
}()

// loadFields fills dm.Fields with passage num's stored fields, as bleve's
// LoadAndHighlightFields does (text as strings, numbers as float64, a
// repeated field as a list), reading the segment directly.
func (m *matched) loadFields(num uint64, dm *bsearch.DocumentMatch) error {
	s := sort.Search(len(m.base), func(i int) bool { return m.base[i] > num }) - 1
	var ferr error
	err := m.segs[s].seg.VisitStoredFields(num-m.base[s], func(field string, typ byte, value []byte, _ []uint64) bool {
		if !wantFields[field] {
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
	return err
}

// bitset is a dense set of a segment's document numbers; nil holds all.
type bitset []uint64

func newBitset(b *roaring.Bitmap, n uint64) bitset {
	s := make(bitset, (n+63)/64)
	for it, ds := newBlocks(b); len(ds) > 0; ds = it.next() {
		for _, d := range ds {
			s[d>>6] |= 1 << (d & 63)
		}
	}
	return s
}

func (s bitset) has(d uint64) bool {
	return s == nil || s[d>>6]&(1<<(d&63)) != 0
}

// facetOrds lists the values of a facet field per document of a segment:
// document d has values ords[start[d]:start[d+1]], indexes into terms.
type facetOrds struct {
	terms  []string
	start  []uint32
	ords   []uint32
	single []uint32 // when no document has two values: ords+1 by document, 0 for none
}

// facetOrdinals returns (and caches) the segment's facetOrds for field,
// built from the postings of terms, the field's values in the snapshot.
func (e *segEval) facetOrdinals(field string, snapshotTerms func() ([]string, error)) (*facetOrds, error) {
	k := pcKey{e.seg, field, "\x00ordinals"}
	if pe := e.pc.get(k); pe != nil && pe.ords != nil {
		return pe.ords, nil
	}
	terms, err := snapshotTerms()
	if err != nil {
		return nil, err
	}
	n := e.seg.Count()
	fo := &facetOrds{start: make([]uint32, n+1)}
	var lists []*roaring.Bitmap
	for _, t := range terms {
		b, err := e.postings(field, t)
		if err != nil {
			return nil, err
		}
		if !b.IsEmpty() {
			fo.terms = append(fo.terms, t)
			lists = append(lists, b)
		}
	}
	for _, b := range lists {
		for it, ds := newBlocks(b); len(ds) > 0; ds = it.next() {
			for _, d := range ds {
				fo.start[d+1]++
			}
		}
	}
	for d := uint64(1); d <= n; d++ {
		fo.start[d] += fo.start[d-1]
	}
	fo.ords = make([]uint32, fo.start[n])
	next := append([]uint32(nil), fo.start[:n]...)
	for o, b := range lists {
		for it, ds := newBlocks(b); len(ds) > 0; ds = it.next() {
			for _, d := range ds {
				fo.ords[next[d]] = uint32(o)
				next[d]++
			}
		}
	}
	if allSingle(fo) {
		fo.single = make([]uint32, n)
		for d := uint64(0); d < n; d++ {
			if lo, hi := fo.start[d], fo.start[d+1]; hi > lo {
				fo.single[d] = fo.ords[lo] + 1
			}
		}
	}
	e.pc.put(&pcEntry{key: k, bm: roaring.New(), ords: fo, extra: 4*len(fo.start) + 4*len(fo.ords) + 4*len(fo.single)})
	return fo, nil
}

// sortKeys returns, per segment and document, the value of the sort field
// as an int64 whose order is the field's (newest first sorts the largest
// first), math.MinInt64 where a passage has none (bleve sorts those last),
// or nil for relevance.
func (m *matched) sortKeys(by string) ([][]int64, error) {
	var field string
	switch by {
	case "year":
		field = indexer.FieldYearFacet
	case "date":
		field = indexer.FieldPublished
	default:
		return nil, nil
	}
	terms := func() ([]string, error) { return m.view.terms(field) }
	keys := make([][]int64, len(m.segs))
	for i, e := range m.segs {
		var err error
		if keys[i], err = e.sortKeys(field, terms); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// sortKeys returns (and caches) the segment's keys for field.
func (e *segEval) sortKeys(field string, terms func() ([]string, error)) ([]int64, error) {
	u, err := e.pc.unit(e.seg, "sortkeys\x00"+field, func() (*pcEntry, error) {
		fo, err := e.facetOrdinals(field, terms)
		if err != nil {
			return nil, err
		}
		values := make([]int64, len(fo.terms))
		for i, t := range fo.terms {
			v, ok := sortValue(field, t)
			if !ok {
				return nil, errUnsupported
			}
			values[i] = v
		}
		n := e.seg.Count()
		keys := make([]int64, n)
		for d := uint64(0); d < n; d++ {
			lo, hi := fo.start[d], fo.start[d+1]
			switch {
			case lo == hi:
				keys[d] = math.MinInt64
			case hi-lo > 1:
				return nil, errUnsupported // several values: bleve's order is not this one
			default:
				keys[d] = values[fo.ords[lo]]
			}
		}
		return &pcEntry{bm: roaring.New(), keys: keys, extra: 8 * len(keys)}, nil
	})
	if err != nil {
		return nil, err
	}
	return u.keys, nil
}

// sortValue maps a value of a sort field to an int64 in the same order:
// a fiscal year to itself, a date (YYYY, YYYY-MM or YYYY-MM-DD, in the
// order of the strings) to its digits left-aligned.
func sortValue(field, v string) (int64, bool) {
	if field == indexer.FieldYearFacet {
		y, err := strconv.Atoi(v)
		return int64(y), err == nil
	}
	if len(v) != 4 && len(v) != 7 && len(v) != 10 {
		return 0, false
	}
	var k int64
	digits := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			k = k*10 + int64(c-'0')
			digits++
		case c == '-' && (i == 4 || i == 7):
		default:
			return 0, false
		}
	}
	for ; digits < 8; digits++ {
		k *= 10 // "2023-06" sorts before "2023-06-01", as a string does
	}
	return k, true
}

// mapping is the index mapping (the same for every index of a NewMulti).
func (s *Searcher) mapping() mapping.IndexMapping {
	if len(s.members) > 0 {
		return s.members[0].Mapping()
	}
	return s.idx.Mapping()
}
