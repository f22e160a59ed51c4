package search

import (
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The first phase of the fast path (fastpath.go) scores matched passages
// the way bleve's TF-IDF does, up to the query norm, which is the same for
// every passage: a term scores boost × idf² × √tf × norm, a conjunction
// the sum of its parts, a disjunction the sum of the alternatives that
// match times the share of alternatives that match. It differs from bleve
// only where it cannot afford positions: a phrase is taken to occur where
// all its terms do and, on the text, where its word's bigrams all do.

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
		if err := f.addTerm(a, mem, n.field, n.term, n.boost, true); err != nil {
			return nil, nil, err
		}
		return mem, a, nil
	case mPhrase:
		mem, err := f.e.likelyPhrase(n, cand)
		if err != nil {
			return nil, nil, err
		}
		a := f.array()
		first := true
		for _, s := range n.slots {
			for _, t := range s {
				if err := f.addTerm(a, mem, n.field, t, n.boost, first); err != nil {
					return nil, nil, err
				}
				first = false
			}
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
		it := mem.Iterator()
		for it.HasNext() {
			d := it.Next()
			var v float32
			for _, p := range parts {
				v += p[d]
			}
			a[d] = v
		}
		for _, p := range parts {
			f.release(p)
		}
		return mem, a, nil
	case mOr:
		mem := roaring.New()
		a := f.array()
		count := make([]uint8, len(a))
		for _, k := range n.kids {
			km, ka, err := f.node(k, cand)
			if err != nil {
				return nil, nil, err
			}
			it := km.Iterator()
			for it.HasNext() {
				d := it.Next()
				if count[d] == 0 {
					a[d] = 0
				}
				a[d] += ka[d]
				count[d]++
			}
			mem.Or(km)
			f.release(ka)
		}
		coord := float32(len(n.kids))
		it := mem.Iterator()
		for it.HasNext() {
			d := it.Next()
			a[d] *= float32(count[d]) / coord
		}
		return mem, a, nil
	case mBool:
		if n.must != nil {
			return f.node(n.must, cand)
		}
	}
	// Unscored: every candidate with the same score.
	a := f.array()
	it := cand.Iterator()
	for it.HasNext() {
		a[it.Next()] = 1
	}
	return cand, a, nil
}

// addTerm adds the term's score to a for the members of mem, or sets it
// when set is true.
func (f *firstPhase) addTerm(a []float32, mem *roaring.Bitmap, field, term string, boost float64, set bool) error {
	if set {
		it := mem.Iterator()
		for it.HasNext() {
			a[it.Next()] = 0
		}
	}
	if mem.IsEmpty() {
		return nil
	}
	idf, err := f.m.idf(field, term)
	if err != nil {
		return err
	}
	w := boost * idf * idf
	pl, err := f.e.postingsList(field, term)
	if err != nil || pl == nil {
		return err
	}
	it := pl.Iterator(true, true, false, nil)
	score := func(p segment.Posting) float32 {
		return float32(w * math.Sqrt(float64(p.Frequency())) * p.Norm())
	}
	if mem.GetCardinality()*8 < pl.Count() { // few members: seek to each
		var p segment.Posting
		mi := mem.Iterator()
		for mi.HasNext() {
			d := uint64(mi.Next())
			if p == nil || p.Number() < d {
				if p, err = it.Advance(d); err != nil {
					return err
				}
				if p == nil {
					return nil
				}
			}
			if p.Number() == d {
				a[d] += score(p)
			}
		}
		return nil
	}
	in := newBitset(mem, f.e.seg.Count())
	for {
		p, err := it.Next()
		if err != nil || p == nil {
			return err
		}
		if in.has(p.Number()) {
			a[p.Number()] += score(p)
		}
	}
}
