package search

import (
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// The first phase of the fast path (fastpath.go) scores matched passages
// the way bleve's TF-IDF does, up to the query norm, which is the same for
// every passage: a term scores boost × idf² × √tf × norm, a conjunction
// the sum of its parts, a disjunction the sum of the alternatives that
// match times the share of alternatives that match. Phrase matches are
// exact (matchset.go keeps each phrase's passages); the sums are float32,
// so rescore.go orders the pool this phase picks again, exactly.

// firstPhase scores one segment; its score arrays are indexed by document
// number and hold a value only for the members a node returns.
type firstPhase struct {
	m *matched
	e *segEval
}

var scoreArrays sync.Pool // of *[]float32

func newFirstPhase(m *matched, e *segEval) *firstPhase { return &firstPhase{m: m, e: e} }

func (f *firstPhase) array() []float32 {
	n := int(f.e.seg.Count())
	if p, ok := scoreArrays.Get().(*[]float32); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]float32, n)
}

func (f *firstPhase) release(a []float32) {
	if a != nil {
		scoreArrays.Put(&a)
	}
}

// node returns the members of cand that n matches (as far as the first
// phase can tell) and an array holding their scores.
func (f *firstPhase) node(n *mnode, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	switch n.kind {
	case mTerm:
		b, err := f.e.postings(n.field, n.term)
		if err != nil {
			return nil, nil, err
		}
		mem := roaring.And(cand, b)
		a := f.array()
		if err := f.addTerms(a, mem, n.field, []string{n.term}, n.boost); err != nil {
			return nil, nil, err
		}
		return mem, a, nil
	case mPhrase:
		set, err := f.e.phraseSet(n)
		if err != nil {
			return nil, nil, err
		}
		mem := roaring.And(cand, set)
		var terms []string
		for _, s := range n.slots {
			terms = append(terms, s...)
		}
		a := f.array()
		if err := f.addTerms(a, mem, n.field, terms, n.boost); err != nil {
			return nil, nil, err
		}
		return mem, a, nil
	case mAnd:
		mem := cand
		var parts [][]float32
		for _, k := range n.kids {
			var a []float32
			var err error
			if mem, a, err = f.node(k, mem); err != nil {
				return nil, nil, err
			}
			parts = append(parts, a)
		}
		a := f.array()
		for it, ds := newBlocks(mem); len(ds) > 0; ds = it.next() {
			for _, d := range ds {
				var v float32
				for _, p := range parts {
					v += p[d]
				}
				a[d] = v
			}
		}
		for _, p := range parts {
			f.release(p)
		}
		return mem, a, nil
	case mOr:
		mem := roaring.New()
		a := f.array()
		count := f.counts()
		for _, k := range n.kids {
			km, ka, err := f.node(k, cand)
			if err != nil {
				return nil, nil, err
			}
			for it, ds := newBlocks(km); len(ds) > 0; ds = it.next() {
				for _, d := range ds {
					if count[d] == 0 {
						a[d] = 0
					}
					a[d] += ka[d]
					count[d]++
				}
			}
			mem.Or(km)
			f.release(ka)
		}
		coord := float32(len(n.kids))
		for it, ds := newBlocks(mem); len(ds) > 0; ds = it.next() {
			for _, d := range ds {
				a[d] *= float32(count[d]) / coord
				count[d] = 0
			}
		}
		f.releaseCounts(count)
		return mem, a, nil
	case mBool:
		if n.must != nil {
			return f.node(n.must, cand)
		}
	}
	// Unscored: every candidate with the same score.
	a := f.array()
	for it, ds := newBlocks(cand); len(ds) > 0; ds = it.next() {
		for _, d := range ds {
			a[d] = 1
		}
	}
	return cand, a, nil
}

var countArrays sync.Pool // of *[]uint8, all zero

// counts returns a zeroed array of per-document counters; give it back
// zeroed with releaseCounts.
func (f *firstPhase) counts() []uint8 {
	n := int(f.e.seg.Count())
	if p, ok := countArrays.Get().(*[]uint8); ok && len(*p) == n {
		return *p
	}
	return make([]uint8, n)
}

func (f *firstPhase) releaseCounts(c []uint8) { countArrays.Put(&c) }

// addTerms sets a, for the members of mem, to the sum of the terms' scores
// in field (0 where a term is absent).
func (f *firstPhase) addTerms(a []float32, mem *roaring.Bitmap, field string, terms []string, boost float64) error {
	for it, ds := newBlocks(mem); len(ds) > 0; ds = it.next() {
		for _, d := range ds {
			a[d] = 0
		}
	}
	if mem.IsEmpty() {
		return nil
	}
	for _, t := range terms {
		idf, err := f.m.idf(field, t)
		if err != nil {
			return err
		}
		w := float32(boost * idf * idf)
		pe, err := f.e.scored(field, t)
		if err != nil {
			return err
		}
		// Every posting is added: entries outside mem are never read.
		for i, doc := range pe.docs {
			a[doc] += w * pe.tfn[i]
		}
	}
	return nil
}

var sqrtTable = func() [256]float32 {
	var t [256]float32
	for i := range t {
		t[i] = float32(math.Sqrt(float64(i)))
	}
	return t
}()

func sqrt32(n uint32) float32 {
	if n < uint32(len(sqrtTable)) {
		return sqrtTable[n]
	}
	return float32(math.Sqrt(float64(n)))
}
