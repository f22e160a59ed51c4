package search

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"seisaku/indexer"
)

// This file computes the exact set of passages a query matches as roaring
// bitmaps over the index's postings, without bleve's searchers: a common
// word matches tens of thousands of passages, and bleve visits each one
// through every searcher of the query just to count it and add it to the
// facets. Here AND, OR and NOT are bitmap operations and only a phrase of
// several terms needs its positions read, and then only for the passages
// no cheaper alternative of the same word already decided (the bigram field
// decides nearly all of them). The semantics are bleve's own: a test runs
// every query both ways and compares the hits.

// mnode is a query compiled for set evaluation.
type mnode struct {
	kind   mkind
	field  string
	term   string     // mTerm
	slots  [][]string // mPhrase: terms allowed at each consecutive position
	kids   []*mnode   // mAnd, mOr
	must   *mnode     // mBool; nil: every passage
	not    *mnode     // mBool; nil: none
	filter *mnode     // mBool; nil: none
	lo, hi int        // mYear, inclusive; 0: open
	boost  float64
	costly bool // reads positions somewhere below (the first time)
}

type mkind int

const (
	mNone mkind = iota
	mAll
	mTerm
	mPhrase
	mAnd
	mOr
	mBool
	mYear
)

// errUnsupported marks a query the set evaluator does not handle; the
// caller then lets bleve run it.
var errUnsupported = fmt.Errorf("query not supported by the set evaluator")

// compile translates the queries builder.build produces.
func compile(q query.Query, m mapping.IndexMapping) (*mnode, error) {
	switch q := q.(type) {
	case *query.MatchAllQuery:
		return &mnode{kind: mAll}, nil
	case *query.MatchNoneQuery:
		return &mnode{kind: mNone}, nil
	case *query.TermQuery:
		return &mnode{kind: mTerm, field: q.FieldVal, term: q.Term, boost: q.Boost()}, nil
	case *query.PhraseQuery:
		slots := make([][]string, len(q.Terms))
		for i, t := range q.Terms {
			slots[i] = []string{t}
		}
		return phraseNode(q.FieldVal, slots, q.Boost())
	case *query.MatchPhraseQuery:
		a := m.AnalyzerNamed(q.Analyzer)
		if a == nil || q.FieldVal == "" || q.Fuzziness != 0 {
			return nil, errUnsupported
		}
		return phraseNode(q.FieldVal, phraseSlots(a.Analyze([]byte(q.MatchPhrase))), q.Boost())
	case *query.MatchQuery:
		a := m.AnalyzerNamed(q.Analyzer)
		if a == nil || q.FieldVal == "" || q.Fuzziness != 0 || q.Operator != query.MatchQueryOperatorAnd {
			return nil, errUnsupported
		}
		n := &mnode{kind: mAnd}
		for _, t := range a.Analyze([]byte(q.Match)) {
			n.kids = append(n.kids, &mnode{kind: mTerm, field: q.FieldVal, term: string(t.Term), boost: q.Boost()})
		}
		if len(n.kids) == 0 {
			return &mnode{kind: mNone}, nil
		}
		return n, nil
	case *query.ConjunctionQuery:
		return compileAll(mAnd, q.Conjuncts, m)
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, errUnsupported
		}
		return compileAll(mOr, q.Disjuncts, m)
	case *query.BooleanQuery:
		if q.Should != nil {
			return nil, errUnsupported
		}
		n := &mnode{kind: mBool}
		for _, p := range []struct {
			q   query.Query
			dst **mnode
		}{{q.Must, &n.must}, {q.MustNot, &n.not}, {q.Filter, &n.filter}} {
			if p.q == nil {
				continue
			}
			c, err := compile(p.q, m)
			if err != nil {
				return nil, err
			}
			*p.dst = c
			n.costly = n.costly || c.costly
		}
		return n, nil
	case *query.NumericRangeQuery:
		if q.FieldVal != indexer.FieldYear || !incl(q.InclusiveMin, true) || !incl(q.InclusiveMax, true) {
			return nil, errUnsupported
		}
		n := &mnode{kind: mYear}
		if q.Min != nil {
			n.lo = int(*q.Min)
		}
		if q.Max != nil {
			n.hi = int(*q.Max)
		}
		return n, nil
	}
	return nil, errUnsupported
}

