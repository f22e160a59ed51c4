package engine

import (
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// termNode is a TermQuery: the passages holding the term in the field.
type termNode struct {
	field, term string
	boost       float64
}

func (n *termNode) String() string { return n.field + "=" + n.term + boostString(n.boost) }
func (n *termNode) costly() bool   { return false }

func (n *termNode) exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	if cand.IsEmpty() {
		return cand, nil
	}
	b, err := e.postings(n.field, n.term)
	if err != nil {
		return nil, err
	}
	if cand == e.live && e.deleted == nil {
		// Every document is a candidate: the postings are the answer,
		// shared with the cache (no node modifies what exact returns).
		return b, nil
	}
	return roaring.And(cand, b), nil
}

func (n *termNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	return f.unitNode(n, cand)
}

func (n *termNode) prepare(r *rescorer) error { return r.term(n.field, n.term, n.boost) }

func (n *termNode) score(r *rescorer, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	freq, norm, ok := r.posting(n.field, n.term, num)
	if !ok {
		return 0, false
	}
	if locs != nil {
		r.addTermLocations(locs, n.field, n.term, num)
	}
	return termScore(freq, norm, n.boost, r.idf(n.field, n.term), r.qn), true
}

func (n *termNode) unitTerms() []termNode { return []termNode{*n} }
func (n *termNode) unitKey() string       { return "term" }
func (n *termNode) unitDocs(e *segEval) (*roaring.Bitmap, error) {
	return e.postings(n.field, n.term)
}

// allTermsNode is a conjunction of terms only (a MatchQuery with the AND
// operator: a word's bigrams): the passages holding every term, scored as
// the sum of the terms.
type allTermsNode struct {
	terms []*termNode
}

func (n *allTermsNode) String() string {
	ss := make([]string, len(n.terms))
	for i, t := range n.terms {
		ss[i] = t.String()
	}
	return "AND(" + strings.Join(ss, ", ") + ")"
}

func (n *allTermsNode) costly() bool { return false }

func (n *allTermsNode) exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	c := cand
	for _, t := range n.terms {
		var err error
		if c, err = t.exact(e, c); err != nil || c.IsEmpty() {
			return c, err
		}
	}
	return c, nil
}

func (n *allTermsNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	return f.unitNode(n, cand)
}

func (n *allTermsNode) prepare(r *rescorer) error {
	for _, t := range n.terms {
		if err := t.prepare(r); err != nil {
			return err
		}
	}
	return nil
}

func (n *allTermsNode) score(r *rescorer, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	sum := 0.0
	sub := r.subLocations(locs)
	for _, t := range n.terms {
		s, ok := t.score(r, num, sub)
		if !ok {
			return 0, false
		}
		sum += s
	}
	mergeLocations(locs, sub)
	return sum, true
}

func (n *allTermsNode) unitTerms() []termNode {
	ts := make([]termNode, len(n.terms))
	for i, t := range n.terms {
		ts[i] = *t
	}
	return ts
}

func (n *allTermsNode) unitKey() string { return "and" }

func (n *allTermsNode) unitDocs(e *segEval) (*roaring.Bitmap, error) {
	var set *roaring.Bitmap
	for _, t := range n.terms {
		b, err := e.postings(t.field, t.term)
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

func boostString(b float64) string {
	if b == 1 {
		return ""
	}
	return "^" + strconv.FormatFloat(b, 'g', -1, 64)
}

func joinNodes(ns []node) string {
	ss := make([]string, len(ns))
	for i, n := range ns {
		ss[i] = n.String()
	}
	return strings.Join(ss, ", ")
}
