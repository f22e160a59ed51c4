package search

import (
	"math"
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"seisaku/indexer"
)

// The second phase of the fast path (fastpath.go): bleve's exact TF-IDF
// score for the passages of the pool and term locations for the page. It
// reproduces what bleve's searchers compute for the same query:
//
//   - a term scores √tf · norm · idf · (boost · idf · queryNorm), where
//     queryNorm is 1/√(Σ (boost·idf)²) over every term of the positive part;
//   - a phrase matches where its terms hold consecutive positions in one
//     value of the field, scores the sum of its terms and reports the
//     locations of those runs only;
//   - a conjunction sums its parts, a disjunction multiplies the sum of the
//     parts that match by their share of all its parts.
//
// Frequencies and norms come from the decoded postings cache; locations,
// which only the page needs, from one pass over each located term's
// postings.

// locatedFields are the fields indexed with term vectors.
var locatedFields = map[string]bool{
	indexer.FieldText: true, indexer.FieldTitle: true, indexer.FieldHeadings: true, indexer.FieldTextReading: true,
}

type termLoc struct {
	pos, start, end uint64
	array           []uint64
}

// rescored is a pooled passage with its exact score and, on the page, its
// locations.
type rescored struct {
	num   uint64
	id    string
	key   int64 // the sort field's value; see sortKeys
	score float64
	locs  bsearch.FieldTermLocationMap
}

type rescorer struct {
	m      *matched
	weight float64 // Σ (boost·idf)²
	qn     float64
	terms  map[[2]string][]*pcEntry           // by segment
	idfs   map[[2]string]float64              // read once from m
	phrase map[*mnode][]*roaring.Bitmap       // by segment
	locs   map[[2]string]map[uint64][]termLoc // page passages' locations
	seg    func(num uint64) (int, uint32)     // segment and local number
}

// rescore returns the pooled passages nums in order (the sort field if
// any, then bleve's score, then ID), and the indexes pick chooses from them
// for the page, in page order, with their locations.
func (m *matched) rescore(root *mnode, nums []uint64, ord *idOrder, keys [][]int64, pick func([]rescored) []int) ([]rescored, []int, error) {
	r := &rescorer{m: m, terms: map[[2]string][]*pcEntry{}, idfs: map[[2]string]float64{}, phrase: map[*mnode][]*roaring.Bitmap{},
		locs: map[[2]string]map[uint64][]termLoc{}}
	r.seg = func(num uint64) (int, uint32) {
		s := sort.Search(len(m.base), func(i int) bool { return m.base[i] > num }) - 1
		return s, uint32(num - m.base[s])
	}
	if err := r.load(root); err != nil {
		return nil, nil, err
	}
	r.qn = 1 / math.Sqrt(r.weight)
	out := make([]rescored, len(nums))
	for i, n := range nums {
		score, _ := r.eval(root, n, nil)
		out[i] = rescored{num: n, id: ord.ids[ord.rank[n]], score: score}
		if keys != nil {
			s, d := r.seg(n)
			out[i].key = keys[s][d]
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].key != out[j].key {
			return out[i].key > out[j].key
		}
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].id < out[j].id
	})
	onPage := pick(out)
	if len(onPage) == 0 {
		return out, nil, nil
	}
	page := make([]uint64, 0, len(onPage))
	for _, i := range onPage {
		page = append(page, out[i].num)
	}
	if err := r.readLocations(page); err != nil {
		return nil, nil, err
	}
	for _, i := range onPage {
		out[i].locs = bsearch.FieldTermLocationMap{}
		r.eval(root, out[i].num, out[i].locs)
	}
	return out, onPage, nil
}

