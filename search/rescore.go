package search

import (
	"math"
	"sort"

	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"seisaku/indexer"
)

// The second phase of the fast path (fastpath.go): bleve's exact TF-IDF
// score and term locations for the few passages of the pool, computed from
// the postings of the query's terms, read once per term for the whole pool.
// It reproduces what bleve's searchers compute for the same query:
//
//   - a term scores √tf · norm · idf · (boost · idf · queryNorm), where
//     queryNorm is 1/√(Σ (boost·idf)²) over every term of the positive part;
//   - a phrase matches where its terms hold consecutive positions in one
//     value of the field, and then scores the sum of its terms, reporting
//     the locations of those runs only;
//   - a conjunction sums its parts, a disjunction multiplies the sum of the
//     parts that match by their share of all its parts.

// locatedFields are the fields indexed with term vectors.
var locatedFields = map[string]bool{
	indexer.FieldText: true, indexer.FieldTitle: true, indexer.FieldHeadings: true, indexer.FieldTextReading: true,
}

// termHit is one pooled passage's posting of a term.
type termHit struct {
	freq uint64
	norm float64
	locs []termLoc
}

type termLoc struct {
	pos, start, end uint64
	array           []uint64
}

// rescored is a pooled passage with its exact score and locations.
type rescored struct {
	num   uint64
	id    string
	score float64
	locs  bsearch.FieldTermLocationMap
}

// rescore returns the pooled passages nums ordered by bleve's score, ties
// by ID.
func (m *matched) rescore(root *mnode, nums []uint64, ord *idOrder) ([]rescored, error) {
	sorted := append([]uint64(nil), nums...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	index := make(map[uint64]int, len(sorted))
	for i, n := range sorted {
		index[n] = i
	}
	r := &rescorer{m: m, hits: map[[2]string][]*termHit{}, n: len(sorted)}
	if err := r.load(root, sorted); err != nil {
		return nil, err
	}
	qn := 1 / math.Sqrt(r.weight)
	out := make([]rescored, len(sorted))
	for i, n := range sorted {
		locs := bsearch.FieldTermLocationMap{}
		score, _ := r.eval(root, i, qn, locs)
		out[i] = rescored{num: n, id: ord.ids[ord.rank[n]], score: score, locs: locs}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].id < out[j].id
	})
	return out, nil
}

type rescorer struct {
	m      *matched
	hits   map[[2]string][]*termHit // by pooled passage, nil where absent
	n      int
	weight float64 // Σ (boost·idf)²
}

// load reads the postings of every term of the positive part of the query
// for the pooled passages, and sums the query weight.
func (r *rescorer) load(n *mnode, sorted []uint64) error {
	switch n.kind {
	case mTerm:
		return r.term(n.field, n.term, n.boost, sorted)
	case mPhrase:
		for _, s := range n.slots {
			for _, t := range s {
				if err := r.term(n.field, t, n.boost, sorted); err != nil {
					return err
				}
			}
		}
	case mAnd, mOr:
		for _, k := range n.kids {
			if err := r.load(k, sorted); err != nil {
				return err
			}
		}
	case mBool:
		if n.must != nil {
			return r.load(n.must, sorted)
		}
		r.weight++ // bleve's match-all: boost 1
	case mAll:
		r.weight++
	}
	return nil
}

func (r *rescorer) term(field, term string, boost float64, sorted []uint64) error {
	idf, err := r.m.idf(field, term)
	if err != nil {
		return err
	}
	r.weight += (boost * idf) * (boost * idf)
	k := [2]string{field, term}
	if _, ok := r.hits[k]; ok {
		return nil
	}
	hits := make([]*termHit, r.n)
	r.hits[k] = hits
	withLocs := locatedFields[field]
	i := 0
	for s, e := range r.m.segs {
		lo := r.m.base[s]
		hi := lo + e.seg.Count()
		j := i
		for j < len(sorted) && sorted[j] < hi {
			j++
		}
		if i == j {
			continue
		}
		pl, err := e.postingsList(field, term)
		if err != nil {
			return err
		}
		if pl != nil {
			it := pl.Iterator(true, true, withLocs, nil)
			var p segment.Posting
			for x := i; x < j; x++ {
				d := sorted[x] - lo
				if p == nil || p.Number() < d {
					if p, err = it.Advance(d); err != nil {
						return err
					}
					if p == nil {
						break
					}
				}
				if p.Number() != d {
					continue
				}
				h := &termHit{freq: p.Frequency(), norm: p.Norm()}
				for _, l := range p.Locations() {
					h.locs = append(h.locs, termLoc{pos: l.Pos(), start: l.Start(), end: l.End(),
						array: append([]uint64(nil), l.ArrayPositions()...)})
				}
				hits[x] = h
			}
		}
		i = j
	}
	return nil
}

