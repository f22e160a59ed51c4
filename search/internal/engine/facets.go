package engine

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// facets counts the matched passages per value of each facet, with
// bleve's rules: values by count, ties by value, at most the facet's size;
// passages without a value are Missing.
func (m *matched) facets(fs []FacetField) (map[string]FacetCounts, error) {
	if len(fs) == 0 {
		return nil, nil
	}
	out := make(map[string]FacetCounts, len(fs))
	for _, f := range fs {
		counts, missing, err := m.count(f.Field)
		if err != nil {
			return nil, err
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
		fc := FacetCounts{Terms: map[string]int{}, Missing: missing}
		for i, x := range tcs {
			if i == f.Size {
				break
			}
			fc.Terms[x.term] = x.count
		}
		out[f.Name] = fc
	}
	return out, nil
}

// count returns the matched passages per value of field, and those
// without a value.
func (m *matched) count(field string) (map[string]int, int, error) {
	terms := func() ([]string, error) { return m.view.terms(field) }
	counts := map[string]int{}
	missing := 0
	for i, e := range m.segs {
		set := m.sets[i]
		if set.IsEmpty() {
			continue
		}
		fo, err := e.facetOrdinals(field, terms)
		if err != nil {
			return nil, 0, err
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
	return counts, missing, nil
}

// facetOrds lists the values of a keyword field per document of a
// segment: document d has values ords[start[d]:start[d+1]], indexes into
// terms.
type facetOrds struct {
	terms  []string
	start  []uint32
	ords   []uint32
	single []uint32 // when no document has two values: ords+1 by document, 0 for none
}

// values returns document d's values, in term order.
func (fo *facetOrds) values(d uint64) []string {
	var out []string
	for _, o := range fo.ords[fo.start[d]:fo.start[d+1]] {
		out = append(out, fo.terms[o])
	}
	return out
}

// facetOrdinals returns (and caches) the segment's facetOrds for field,
// built from the postings of snapshotTerms, the field's values in the
// view.
func (e *segEval) facetOrdinals(field string, snapshotTerms func() ([]string, error)) (*facetOrds, error) {
	return load(e.c, cacheKey{e.seg, kindFacetOrds, field, ""}, func() (*facetOrds, error) {
		terms, err := snapshotTerms()
		if err != nil {
			return nil, err
		}
		n := e.seg.Count()
		fo := &facetOrds{start: make([]uint32, n+1)}
		var lists [][]uint32
		for _, t := range terms {
			b, err := e.postings(field, t)
			if err != nil {
				return nil, err
			}
			if !b.IsEmpty() {
				fo.terms = append(fo.terms, t)
				lists = append(lists, b.ToArray())
			}
		}
		for _, ds := range lists {
			for _, d := range ds {
				fo.start[d+1]++
			}
		}
		single := true
		for d := uint64(1); d <= n; d++ {
			single = single && fo.start[d] <= 1
			fo.start[d] += fo.start[d-1]
		}
		fo.ords = make([]uint32, fo.start[n])
		next := append([]uint32(nil), fo.start[:n]...)
		for o, ds := range lists {
			for _, d := range ds {
				fo.ords[next[d]] = uint32(o)
				next[d]++
			}
		}
		if single {
			fo.single = make([]uint32, n)
			for d := uint64(0); d < n; d++ {
				if lo, hi := fo.start[d], fo.start[d+1]; hi > lo {
					fo.single[d] = fo.ords[lo] + 1
				}
			}
		}
		return fo, nil
	})
}

// sortKeys returns, per segment and document, the value of the sort field
// as an int64 whose order is the field's (newest first sorts the largest
// first), math.MinInt64 where a passage has none (bleve sorts those last),
// or nil for relevance.
func (m *matched) sortKeys(by *SortField) ([][]int64, error) {
	if by == nil {
		return nil, nil
	}
	terms := func() ([]string, error) { return m.view.terms(by.Field) }
	keys := make([][]int64, len(m.segs))
	for i, e := range m.segs {
		var err error
		if keys[i], err = e.sortKeys(by, terms); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// sortKeys returns (and caches) the segment's keys for a sort field.
func (e *segEval) sortKeys(by *SortField, terms func() ([]string, error)) (sortKeys, error) {
	return load(e.c, cacheKey{e.seg, kindSortKeys, by.Field, strconv.FormatBool(by.Year)}, func() (sortKeys, error) {
		fo, err := e.facetOrdinals(by.Field, terms)
		if err != nil {
			return nil, err
		}
		values := make([]int64, len(fo.terms))
		for i, t := range fo.terms {
			v, ok := sortValue(by.Year, t)
			if !ok {
				return nil, unsupported("sort by %s: value %q is not in the expected form", by.Field, t)
			}
			values[i] = v
		}
		n := e.seg.Count()
		keys := make(sortKeys, n)
		for d := uint64(0); d < n; d++ {
			lo, hi := fo.start[d], fo.start[d+1]
			switch {
			case lo == hi:
				keys[d] = math.MinInt64
			case hi-lo > 1:
				// several values: bleve's order is not this one
				return nil, unsupported("sort by %s: a passage has several values", by.Field)
			default:
				keys[d] = values[fo.ords[lo]]
			}
		}
		return keys, nil
	})
}

// sortValue maps a value of a sort field to an int64 in the same order:
// a fiscal year to itself, a date (YYYY, YYYY-MM or YYYY-MM-DD, in the
// order of the strings) to its digits left-aligned.
func sortValue(year bool, v string) (int64, bool) {
	if year {
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

// TermValues returns, by passage ID, the values of each keyword field of
// fields that the live passages among ids hold: their terms, in term
// order, from the segments' facet ordinals (cached as facets use them).
// An ID the view does not hold is left out.
func (e *Engine) TermValues(v *View, ids []string, fields []string) (map[string]map[string][]string, error) {
	out := make(map[string]map[string][]string, len(ids))
	for _, ss := range v.segments() {
		if len(out) == len(ids) {
			break
		}
		se := newSegEval(ss.Segment(), ss.Deleted(), nil, "", e.c)
		d, err := se.seg.Dictionary("_id")
		if err != nil {
			return nil, fmt.Errorf("_id dictionary: %w", err)
		}
		var pl segment.PostingsList
		var it segment.PostingsIterator
		for _, id := range ids {
			if _, done := out[id]; done {
				continue
			}
			if pl, err = d.PostingsList([]byte(id), se.deleted, pl); err != nil {
				return nil, err
			}
			it = pl.Iterator(false, false, false, it)
			p, err := it.Next()
			if err != nil {
				return nil, err
			}
			if p == nil {
				continue
			}
			num := p.Number()
			vals := make(map[string][]string, len(fields))
			for _, f := range fields {
				fo, err := se.facetOrdinals(f, func() ([]string, error) { return v.terms(f) })
				if err != nil {
					return nil, err
				}
				vals[f] = fo.values(num)
			}
			out[id] = vals
		}
	}
	return out, nil
}