// load fetches the decoded postings of every term of the positive part of
// the query, the phrase sets, and sums the query weight.
func (r *rescorer) load(n *mnode) error {
	switch n.kind {
	case mTerm:
		return r.term(n.field, n.term, n.boost)
	case mPhrase:
		for _, s := range n.slots {
			for _, t := range s {
				if err := r.term(n.field, t, n.boost); err != nil {
					return err
				}
			}
		}
		for _, e := range r.m.segs {
			set, err := e.phraseSet(n)
			if err != nil {
				return err
			}
			r.phrase[n] = append(r.phrase[n], set)
		}
	case mAnd, mOr:
		for _, k := range n.kids {
			if err := r.load(k); err != nil {
				return err
			}
		}
	case mBool:
		if n.must != nil {
			return r.load(n.must)
		}
		r.weight++ // bleve's match-all: boost 1
	case mAll:
		r.weight++
	}
	return nil
}

func (r *rescorer) term(field, term string, boost float64) error {
	idf, err := r.m.idf(field, term)
	if err != nil {
		return err
	}
	r.weight += (boost * idf) * (boost * idf)
	k := [2]string{field, term}
	r.idfs[k] = idf
	if _, ok := r.terms[k]; ok {
		return nil
	}
	for _, e := range r.m.segs {
		pe, err := e.scored(field, term)
		if err != nil {
			return err
		}
		r.terms[k] = append(r.terms[k], pe)
	}
	return nil
}

