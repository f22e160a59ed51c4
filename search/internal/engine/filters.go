package engine

import (
	"fmt"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// allNode is a MatchAllQuery: every passage, scored as bleve's match-all
// (a constant: its boost times the query norm).
type allNode struct{ boost float64 }

func (n allNode) String() string {
	if n.boost == 1 {
		return "*"
	}
	return fmt.Sprintf("*^%g", n.boost)
}
func (allNode) costly() bool { return false }
func (allNode) exact(_ *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	return cand, nil
}
func (n allNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	set, a, err := f.unscored(cand)
	if err == nil && n.boost != 1 {
		for it, ds := newBlocks(set); len(ds) > 0; ds = it.next() {
			for _, d := range ds {
				a[d] = float32(n.boost)
			}
		}
	}
	return set, a, err
}
func (n allNode) prepare(r *rescorer) error { r.weight += n.boost * n.boost; return nil }
func (n allNode) score(r *rescorer, _ uint64, _ bsearch.FieldTermLocationMap) (float64, bool) {
	return n.boost * r.qn, true
}

// noneNode matches nothing: a MatchNoneQuery, a word that analyses to no
// term, an empty conjunction or disjunction (as in bleve).
type noneNode struct{}

func (noneNode) String() string { return "NONE" }
func (noneNode) costly() bool   { return false }
func (noneNode) exact(*segEval, *roaring.Bitmap) (*roaring.Bitmap, error) {
	return roaring.New(), nil
}
func (noneNode) first(f *firstPhase, _ *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	return roaring.New(), f.array(), nil
}
func (noneNode) prepare(*rescorer) error { return nil }
func (noneNode) score(*rescorer, uint64, bsearch.FieldTermLocationMap) (float64, bool) {
	return 0, false
}

// yearNode is an inclusive TermRangeQuery on the fiscal years' terms
// (Config.YearTerms), whose four digits order as the years do. It only
// filters.
type yearNode struct {
	lo, hi int // inclusive; 0: open
}

func (n *yearNode) String() string {
	b := func(v int) string {
		if v == 0 {
			return ""
		}
		return fmt.Sprint(v)
	}
	return "year[" + b(n.lo) + "," + b(n.hi) + "]"
}

func (n *yearNode) costly() bool { return false }

func (n *yearNode) exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	if cand.IsEmpty() {
		return cand, nil
	}
	terms, err := e.years(n.lo, n.hi)
	if err != nil {
		return nil, err
	}
	out, err := e.anyOf(e.yearField, terms)
	if err != nil {
		return nil, err
	}
	out.And(cand)
	return out, nil
}

func (n *yearNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	return f.unscored(cand)
}

func (n *yearNode) prepare(*rescorer) error {
	return unsupported("a year range is served as a filter only, not in the scoring part of a query")
}

func (n *yearNode) score(*rescorer, uint64, bsearch.FieldTermLocationMap) (float64, bool) {
	return 0, false
}

// prefixNode is a PrefixQuery on a keyword field: the passages with a
// value that starts with prefix. With the empty prefix, the passages with
// any value: under a MustNot it finds those with none, which a facet counts
// as unknown. It only filters.
type prefixNode struct {
	field, prefix string
}

func (n *prefixNode) String() string { return n.field + ":" + n.prefix + "*" }
func (n *prefixNode) costly() bool   { return false }

func (n *prefixNode) exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	if cand.IsEmpty() {
		return cand, nil
	}
	set, err := e.derived(kindPrefix, n.field, n.prefix, func() (*roaring.Bitmap, error) {
		e.mu.Lock()
		d, err := e.dictLocked(n.field)
		e.mu.Unlock()
		if err != nil || d == nil {
			return roaring.New(), err
		}
		var terms []string
		e.mu.Lock()
		err = EachEntry(d.AutomatonIterator(nil, nil, nil).Next, func(de *index.DictEntry) error {
			if strings.HasPrefix(de.Term, n.prefix) {
				terms = append(terms, de.Term)
			}
			return nil
		})
		e.mu.Unlock()
		if err != nil {
			return nil, err
		}
		return e.anyOf(n.field, terms)
	})
	if err != nil {
		return nil, err
	}
	return roaring.And(cand, set), nil
}

func (n *prefixNode) first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error) {
	return f.unscored(cand)
}

func (n *prefixNode) prepare(*rescorer) error {
	return unsupported("a prefix query is served as a filter only, not in the scoring part of a query")
}

func (n *prefixNode) score(*rescorer, uint64, bsearch.FieldTermLocationMap) (float64, bool) {
	return 0, false
}

// EachEntry calls fn with every entry next yields until next runs out or
// either returns an error. Entries may be reused by next.
func EachEntry(next func() (*index.DictEntry, error), fn func(*index.DictEntry) error) error {
	for {
		e, err := next()
		if err != nil || e == nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
}