func incl(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

func compileAll(kind mkind, qs []query.Query, m mapping.IndexMapping) (*mnode, error) {
	n := &mnode{kind: kind}
	for _, q := range qs {
		c, err := compile(q, m)
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, c)
		n.costly = n.costly || c.costly
	}
	if len(n.kids) == 0 {
		return &mnode{kind: mNone}, nil // bleve matches nothing for an empty conjunction or disjunction
	}
	// Cheap alternatives first: each one narrows what the costly ones read.
	cheap := n.kids[:0:0]
	var costly []*mnode
	for _, k := range n.kids {
		if k.costly {
			costly = append(costly, k)
		} else {
			cheap = append(cheap, k)
		}
	}
	n.kids = append(cheap, costly...)
	return n, nil
}

// phraseNode is a phrase over slots; one slot is a disjunction of terms.
func phraseNode(field string, slots [][]string, boost float64) (*mnode, error) {
	if len(slots) == 0 {
		return &mnode{kind: mNone}, nil
	}
	for i, s := range slots {
		if len(s) == 1 && s[0] == "" {
			slots[i] = nil // a gap: any term at this position, as in bleve
		}
	}
	if len(slots) == 1 {
		n := &mnode{kind: mOr}
		for _, t := range slots[0] {
			n.kids = append(n.kids, &mnode{kind: mTerm, field: field, term: t, boost: boost})
		}
		return n, nil
	}
	return &mnode{kind: mPhrase, field: field, slots: slots, boost: boost, costly: true}, nil
}

// phraseSlots groups tokens by position, as bleve's MatchPhraseQuery does.
func phraseSlots(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([][]string, last-first+1)
	for _, t := range tokens {
		slots[t.Position-first] = append(slots[t.Position-first], string(t.Term))
	}
	return slots
}

// segEval evaluates compiled queries over one segment of a snapshot.
type segEval struct {
	seg     segment.Segment
	live    *roaring.Bitmap // every document not deleted
	deleted *roaring.Bitmap // nil: none
	dicts   map[string]segment.TermDictionary
	lists   map[[2]string]*roaring.Bitmap
	yearSet func(lo, hi int) ([]string, error) // year_facet terms in a range
	pc      *postingsCache                     // nil: decode every time

	mu sync.Mutex // guards dicts and lists, and the dictionaries' use
}

func newSegEval(seg segment.Segment, deleted *roaring.Bitmap, years func(lo, hi int) ([]string, error), pc *postingsCache) *segEval {
	live := roaring.New()
	live.AddRange(0, seg.Count())
	if deleted != nil {
		live.AndNot(deleted)
	}
	return &segEval{seg: seg, live: live, deleted: deleted, dicts: map[string]segment.TermDictionary{},
		lists: map[[2]string]*roaring.Bitmap{}, yearSet: years, pc: pc}
}

// dict returns the field's term dictionary. A dictionary is not safe for
// concurrent use, so every use of it goes through e.mu.
func (e *segEval) dict(field string) (segment.TermDictionary, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.dictLocked(field)
}

func (e *segEval) dictLocked(field string) (segment.TermDictionary, error) {
	if d, ok := e.dicts[field]; ok {
		return d, nil
	}
	d, err := e.seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	e.dicts[field] = d
	return d, nil
}

// postingsList returns the term's postings in field (nil if none).
func (e *segEval) postingsList(field, term string) (segment.PostingsList, error) {
	return e.postingsListWithout(field, term, nil)
}

