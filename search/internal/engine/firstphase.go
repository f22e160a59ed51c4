package engine

import (
	"container/heap"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// The first phase scores matched passages the way bleve's TF-IDF does, up
// to the query norm, which is the same for every passage (score.go). Phrase
// matches are exact; the sums are float32, so the exact phase (rescore.go)
// orders the pool this phase picks again.

const (
	splitMin = 65536 // matches in a segment worth scoring on two cores
	poolMin  = 40    // smallest pool the exact phase rescores
)

// firstPhase scores one segment; its score arrays are indexed by document
// number and hold a value only for the members a node returns.
type firstPhase struct {
	m *matched
	e *segEval
}

// scratch is a pool of slices of one element type, reused across
// searches: each holds one value per document of a segment, so made anew
// they would be most of what a query allocates.
type scratch[T any] struct{ p sync.Pool } // of *[]T

// get returns a slice of length n as it was put back (its contents are the
// caller's contract), or a zeroed new one. A slice is taken for any
// segment it is large enough for.
func (s *scratch[T]) get(n int) []T {
	if p, ok := s.p.Get().(*[]T); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]T, n)
}

func (s *scratch[T]) put(a []T) {
	if a != nil {
		s.p.Put(&a)
	}
}

var (
	scoreArrays scratch[float32] // any contents: a node writes what it returns
	countArrays scratch[uint8]   // zero up to their capacity
	bitsets     scratch[uint64]  // any contents: newBitset clears them
)

func (f *firstPhase) array() []float32 { return scoreArrays.get(int(f.e.seg.Count())) }

func (f *firstPhase) release(a []float32) { scoreArrays.put(a) }

// counts returns a zeroed array of per-document counters; give it back
// zeroed with releaseCounts. Its tail past the segment's count stays zero,
// so an index of several segments of different sizes reuses them as one
// segment does.
func (f *firstPhase) counts() []uint8 { return countArrays.get(int(f.e.seg.Count())) }

func (f *firstPhase) releaseCounts(c []uint8) { countArrays.put(c) }

// unscored gives every candidate the same score.
func (f *firstPhase) unscored(cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	a := f.array()
	for it, ds := newBlocks(cand); len(ds) > 0; ds = it.next() {
		for _, d := range ds {
			a[d] = 1
		}
	}
	return cand, a, nil
}

// unitNode is first for a unit: its cached scores spread into an array.
func (f *firstPhase) unitNode(u unit, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	s, err := f.unit(u)
	if err != nil {
		return nil, nil, err
	}
	set := roaring.And(cand, s.set)
	a := f.array()
	if sparse(set.GetCardinality(), len(s.docs)) {
		s.lookup(set, func(d uint32, v float32) { a[d] = v })
		return set, a, nil
	}
	for i, d := range s.docs {
		a[d] = s.tfn[i]
	}
	return set, a, nil
}

// sparseRatio: a unit whose documents outnumber the members asked for by
// this much is looked up member by member (lookup) instead of read whole.
// The members of a query of several words, or of a city's search, are
// often a small part of a common word's documents. (A variable for the
// tests, which run both ways.)
var sparseRatio uint64 = 8

func sparse(members uint64, docs int) bool { return members*sparseRatio < uint64(docs) }

// lookup calls fn with each member of sub, which holds only documents of
// u, and the member's score, in order.
func (u *unitScores) lookup(sub *roaring.Bitmap, fn func(d uint32, v float32)) {
	j := 0
	for it, ds := newBlocks(sub); len(ds) > 0; ds = it.next() {
		for _, d := range ds {
			j = seek(u.docs, j, d)
			fn(d, u.tfn[j])
		}
	}
}

// seek returns the index of the first of docs[from:] (sorted) that is d or
// more, len(docs) if none: it gallops from from, so walking a sorted list
// of members through docs costs the log of the gaps, not len(docs).
func seek(docs []uint32, from int, d uint32) int {
	if from >= len(docs) || docs[from] >= d {
		return from
	}
	lo, step := from, 1 // docs[lo] < d
	for lo+step < len(docs) && docs[lo+step] < d {
		lo += step
		step <<= 1
	}
	hi := min(lo+step, len(docs)) // docs[hi] >= d, or hi is the end
	return lo + 1 + sort.Search(hi-lo-1, func(i int) bool { return docs[lo+1+i] >= d })
}