// readLocations reads the locations of every located term for the page's
// passages: one pass over each term's postings per segment.
func (r *rescorer) readLocations(page []uint64) error {
	sorted := append([]uint64(nil), page...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var keys [][2]string
	for k := range r.terms {
		if locatedFields[k[0]] {
			keys = append(keys, k)
		}
	}
	found := make([]map[uint64][]termLoc, len(keys))
	errs := make([]error, len(keys))
	for x, k := range keys {
		found[x], errs[x] = r.termLocations(k, sorted)
	}
	for x, k := range keys {
		if errs[x] != nil {
			return errs[x]
		}
		r.locs[k] = found[x]
	}
	return nil
}

// termLocations returns a term's locations in the passages sorted.
func (r *rescorer) termLocations(k [2]string, sorted []uint64) (map[uint64][]termLoc, error) {
	byNum := map[uint64][]termLoc{}
	for i := 0; i < len(sorted); {
		s, _ := r.seg(sorted[i])
		e := r.m.segs[s]
		j := i
		for j < len(sorted) && sorted[j] < r.m.base[s]+e.seg.Count() {
			j++
		}
		if pe, err := e.located(k[0], k[1]); err != nil {
			return nil, err
		} else if pe != nil && pe.locAt != nil {
			for x := i; x < j; x++ {
				if at, ok := pe.lookup(uint32(sorted[x] - r.m.base[s])); ok {
					var ls []termLoc
					for q := 3 * pe.locAt[at]; q < 3*pe.locAt[at+1]; q += 3 {
						ls = append(ls, termLoc{pos: uint64(pe.locs[q]), start: uint64(pe.locs[q+1]), end: uint64(pe.locs[q+2])})
					}
					byNum[sorted[x]] = ls
				}
			}
			i = j
			continue
		}
		pl, err := e.postingsList(k[0], k[1])
		if err != nil {
			return nil, err
		}
		if pl != nil {
			it := pl.Iterator(true, true, true, nil)
			var p segment.Posting
			for x := i; x < j; x++ {
				d := sorted[x] - r.m.base[s]
				if p == nil || p.Number() < d {
					if p, err = it.Advance(d); err != nil {
						return nil, err
					}
					if p == nil {
						break
					}
				}
				if p.Number() != d {
					continue
				}
				var ls []termLoc
				for _, l := range p.Locations() {
					ls = append(ls, termLoc{pos: l.Pos(), start: l.Start(), end: l.End(),
						array: append([]uint64(nil), l.ArrayPositions()...)})
				}
				byNum[sorted[x]] = ls
			}
		}
		i = j
	}
	return byNum, nil
}

// posting returns the frequency and norm of a term in passage num.
func (r *rescorer) posting(field, term string, num uint64) (uint32, float64, bool) {
	s, d := r.seg(num)
	pe := r.terms[[2]string{field, term}][s]
	i, ok := pe.lookup(d)
	if !ok {
		return 0, 0, false
	}
	return pe.freq[i], float64(pe.norm[i]), true
}

// termScore is bleve's TermQueryScorer.Score for TF-IDF.
func termScore(freq uint32, norm, boost, idf, qn float64) float64 {
	var tf float64
	if freq < uint32(len(sqrtCache)) {
		tf = sqrtCache[freq]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	score := tf * norm * idf
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

// eval returns passage num's score under n and whether n matches it; with
// locs, it adds the locations of the matched terms.
func (r *rescorer) eval(n *mnode, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	switch n.kind {
	case mTerm:
		freq, norm, ok := r.posting(n.field, n.term, num)
		if !ok {
			return 0, false
		}
		idf := r.idfs[[2]string{n.field, n.term}]
		if locs != nil {
			addLocs(locs, n.field, n.term, r.locs[[2]string{n.field, n.term}][num])
		}
		return termScore(freq, norm, n.boost, idf, r.qn), true
	case mPhrase:
		return r.evalPhrase(n, num, locs)
	case mAnd:
		sum := 0.0
		var sub bsearch.FieldTermLocationMap
		if locs != nil {
			sub = bsearch.FieldTermLocationMap{}
		}
		for _, k := range n.kids {
			s, ok := r.eval(k, num, sub)
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
			if s, ok := r.eval(k, num, locs); ok {
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
			return r.eval(n.must, num, locs)
		}
		return r.qn, true
	case mAll:
		return r.qn, true
	}
	return 0, false
}

// evalPhrase scores a phrase that occurs in passage num: the sum over its
// slots of the slot's terms (a slot of several terms is a disjunction).
func (r *rescorer) evalPhrase(n *mnode, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	s, d := r.seg(num)
	if !r.phrase[n][s].Contains(d) {
		return 0, false
	}
	sum := 0.0
	for _, slot := range n.slots {
		ssum, count := 0.0, 0
		for _, t := range slot {
			freq, norm, ok := r.posting(n.field, t, num)
			if !ok {
				continue
			}
			idf := r.idfs[[2]string{n.field, t}]
			ssum += termScore(freq, norm, n.boost, idf, r.qn)
			count++
		}
		if len(slot) > 1 {
			ssum *= float64(count) / float64(len(slot))
		}
		sum += ssum
	}
	if locs != nil {
		r.phraseLocations(n, num, locs)
	}
	return sum, true
}

// phraseLocations adds the locations of the phrase's runs in passage num.
func (r *rescorer) phraseLocations(n *mnode, num uint64, locs bsearch.FieldTermLocationMap) {
	type slotLoc struct {
		term string
		loc  termLoc
	}
	slots := make([][]slotLoc, len(n.slots))
	for si, s := range n.slots {
		for _, t := range s {
			for _, l := range r.locs[[2]string{n.field, t}][num] {
				slots[si] = append(slots[si], slotLoc{t, l})
			}
		}
	}
	var run []slotLoc
	for _, first := range slots[0] {
		run = append(run[:0], first)
		ok := true
		for si := 1; si < len(slots) && ok; si++ {
			if len(n.slots[si]) == 0 {
				continue
			}
			ok = false
			for _, l := range slots[si] {
				if l.loc.pos == first.loc.pos+uint64(si) && slices.Equal(l.loc.array, first.loc.array) {
					run = append(run, l)
					ok = true
				}
			}
		}
		if ok {
			for _, l := range run {
				addLocs(locs, n.field, l.term, []termLoc{l.loc})
			}
		}
	}
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
			if have.Pos == l.pos && have.Start == l.start && slices.Equal(have.ArrayPositions, l.array) {
				continue next
			}
		}
		tl[term] = append(tl[term], &bsearch.Location{Pos: l.pos, Start: l.start, End: l.end,
			ArrayPositions: l.array})
	}
}

func mergeLocs(dst, src bsearch.FieldTermLocationMap) {
	if dst == nil {
		return
	}
	for f, tl := range src {
		for t, ls := range tl {
			for _, l := range ls {
				addLocs(dst, f, t, []termLoc{{pos: l.Pos, start: l.Start, end: l.End, array: l.ArrayPositions}})
			}
		}
	}
}
