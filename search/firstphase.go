package search

import (
	"fmt"
	"math"
	"strings"
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
	case mTerm, mPhrase:
		u, err := f.unit(n)
		if err != nil {
			return nil, nil, err
		}
		return roaring.And(cand, u.bm), f.spread(u), nil
	case mAnd:
		if termsOnly(n) {
			u, err := f.unit(n)
			if err != nil {
				return nil, nil, err
			}
			return roaring.And(cand, u.bm), f.spread(u), nil
		}
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
		if allUnits(n.kids) {
			return f.orUnits(n, cand)
		}
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
		f.coordinate(mem, a, count, len(n.kids))
		return mem, a, nil
	case mBool:
		if n.must != nil {
			return f.node(n.must, cand)
		}
	case mNone: // a word that analyses to nothing matches nothing, as in bleve
		return roaring.New(), f.array(), nil
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

// A unit is a node whose matches and first-phase scores do not depend on
// the rest of the query: a term, a phrase, or a conjunction of terms (a
// word's bigrams). Its documents (deleted ones included) and their scores
// are kept in the postings cache under a key that holds the terms'
// weights, so a change of IDF makes a new entry.

// allUnits reports whether every node of ns is a unit.
func allUnits(ns []*mnode) bool {
	for _, k := range ns {
		if k.kind != mTerm && k.kind != mPhrase && !(k.kind == mAnd && termsOnly(k)) {
			return false
		}
	}
	return true
}

// orUnits is node for a disjunction of units (a word's alternatives): each
// unit's cached scores are added straight into the sum, with the same
// arithmetic as the general case.
func (f *firstPhase) orUnits(n *mnode, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	units := make([]*pcEntry, len(n.kids))
	mem := roaring.New()
	for i, k := range n.kids {
		u, err := f.unit(k)
		if err != nil {
			return nil, nil, err
		}
		units[i] = u
		mem.Or(u.bm)
	}
	mem.And(cand)
	in := newBitset(mem, f.e.seg.Count())
	a := f.array()
	count := f.counts()
	for _, u := range units {
		for i, d := range u.docs {
			if !in.has(uint64(d)) {
				continue
			}
			if count[d] == 0 {
				a[d] = u.tfn[i]
			} else {
				a[d] += u.tfn[i]
			}
			count[d]++
		}
	}
	f.coordinate(mem, a, count, len(n.kids))
	return mem, a, nil
}

// coordinate scales a disjunction's sums by the share of its alternatives
// that match (count of n), as bleve's disjunction scorer does, and gives
// the zeroed counters back.
func (f *firstPhase) coordinate(mem *roaring.Bitmap, a []float32, count []uint8, n int) {
	coord := float32(n)
	for it, ds := newBlocks(mem); len(ds) > 0; ds = it.next() {
		for _, d := range ds {
			a[d] *= float32(count[d]) / coord
			count[d] = 0
		}
	}
	f.releaseCounts(count)
}

func termsOnly(n *mnode) bool {
	if len(n.kids) == 0 {
		return false
	}
	for _, k := range n.kids {
		if k.kind != mTerm {
			return false
		}
	}
	return true
}

// spread copies a unit's scores into a score array.
func (f *firstPhase) spread(u *pcEntry) []float32 {
	a := f.array()
	for i, d := range u.docs {
		a[d] = u.tfn[i]
	}
	return a
}

type unitTerm struct {
	field, term string
	w           float32
}

// unit returns the documents and scores of the unit n.
func (f *firstPhase) unit(n *mnode) (*pcEntry, error) {
	var ts []unitTerm
	add := func(field, term string, boost float64) error {
		idf, err := f.m.idf(field, term)
		if err != nil {
			return err
		}
		ts = append(ts, unitTerm{field, term, float32(boost * idf * idf)})
		return nil
	}
	var key strings.Builder
	switch n.kind {
	case mTerm:
		if err := add(n.field, n.term, n.boost); err != nil {
			return nil, err
		}
	case mPhrase:
		for _, s := range n.slots {
			for _, t := range s {
				if err := add(n.field, t, n.boost); err != nil {
					return nil, err
				}
			}
		}
		key.WriteString("phrase")
	case mAnd:
		for _, k := range n.kids {
			if err := add(k.field, k.term, k.boost); err != nil {
				return nil, err
			}
		}
		key.WriteString("and")
	}
	for _, t := range ts {
		fmt.Fprintf(&key, "\x00%s\x00%s\x00%08x", t.field, t.term, math.Float32bits(t.w))
	}
	if n.kind == mPhrase {
		for _, s := range n.slots {
			fmt.Fprintf(&key, "\x01%d", len(s)) // slot boundaries
		}
	}
	var compute func() (*roaring.Bitmap, error)
	switch n.kind {
	case mTerm:
		compute = func() (*roaring.Bitmap, error) { return f.e.postings(n.field, n.term) }
	case mPhrase:
		compute = func() (*roaring.Bitmap, error) { return f.e.phraseSet(n) }
	case mAnd:
		compute = func() (*roaring.Bitmap, error) {
			var set *roaring.Bitmap
			for _, k := range n.kids {
				b, err := f.e.postings(k.field, k.term)
				if err != nil {
					return nil, err
				}
				if set == nil {
					set = b.Clone()
				} else {
					set.And(b)
				}
			}
			return set, nil
		}
	}
	return f.e.pc.unit(f.e.seg, key.String(), func() (*pcEntry, error) {
		set, err := compute()
		if err != nil {
			return nil, err
		}
		u := &pcEntry{bm: set, docs: set.ToArray()}
		u.tfn = make([]float32, len(u.docs))
		for _, t := range ts {
			pe, err := f.e.scored(t.field, t.term)
			if err != nil {
				return nil, err
			}
			// Both lists are sorted: walk them together.
			j := 0
			for i, d := range u.docs {
				for j < len(pe.docs) && pe.docs[j] < d {
					j++
				}
				if j < len(pe.docs) && pe.docs[j] == d {
					u.tfn[i] += t.w * pe.tfn[j]
				}
			}
		}
		return u, nil
	})
}
