package engine

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// View is what a search reads: the current snapshot of each of a set of
// scorch indexes, their segments numbered one after the other. Close it
// after use.
type View struct {
	snaps []*scorch.IndexSnapshot
}

// Open returns the current snapshots of idxs, or an error wrapping
// ErrUnsupported when one of them is not a scorch index.
func Open(idxs ...bleve.Index) (*View, error) {
	v := &View{}
	for _, idx := range idxs {
		snap, err := snapshot(idx)
		if err != nil {
			v.Close()
			return nil, err
		}
		v.snaps = append(v.snaps, snap)
	}
	return v, nil
}

func snapshot(idx bleve.Index) (*scorch.IndexSnapshot, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, unsupported("index %s: %v", idx.Name(), err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, unsupported("index %s is %T, not a scorch index", idx.Name(), adv)
	}
	r, err := sc.Reader()
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", idx.Name(), err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, unsupported("index %s: reader is %T", idx.Name(), r)
	}
	return snap, nil
}

// Close releases the snapshots.
func (v *View) Close() {
	for _, s := range v.snaps {
		s.Close()
	}
}

func (v *View) segments() []*scorch.SegmentSnapshot {
	var out []*scorch.SegmentSnapshot
	for _, s := range v.snaps {
		out = append(out, s.Segments()...)
	}
	return out
}

func (v *View) same(o *View) bool { return slices.Equal(v.snaps, o.snaps) }

// terms returns the sorted values of field over the view.
func (v *View) terms(field string) ([]string, error) {
	var all []string
	for _, s := range v.snaps {
		d, err := s.FieldDict(field)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", field, err)
		}
		err = EachEntry(d.Next, func(e *index.DictEntry) error { all = append(all, e.Term); return nil })
		d.Close()
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", field, err)
		}
	}
	if len(v.snaps) > 1 {
		slices.Sort(all)
		all = slices.Compact(all)
	}
	return all, nil
}

// years returns a function listing the year field's values within [lo,
// hi] (0: open), reading the field's terms once.
func (v *View) years(field string) func(lo, hi int) ([]string, error) {
	var all []string
	loaded := false
	return func(lo, hi int) ([]string, error) {
		if !loaded {
			var err error
			if all, err = v.terms(field); err != nil {
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

// idOrder maps a view's document numbers to the order of their external
// IDs, bleve's tie-break.
type idOrder struct {
	view *View
	rank []uint32 // by document number
	ids  []string // by rank
	doc  []uint32 // by document number: the passage's document
	docs int      // documents in the view
}

type idOrderCache struct {
	mu sync.Mutex
	o  *idOrder
}

func (c *idOrderCache) get(v *View, documentOf func(string) string) (*idOrder, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.o != nil && c.o.view.same(v) {
		return c.o, nil
	}
	type entry struct {
		id  string
		num uint32
	}
	var es []entry
	var total uint64
	for _, ss := range v.segments() {
		// The _id dictionary lists the IDs in order with their one
		// document each, held in the dictionary itself: reading it leaves
		// the stored passages (most of the file) untouched.
		seg := ss.Segment()
		d, err := seg.Dictionary("_id")
		if err != nil {
			return nil, fmt.Errorf("_id dictionary: %w", err)
		}
		// Reusing one postings list and iterator for the ~200,000 IDs of
		// a large index halves the time (150 against 340 ms).
		var pl segment.PostingsList
		var pi segment.PostingsIterator
		err = EachEntry(d.AutomatonIterator(nil, nil, nil).Next, func(de *index.DictEntry) error {
			var err error
			if pl, err = d.PostingsList([]byte(de.Term), ss.Deleted(), pl); err != nil {
				return err
			}
			pi = pl.Iterator(false, false, false, pi)
			for {
				p, err := pi.Next()
				if err != nil || p == nil {
					return err
				}
				es = append(es, entry{de.Term, uint32(total + p.Number())})
			}
		})
		if err != nil {
			return nil, fmt.Errorf("_id postings: %w", err)
		}
		total += seg.Count()
	}
	if total > math.MaxUint32 {
		return nil, unsupported("%d passages: more than 2³² document numbers", total)
	}
	// each segment's IDs are sorted already; several segments interleave
	slices.SortStableFunc(es, func(a, b entry) int { return strings.Compare(a.id, b.id) })
	o := &idOrder{view: &View{snaps: slices.Clone(v.snaps)}, rank: make([]uint32, total),
		ids: make([]string, len(es)), doc: make([]uint32, total)}
	docs := map[string]uint32{}
	for i, e := range es {
		o.rank[e.num] = uint32(i)
		o.ids[i] = e.id
		d := documentOf(e.id)
		n, ok := docs[d]
		if !ok {
			n = uint32(len(docs))
			docs[d] = n
		}
		o.doc[e.num] = n
	}
	o.docs = len(docs)
	c.o = o
	return o, nil
}

// DocumentOfPassage is the default Config.DocumentOf: a passage ID is its
// document's ID, "-" and the passage's number.
func DocumentOfPassage(id string) string {
	if j := strings.LastIndexByte(id, '-'); j > 0 {
		return id[:j]
	}
	return id
}

// TermCount returns how many passages of idxs hold term in field, deleted
// ones included, as their term dictionaries count them. It looks the term
// up in each segment's dictionary; bleve's FieldDictRange, which counts the
// same, starts a range iterator on every segment and merges them, and cost
// a served query on minutes (a count per speech of its hits) a third more
// once an index had three segments.
func TermCount(idxs []bleve.Index, field, term string) (int, error) {
	ns, err := TermCounts(idxs, field, []string{term})
	if err != nil {
		return 0, err
	}
	return ns[0], nil
}

// TermCounts is TermCount of each of terms, from one snapshot of the
// indexes and one dictionary a segment.
func TermCounts(idxs []bleve.Index, field string, terms []string) ([]int, error) {
	v, err := Open(idxs...)
	if err != nil {
		return nil, err
	}
	defer v.Close()
	ns := make([]int, len(terms))
	var pl segment.PostingsList
	for _, ss := range v.segments() {
		d, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", field, err)
		}
		for i, term := range terms {
			if pl, err = d.PostingsList([]byte(term), nil, pl); err != nil {
				return nil, fmt.Errorf("%s:%s: %w", field, term, err)
			}
			if pl != nil {
				ns[i] += int(pl.Count())
			}
		}
	}
	return ns, nil
}