// postingsListExcept is postingsList without the deleted documents, whose
// Count is bleve's document frequency.
func (e *segEval) postingsListExcept(field, term string) (segment.PostingsList, error) {
	return e.postingsListWithout(field, term, e.deleted)
}

func (e *segEval) postingsListWithout(field, term string, except *roaring.Bitmap) (segment.PostingsList, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, err := e.dictLocked(field)
	if err != nil || d == nil {
		return nil, err
	}
	return d.PostingsList([]byte(term), except, nil)
}

// postings returns the documents holding term in field, deleted ones
// included; callers intersect with live candidates and must not modify it.
func (e *segEval) postings(field, term string) (*roaring.Bitmap, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	k := [2]string{field, term}
	if b, ok := e.lists[k]; ok {
		return b, nil
	}
	d, err := e.dictLocked(field)
	if err != nil {
		return nil, err
	}
	b, err := e.pc.bitmap(e.seg, d, field, term)
	if err != nil {
		return nil, err
	}
	e.lists[k] = b
	return b, nil
}

// scored returns the term's decoded postings with frequencies and norms.
func (e *segEval) scored(field, term string) (*pcEntry, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, err := e.dictLocked(field)
	if err != nil {
		return nil, err
	}
	return e.pc.scored(e.seg, d, field, term)
}

// located returns the term's decoded postings with locations, or nil when
// they cannot be cached.
func (e *segEval) located(field, term string) (*pcEntry, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, err := e.dictLocked(field)
	if err != nil {
		return nil, err
	}
	return e.pc.located(e.seg, d, field, term)
}

// anyOf returns the documents holding any of terms in field, as a new
// bitmap.
func (e *segEval) anyOf(field string, terms []string) (*roaring.Bitmap, error) {
	out := roaring.New()
	for _, t := range terms {
		b, err := e.postings(field, t)
		if err != nil {
			return nil, err
		}
		out.Or(b)
	}
	return out, nil
}

// exact returns the members of cand that n matches.
func (e *segEval) exact(n *mnode, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	if cand.IsEmpty() {
		return cand, nil
	}
	switch n.kind {
	case mNone:
		return roaring.New(), nil
	case mAll:
		return cand, nil
	case mTerm:
		b, err := e.postings(n.field, n.term)
		if err != nil {
			return nil, err
		}
		return roaring.And(cand, b), nil
	case mYear:
		terms, err := e.yearSet(n.lo, n.hi)
		if err != nil {
			return nil, err
		}
		out, err := e.anyOf(indexer.FieldYearFacet, terms)
		if err != nil {
			return nil, err
		}
		out.And(cand)
		return out, nil
	case mAnd:
		c := cand
		for _, k := range n.kids {
			var err error
			if c, err = e.exact(k, c); err != nil || c.IsEmpty() {
				return c, err
			}
		}
		return c, nil
	case mOr:
		// Cheap alternatives (first in kids) decide most candidates; the
		// costly ones only look at what is left.
		out := roaring.New()
		var rest *roaring.Bitmap
		for _, k := range n.kids {
			c := cand
			if k.costly {
				if rest == nil {
					rest = roaring.AndNot(cand, out)
				}
				c = rest
			}
			r, err := e.exact(k, c)
			if err != nil {
				return nil, err
			}
			out.Or(r)
			if rest != nil {
				rest.AndNot(r)
				if rest.IsEmpty() {
					break
				}
			}
		}
		return out, nil
	case mBool:
		c := cand
		var err error
		for _, k := range []*mnode{n.filter, n.must} { // the filter is usually the cheaper
			if k == nil {
				continue
			}
			if c, err = e.exact(k, c); err != nil || c.IsEmpty() {
				return c, err
			}
		}
		if n.not != nil {
			x, err := e.exact(n.not, c)
			if err != nil {
				return nil, err
			}
			c = roaring.AndNot(c, x)
		}
		return c, nil
	case mPhrase:
		set, err := e.phraseSet(n)
		if err != nil {
			return nil, err
		}
		return roaring.And(cand, set), nil
	}
	return nil, errUnsupported
}

