package engine

import (
	"fmt"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// andNode is a ConjunctionQuery: the passages every part matches, scored
// as the sum of the parts.
type andNode struct {
	kids   []node // cheap ones first
	isCost bool
}

func (n *andNode) String() string { return "AND(" + joinNodes(n.kids) + ")" }
func (n *andNode) costly() bool   { return n.isCost }

func (n *andNode) exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	c := cand
	for _, k := range n.kids {
		var err error
		if c, err = k.exact(e, c); err != nil || c.IsEmpty() {
			return c, err
		}
	}
	return c, nil
}

func (n *andNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	mem := cand
	var parts [][]float32
	for _, k := range n.kids {
		var a []float32
		var err error
		if mem, a, err = k.first(f, mem); err != nil {
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
}

func (n *andNode) prepare(r *rescorer) error { return prepareAll(r, n.kids) }

func (n *andNode) score(r *rescorer, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	sum := 0.0
	sub := r.subLocations(locs)
	for _, k := range n.kids {
		s, ok := k.score(r, num, sub)
		if !ok {
			return 0, false
		}
		sum += s
	}
	mergeLocations(locs, sub)
	return sum, true
}

// orNode is a DisjunctionQuery (Min 0 or 1): the passages any part
// matches; see coordinate for the score.
type orNode struct {
	kids   []node // cheap ones first
	isCost bool
}

func (n *orNode) String() string { return "OR(" + joinNodes(n.kids) + ")" }
func (n *orNode) costly() bool   { return n.isCost }

func (n *orNode) exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	// Cheap parts (first in kids) decide most candidates; the costly ones
	// only look at what is left.
	out := roaring.New()
	var rest *roaring.Bitmap
	for _, k := range n.kids {
		c := cand
		if k.costly() {
			if rest == nil {
				rest = roaring.AndNot(cand, out)
			}
			c = rest
		}
		r, err := k.exact(e, c)
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
}

func (n *orNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	return f.disjunction(n.kids, 1, cand)
}

func (n *orNode) prepare(r *rescorer) error { return prepareAll(r, n.kids) }

func (n *orNode) score(r *rescorer, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	sum, count := 0.0, 0
	for _, k := range n.kids {
		if s, ok := k.score(r, num, locs); ok { // a part that fails adds no locations
			sum += s
			count++
		}
	}
	if count == 0 {
		return 0, false
	}
	return coordinate(sum, count, len(n.kids)), true
}

// atLeastNode is a DisjunctionQuery with Min > 1, as bleve's
// DisjunctionSearcher runs it: the passages at least min of the parts
// match, scored as the sum of the parts that match times their share of
// all the parts (coordinate), with the locations of those parts.
type atLeastNode struct {
	kids   []node // cheap ones first
	min    int    // 2..len(kids)
	isCost bool
}

func (n *atLeastNode) String() string {
	return fmt.Sprintf("OR(%s)≥%d", joinNodes(n.kids), n.min)
}

func (n *atLeastNode) costly() bool { return n.isCost }

func (n *atLeastNode) exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	return atLeast(e, n.kids, n.min, cand)
}

func (n *atLeastNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	return f.disjunction(n.kids, n.min, cand)
}

func (n *atLeastNode) prepare(r *rescorer) error { return prepareAll(r, n.kids) }

func (n *atLeastNode) score(r *rescorer, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	sum, count := 0.0, 0
	sub := r.subLocations(locs)
	for _, k := range n.kids {
		if s, ok := k.score(r, num, sub); ok {
			sum += s
			count++
		}
	}
	if count < n.min {
		return 0, false
	}
	mergeLocations(locs, sub)
	return coordinate(sum, count, len(n.kids)), true
}

// atLeast returns the members of cand that at least min (2 or more) of
// kids match.
// levels[j] holds the candidates matched by at least j of the parts seen
// so far; a part is asked only about the candidates that can still reach
// min, and a costly part not about those that already have.
func atLeast(e *segEval, kids []node, min int, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	if cand.IsEmpty() {
		return cand, nil
	}
	levels := make([]*roaring.Bitmap, min+1)
	levels[0] = cand
	for j := 1; j <= min; j++ {
		levels[j] = roaring.New()
	}
	for i, k := range kids {
		c := cand
		if need := min - (len(kids) - i); need > 0 {
			c = levels[need]
		}
		if k.costly() {
			c = roaring.AndNot(c, levels[min])
		}
		if c.IsEmpty() {
			continue
		}
		r, err := k.exact(e, c)
		if err != nil {
			return nil, err
		}
		if r.IsEmpty() {
			continue
		}
		for j := min; j >= 1; j-- {
			if j == 1 {
				levels[1].Or(r)
			} else {
				levels[j].Or(roaring.And(levels[j-1], r))
			}
		}
	}
	return levels[min], nil
}

func prepareAll(r *rescorer, ns []node) error {
	for _, k := range ns {
		if err := k.prepare(r); err != nil {
			return err
		}
	}
	return nil
}

// boolNode is the BooleanQuery builder.build makes: Must scores (nil:
// every passage, scored as bleve's match-all), MustNot excludes, Filter
// restricts without scoring.
type boolNode struct {
	must, not, filter node // nil: none
}

func (n *boolNode) String() string {
	var parts []string
	for _, p := range []struct {
		name string
		n    node
	}{{"must", n.must}, {"not", n.not}, {"filter", n.filter}} {
		if p.n != nil {
			parts = append(parts, p.name+": "+p.n.String())
		}
	}
	return "BOOL(" + strings.Join(parts, "; ") + ")"
}

func (n *boolNode) costly() bool {
	for _, k := range []node{n.must, n.not, n.filter} {
		if k != nil && k.costly() {
			return true
		}
	}
	return false
}

func (n *boolNode) exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	c := cand
	var err error
	for _, k := range []node{n.filter, n.must} { // the filter is usually the cheaper
		if k == nil {
			continue
		}
		if c, err = k.exact(e, c); err != nil || c.IsEmpty() {
			return c, err
		}
	}
	if n.not != nil {
		x, err := n.not.exact(e, c)
		if err != nil {
			return nil, err
		}
		c = roaring.AndNot(c, x)
	}
	return c, nil
}

func (n *boolNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	if n.must != nil {
		return n.must.first(f, cand)
	}
	return f.unscored(cand)
}

func (n *boolNode) prepare(r *rescorer) error {
	if n.must != nil {
		return n.must.prepare(r)
	}
	r.weight++ // bleve's match-all: boost 1
	return nil
}

func (n *boolNode) score(r *rescorer, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool) {
	if n.must != nil {
		return n.must.score(r, num, locs)
	}
	return r.qn, true
}
