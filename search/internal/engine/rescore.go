package engine

import (
	"math"
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The exact phase: bleve's TF-IDF score (score.go) for the passages of the
// pool, and term locations for the page. Frequencies and norms come from
// the decoded postings cache; locations, which only the page needs, from
// one pass over each located term's postings.

type termLoc struct {
	pos, start, end uint64
	array           []uint64
}

// rescored is a pooled passage with its exact score and, on the page, its
// locations.
type rescored struct {
	num   uint64
	rank  uint32 // in the ID order
	key   int64  // the sort field's value; see sortKeys
	score float64
	locs  bsearch.FieldTermLocationMap
}

type rescorer struct {
	m       *matched
	located map[string]bool // fields whose locations hits report
	weight  float64         // Σ (boost·idf)²
	qn      float64
	terms   map[[2]string][]*scoredPostings    // by segment
	idfs    map[[2]string]float64              // read once from m
	phrases map[*phraseNode][]*roaring.Bitmap  // by segment
	locs    map[[2]string]map[uint64][]termLoc // page passages' locations
}

// rescore returns the pooled passages nums in ranking order, and the
// indexes pick chooses from them for the page, in page order, with their
// locations.
func (m *matched) rescore(root node, located map[string]bool, nums []uint64, ord *idOrder, keys [][]int64, pick func([]rescored) []int) ([]rescored, []int, error) {
	r := &rescorer{m: m, located: located, terms: map[[2]string][]*scoredPostings{}, idfs: map[[2]string]float64{},
		phrases: map[*phraseNode][]*roaring.Bitmap{}, locs: map[[2]string]map[uint64][]termLoc{}}
	if err := root.prepare(r); err != nil {
		return nil, nil, err
	}
	r.qn = 1 / math.Sqrt(r.weight)
	out := make([]rescored, len(nums))
	for i, n := range nums {
		score, _ := root.score(r, n, nil)
		out[i] = rescored{num: n, rank: ord.rank[n], score: score}
		if keys != nil {
			s, d := m.segmentOf(n)
			out[i].key = keys[s][d]
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		return before(a.key, a.score, a.rank, b.key, b.score, b.rank)
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
		root.score(r, out[i].num, out[i].locs)
	}
	return out, onPage, nil
}

// term loads a term's decoded postings in every segment and adds it to
// the query norm.
func (r *rescorer) term(field, term string, boost float64) error {
	idf, err := r.m.idf(field, term)
	if err != nil {
		return err
	}
	r.weight += termWeight(boost, idf)
	k := [2]string{field, term}
	r.idfs[k] = idf
	if _, ok := r.terms[k]; ok {
		return nil
	}
	for _, e := range r.m.segs {
		p, err := e.scored(field, term)
		if err != nil {
			return err
		}
		r.terms[k] = append(r.terms[k], p)
	}
	return nil
}

func (r *rescorer) idf(field, term string) float64 { return r.idfs[[2]string{field, term}] }

// posting returns the frequency and norm of a term in passage num.
func (r *rescorer) posting(field, term string, num uint64) (uint32, float64, bool) {
	s, d := r.m.segmentOf(num)
	p := r.terms[[2]string{field, term}][s]
	i, ok := p.lookup(d)
	if !ok {
		return 0, 0, false
	}
	return p.freq[i], float64(p.norm[i]), true
}

// readLocations reads the locations of every located term for the page's
// passages: one pass over each term's postings per segment.
func (r *rescorer) readLocations(page []uint64) error {
	sorted := slices.Clone(page)
	slices.Sort(sorted)
	for k := range r.terms {
		if !r.located[k[0]] {
			continue
		}
		found, err := r.termLocations(k, sorted)
		if err != nil {
			return err
		}
		r.locs[k] = found
	}
	return nil
}

// termLocations returns a term's locations in the passages sorted.
func (r *rescorer) termLocations(k [2]string, sorted []uint64) (map[uint64][]termLoc, error) {
	byNum := map[uint64][]termLoc{}
	for i := 0; i < len(sorted); {
		s, _ := r.m.segmentOf(sorted[i])
		e := r.m.segs[s]
		j := i
		for j < len(sorted) && sorted[j] < r.m.base[s]+e.seg.Count() {
			j++
		}
		if p, err := e.located(k[0], k[1]); err != nil {
			return nil, err
		} else if p != nil {
			for x := i; x < j; x++ {
				if at, ok := p.lookup(uint32(sorted[x] - r.m.base[s])); ok {
					var ls []termLoc
					for q := 3 * p.locAt[at]; q < 3*p.locAt[at+1]; q += 3 {
						ls = append(ls, termLoc{pos: uint64(p.locs[q]), start: uint64(p.locs[q+1]), end: uint64(p.locs[q+2])})
					}
					byNum[sorted[x]] = ls
				}
			}
			i = j
			continue
		}
		if err := r.iterateLocations(e, k, sorted[i:j], r.m.base[s], byNum); err != nil {
			return nil, err
		}
		i = j
	}
	return byNum, nil
}

// iterateLocations reads a term's locations in the passages nums of one
// segment from its postings, for locations the cache does not keep.
func (r *rescorer) iterateLocations(e *segEval, k [2]string, nums []uint64, base uint64, byNum map[uint64][]termLoc) error {
	pl, err := e.postingsList(k[0], k[1])
	if err != nil || pl == nil {
		return err
	}
	it := pl.Iterator(true, true, true, nil)
	var p segment.Posting
	for _, num := range nums {
		d := num - base
		if p == nil || p.Number() < d {
			if p, err = it.Advance(d); err != nil {
				return err
			}
			if p == nil {
				return nil
			}
		}
		if p.Number() != d {
			continue
		}
		var ls []termLoc
		for _, l := range p.Locations() {
			ls = append(ls, termLoc{pos: l.Pos(), start: l.Start(), end: l.End(),
				array: slices.Clone(l.ArrayPositions())})
		}
		byNum[num] = ls
	}
	return nil
}

// addTermLocations adds a term's locations in passage num.
func (r *rescorer) addTermLocations(locs bsearch.FieldTermLocationMap, field, term string, num uint64) {
	addLocations(locs, r.located, field, term, r.locs[[2]string{field, term}][num])
}

// subLocations returns a map for the locations of a node's parts, which
// the node merges into locs only if it matches (nil when locs is nil).
func (r *rescorer) subLocations(locs bsearch.FieldTermLocationMap) bsearch.FieldTermLocationMap {
	if locs == nil {
		return nil
	}
	return bsearch.FieldTermLocationMap{}
}

// addLocations records term locations of a located field, once each.
func addLocations(locs bsearch.FieldTermLocationMap, located map[string]bool, field, term string, ls []termLoc) {
	if located[field] && len(ls) > 0 {
		appendLocations(locs, field, term, ls)
	}
}

// appendLocations records term locations, once each.
func appendLocations(locs bsearch.FieldTermLocationMap, field, term string, ls []termLoc) {
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

// mergeLocations adds the locations of src to dst (when dst is not nil).
func mergeLocations(dst, src bsearch.FieldTermLocationMap) {
	if dst == nil {
		return
	}
	for f, tl := range src {
		for t, ls := range tl {
			for _, l := range ls {
				appendLocations(dst, f, t, []termLoc{{pos: l.Pos, start: l.Start, end: l.End, array: l.ArrayPositions}})
			}
		}
	}
}