// phraseSet returns every document of the segment (deleted ones included)
// where the phrase n occurs, verified once and then kept in the postings
// cache: a phrase is a property of the segment, not of the query.
func (e *segEval) phraseSet(n *mnode) (*roaring.Bitmap, error) {
	var key strings.Builder
	key.WriteString("phrase")
	for _, s := range n.slots {
		key.WriteByte(0)
		key.WriteString(strings.Join(s, "\x01"))
	}
	return e.pc.derived(e.seg, n.field, key.String(), func() (*roaring.Bitmap, error) {
		all := roaring.New()
		all.AddRange(0, e.seg.Count())
		return e.phrase(n, all)
	})
}

// phrase returns the members of cand where the slots' terms occur at
// consecutive positions of one value of the field (bleve's phrase with no
// slop). Only passages holding a term of every slot have positions read.
func (e *segEval) phrase(n *mnode, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	c := cand.Clone()
	for _, s := range n.slots {
		if len(s) == 0 {
			continue // a gap
		}
		any, err := e.anyOf(n.field, s)
		if err != nil {
			return nil, err
		}
		c.And(any)
		if c.IsEmpty() {
			return c, nil
		}
	}
	type cursor struct {
		it  segment.PostingsIterator
		cur segment.Posting
		end bool
	}
	slots := make([][]*cursor, len(n.slots))
	gaps := make([]bool, len(n.slots))
	for i, s := range n.slots {
		gaps[i] = len(s) == 0
		for _, t := range s {
			pl, err := e.postingsList(n.field, t)
			if err != nil {
				return nil, err
			}
			if pl != nil {
				slots[i] = append(slots[i], &cursor{it: pl.Iterator(false, false, true, nil)})
			}
		}
	}
	out := roaring.New()
	locs := make([][]segment.Location, len(slots))
	it := c.Iterator()
	for it.HasNext() {
		doc := uint64(it.Next())
		for i, cs := range slots {
			locs[i] = locs[i][:0]
			for _, cu := range cs {
				if cu.end || (cu.cur != nil && cu.cur.Number() > doc) {
					continue
				}
				if cu.cur == nil || cu.cur.Number() < doc {
					p, err := cu.it.Advance(doc)
					if err != nil {
						return nil, err
					}
					cu.cur, cu.end = p, p == nil
				}
				if cu.cur != nil && cu.cur.Number() == doc {
					locs[i] = append(locs[i], cu.cur.Locations()...)
				}
			}
		}
		if consecutive(locs, gaps) {
			out.Add(uint32(doc))
		}
	}
	return out, nil
}

// consecutive reports whether some location of slot 0 is followed by one
// of slot 1 at the next position, of slot 2 after that, and so on, all in
// the same array element; a gap slot takes any position.
func consecutive(locs [][]segment.Location, gaps []bool) bool {
next:
	for _, l0 := range locs[0] {
		for i := 1; i < len(locs); i++ {
			if gaps[i] {
				continue
			}
			found := false
			for _, l := range locs[i] {
				if l.Pos() == l0.Pos()+uint64(i) && slices.Equal(l.ArrayPositions(), l0.ArrayPositions()) {
					found = true
					break
				}
			}
			if !found {
				continue next
			}
		}
		return true
	}
	return false
}

// yearTerms lists the year_facet values of v within [lo, hi] (0: open).
func yearTerms(v view) func(lo, hi int) ([]string, error) {
	var all []string
	loaded := false
	return func(lo, hi int) ([]string, error) {
		if !loaded {
			var err error
			if all, err = v.terms(indexer.FieldYearFacet); err != nil {
				return nil, err
			}
			loaded = true
		}
		var out []string
		for _, t := range all {
			y, err := strconv.Atoi(t)
			if err != nil {
				continue
			}
			if (lo == 0 || y >= lo) && (hi == 0 || y <= hi) {
				out = append(out, t)
			}
		}
		return out, nil
	}
}