// disjunction is first for a disjunction of kids of which at least min
// must match. A unit kid (a term, a phrase, a word's bigrams) adds its
// cached scores straight into the sum; any other kid (a group of
// alternatives, a conjunction) scores its members into an array of its own
// first. The kids add in their order, so a passage's sum is the same
// whichever way each kid is read.
func (f *firstPhase) disjunction(kids []node, min int, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	mem := roaring.New()
	a := f.array()
	count := f.counts()
	add := func(d uint32, v float32) {
		if count[d] == 0 {
			a[d] = v
		} else {
			a[d] += v
		}
		count[d]++
	}
	// A unit with many more documents than there are candidates is
	// intersected with them first and its members looked up (sparse); the
	// others are read whole against a bitset of the members.
	type kidRead struct {
		u   *unitScores     // a unit's cached scores
		sub *roaring.Bitmap // a sparse unit's members among the candidates
		km  *roaring.Bitmap // another kid's members
		ka  []float32       // and their scores
	}
	rs := make([]kidRead, len(kids))
	release := func() {
		for _, r := range rs {
			if r.ka != nil {
				f.release(r.ka)
			}
		}
	}
	n, whole := cand.GetCardinality(), false
	for i, k := range kids {
		if u, ok := k.(unit); ok {
			s, err := f.unit(u)
			if err != nil {
				release()
				return nil, nil, err
			}
			rs[i].u = s
			if sparse(n, len(s.docs)) {
				rs[i].sub = roaring.And(cand, s.set)
				mem.Or(rs[i].sub)
			} else {
				mem.Or(s.set)
				whole = true
			}
			continue
		}
		km, ka, err := k.first(f, cand)
		if err != nil {
			release()
			return nil, nil, err
		}
		rs[i].km, rs[i].ka = km, ka
		mem.Or(km)
	}
	if whole {
		mem.And(cand)
	}
	var in bitset // made for the first unit read whole
	for _, r := range rs {
		switch {
		case r.km != nil:
			for it, ds := newBlocks(r.km); len(ds) > 0; ds = it.next() {
				for _, d := range ds {
					add(d, r.ka[d])
				}
			}
		case r.sub != nil:
			r.u.lookup(r.sub, add)
		default:
			if in == nil {
				in = newBitset(mem, f.e.seg.Count())
			}
			for j, d := range r.u.docs {
				if in.has(uint64(d)) {
					add(d, r.u.tfn[j])
				}
			}
		}
	}
	if in != nil {
		releaseBitset(in)
	}
	release()
	var few []uint32 // members matched by fewer than min kids
	for it, ds := newBlocks(mem); len(ds) > 0; ds = it.next() {
		for _, d := range ds {
			if int(count[d]) < min {
				few = append(few, d)
			} else {
				a[d] = coordinate(a[d], int(count[d]), len(kids))
			}
			count[d] = 0
		}
	}
	f.releaseCounts(count)
	if len(few) > 0 {
		mem.AndNot(roaring.BitmapOf(few...))
	}
	return mem, a, nil
}

// unit returns the documents and first-phase scores of u, from the cache
// when they are there.
func (f *firstPhase) unit(u unit) (*unitScores, error) {
	type weighted struct {
		t termNode
		w float32
	}
	var ts []weighted
	var key strings.Builder
	key.WriteString(u.unitKey())
	for _, t := range u.unitTerms() {
		idf, err := f.m.idf(t.field, t.term)
		if err != nil {
			return nil, err
		}
		w := queryWeight(t.boost, idf)
		ts = append(ts, weighted{t, w})
		key.WriteByte(0)
		key.WriteString(t.field)
		key.WriteByte(0)
		key.WriteString(t.term)
		key.WriteByte(0)
		key.WriteString(strconv.FormatUint(uint64(math.Float32bits(w)), 16))
	}
	return load(f.e.c, cacheKey{f.e.seg, kindUnit, "", key.String()}, func() (*unitScores, error) {
		set, err := u.unitDocs(f.e)
		if err != nil {
			return nil, err
		}
		s := &unitScores{set: set, docs: set.ToArray()}
		s.tfn = make([]float32, len(s.docs))
		for _, t := range ts {
			p, err := f.e.scored(t.t.field, t.t.term)
			if err != nil {
				return nil, err
			}
			// Both lists are sorted: walk them together.
			j := 0
			for i, d := range s.docs {
				for j < len(p.docs) && p.docs[j] < d {
					j++
				}
				if j < len(p.docs) && p.docs[j] == d {
					s.tfn[i] += t.w * p.tfn[j]
				}
			}
		}
		return s, nil
	})
}

// bitset is a dense set of a segment's document numbers; nil holds all.
type bitset []uint64

// newBitset returns b as a dense set over n documents; give it back with
// releaseBitset once read. Its words come from a pool: a query makes one
// per segment and part, each of a segment's size (83 KB for 663,563
// passages), and made anew they were a seventh of a query's allocation on
// 400 MB of text (docs/benchmarks.md, "Growth (2026-12-07)").
func newBitset(b *roaring.Bitmap, n uint64) bitset {
	s := bitset(bitsets.get(int((n + 63) / 64)))
	clear(s)
	for it, ds := newBlocks(b); len(ds) > 0; ds = it.next() {
		for _, d := range ds {
			s[d>>6] |= 1 << (d & 63)
		}
	}
	return s
}

func releaseBitset(s bitset) { bitsets.put(s) }

func (s bitset) has(d uint64) bool {
	return s == nil || s[d>>6]&(1<<(d&63)) != 0
}

// pool returns the document numbers of the n best matched passages by
// first-phase score, ties by ID order.
func (m *matched) pool(root node, ord *idOrder, keys [][]int64, n int, perDoc bool) ([]uint64, error) {
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
		f := &firstPhase{m: m, e: e}
		mem, scores, err := root.first(f, p.set)
		if err != nil {
			p.err = err
			return
		}
		var in bitset // nil: every member was scored, as is usual
		if !mem.Equals(p.set) {
			in = newBitset(mem, e.seg.Count())
			defer releaseBitset(in)
		}
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
	if x, decided := beforeByValue(a.key, a.score, b.key, b.score); decided {
		return x
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