// termScore is bleve's TermQueryScorer.Score for TF-IDF.
func termScore(h *termHit, boost, idf, qn float64) float64 {
	var tf float64
	if h.freq < uint64(len(sqrtCache)) {
		tf = sqrtCache[h.freq]
	} else {
		tf = math.Sqrt(float64(h.freq))
	}
	score := tf * h.norm * idf
	if w := boost * idf * qn; w != 1 {
		score *= w
	}
	return score
}

var sqrtCache = func() []float64 {
	c := make([]float64, 64)
	for i := range c {
		c[i] = math.Sqrt(float64(i))
	}
	return c
}()

// eval returns passage i's score under n and whether n matches it, adding
// the locations of matched terms to locs.
func (r *rescorer) eval(n *mnode, i int, qn float64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	switch n.kind {
	case mTerm:
		h := r.hits[[2]string{n.field, n.term}][i]
		if h == nil {
			return 0, false
		}
		idf, _ := r.m.idf(n.field, n.term)
		addLocs(locs, n.field, n.term, h.locs)
		return termScore(h, n.boost, idf, qn), true
	case mPhrase:
		return r.phrase(n, i, qn, locs)
	case mAnd:
		sum := 0.0
		sub := bsearch.FieldTermLocationMap{}
		for _, k := range n.kids {
			s, ok := r.eval(k, i, qn, sub)
			if !ok {
				return 0, false
			}
			sum += s
		}
		mergeLocs(locs, sub)
		return sum, true
	case mOr:
		sum, count := 0.0, 0
		for _, k := range n.kids {
			if s, ok := r.eval(k, i, qn, locs); ok {
				sum += s
				count++
			}
		}
		if count == 0 {
			return 0, false
		}
		return sum * float64(count) / float64(len(n.kids)), true
	case mBool:
		if n.must != nil {
			return r.eval(n.must, i, qn, locs)
		}
		return qn, true
	case mAll:
		return qn, true
	}
	return 0, false
}

// phrase scores a phrase that occurs in passage i: the sum over its slots
// of the slot's terms (a slot of several terms is a disjunction).
func (r *rescorer) phrase(n *mnode, i int, qn float64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	type slotLoc struct {
		term string
		loc  termLoc
	}
	slots := make([][]slotLoc, len(n.slots))
	sum := 0.0
	for si, s := range n.slots {
		if len(s) == 0 {
			continue
		}
		ssum, count := 0.0, 0
		for _, t := range s {
			h := r.hits[[2]string{n.field, t}][i]
			if h == nil {
				continue
			}
			idf, _ := r.m.idf(n.field, t)
			ssum += termScore(h, n.boost, idf, qn)
			count++
			for _, l := range h.locs {
				slots[si] = append(slots[si], slotLoc{t, l})
			}
		}
		if count == 0 {
			return 0, false
		}
		if len(s) > 1 {
			ssum *= float64(count) / float64(len(s))
		}
		sum += ssum
	}
	// Runs of consecutive positions from each location of the first slot.
	var run []slotLoc
	found := false
	for _, first := range slots[0] {
		run = append(run[:0], first)
		ok := true
		for si := 1; si < len(slots) && ok; si++ {
			if len(n.slots[si]) == 0 {
				continue
			}
			ok = false
			for _, l := range slots[si] {
				if l.loc.pos == first.loc.pos+uint64(si) && sameArray(l.loc.array, first.loc.array) {
					run = append(run, l)
					ok = true
				}
			}
		}
		if ok {
			found = true
			for _, l := range run {
				addLocs(locs, n.field, l.term, []termLoc{l.loc})
			}
		}
	}
	return sum, found
}

// addLocs records term locations of a located field, once each.
func addLocs(locs bsearch.FieldTermLocationMap, field, term string, ls []termLoc) {
	if !locatedFields[field] || len(ls) == 0 {
		return
	}
	tl := locs[field]
	if tl == nil {
		tl = bsearch.TermLocationMap{}
		locs[field] = tl
	}
next:
	for _, l := range ls {
		for _, have := range tl[term] {
			if have.Pos == l.pos && have.Start == l.start && sameArray(have.ArrayPositions, l.array) {
				continue next
			}
		}
		tl[term] = append(tl[term], &bsearch.Location{Pos: l.pos, Start: l.start, End: l.end,
			ArrayPositions: l.array})
	}
}

func mergeLocs(dst, src bsearch.FieldTermLocationMap) {
	for f, tl := range src {
		for t, ls := range tl {
			for _, l := range ls {
				addLocs(dst, f, t, []termLoc{{pos: l.Pos, start: l.Start, end: l.End, array: l.ArrayPositions}})
			}
		}
	}
}
