package search

import (
	"container/list"
	"errors"
	"math"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// DefaultPostingsCacheBytes bounds the decoded postings a Searcher keeps.
const DefaultPostingsCacheBytes = 256 << 20

// postingsCache keeps decoded postings of immutable segments, least
// recently used first out: the documents of a term as a bitmap and, once
// the first phase has needed them, its documents with √tf·norm. Decoding a
// common term's freq/norm chunks costs more than scoring with them, and a
// search service sees the same terms again and again. Beside postings it
// keeps what is derived from them once per segment: the passages of a
// phrase and the values of a facet per passage. Segments never change, so
// an entry is never stale; a Searcher serves one index generation, and
// the cache goes with it.
type postingsCache struct {
	mu    sync.Mutex
	limit int
	size  int
	lru   *list.List // of *pcEntry, most recent first
	byKey map[pcKey]*list.Element

	hits, misses uint64
}

type pcKey struct {
	seg         segment.Segment
	field, term string
}

type pcEntry struct {
	key   pcKey
	bm    *roaring.Bitmap // read-only
	docs  []uint32        // nil until scored
	freq  []uint32        // by docs
	norm  []float32       // by docs
	tfn   []float32       // √freq·norm, by docs
	locAt []uint32        // docs[i]'s locations are locs[3*locAt[i]:3*locAt[i+1]]
	locs  []uint32        // (pos, start, end) triples
	ords  *facetOrds      // a facet field's values per document
	keys  []int64         // a sort field's keys per document
	extra int             // bytes held besides the above
	size  int
}

func newPostingsCache(limit int) *postingsCache {
	return &postingsCache{limit: limit, lru: list.New(), byKey: map[pcKey]*list.Element{}}
}

func (c *postingsCache) get(k pcKey) *pcEntry {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[k]
	if !ok {
		c.misses++
		return nil
	}
	c.hits++
	c.lru.MoveToFront(el)
	return el.Value.(*pcEntry)
}

// put stores e (replacing an entry of the same key) and evicts the least
// recently used entries beyond the limit.
func (c *postingsCache) put(e *pcEntry) {
	if c == nil || c.limit <= 0 {
		return
	}
	e.size = 64 + len(e.key.field) + len(e.key.term) + int(e.bm.GetSizeInBytes()) + 16*len(e.docs) + 4*len(e.locAt) + 4*len(e.locs) + e.extra
	if e.size > c.limit/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[e.key]; ok {
		c.size -= el.Value.(*pcEntry).size
		c.lru.Remove(el)
	}
	c.byKey[e.key] = c.lru.PushFront(e)
	c.size += e.size
	for c.size > c.limit {
		el := c.lru.Back()
		old := el.Value.(*pcEntry)
		c.lru.Remove(el)
		delete(c.byKey, old.key)
		c.size -= old.size
	}
}

// bitmap returns the documents of a term in a segment (deleted ones
// included): callers must not modify it.
func (c *postingsCache) bitmap(seg segment.Segment, d segment.TermDictionary, field, term string) (*roaring.Bitmap, error) {
	k := pcKey{seg, field, term}
	if e := c.get(k); e != nil {
		return e.bm, nil
	}
	b := roaring.New()
	if d != nil {
		pl, err := d.PostingsList([]byte(term), nil, nil)
		if err != nil {
			return nil, err
		}
		or, ok := pl.(interface{ OrInto(*roaring.Bitmap) })
		if !ok {
			return nil, errUnsupported
		}
		or.OrInto(b)
	}
	c.put(&pcEntry{key: k, bm: b})
	return b, nil
}

// scored returns a term's documents with their term frequency and field
// norm, decoding the postings' freq/norm chunks once.
func (c *postingsCache) scored(seg segment.Segment, d segment.TermDictionary, field, term string) (*pcEntry, error) {
	k := pcKey{seg, field, term}
	e := c.get(k)
	if e != nil && e.docs != nil {
		return e, nil
	}
	ne := &pcEntry{key: k, docs: []uint32{}}
	err := eachPosting(d, term, false, func(n uint64, p segment.Posting) error {
		if len(ne.docs) == 0 {
			ne.docs, ne.freq = make([]uint32, 0, n), make([]uint32, 0, n)
			ne.norm, ne.tfn = make([]float32, 0, n), make([]float32, 0, n)
		}
		ne.docs = append(ne.docs, uint32(p.Number()))
		ne.freq = append(ne.freq, uint32(p.Frequency()))
		ne.norm = append(ne.norm, float32(p.Norm()))
		ne.tfn = append(ne.tfn, float32(math.Sqrt(float64(p.Frequency()))*p.Norm()))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if e != nil {
		ne.bm = e.bm
	} else {
		ne.bm = roaring.BitmapOf(ne.docs...)
	}
	c.put(ne)
	return ne, nil
}

// located returns a term's decoded postings with their locations (for a
// field with term vectors), or nil when a location has array positions,
// which the cache does not keep.
func (c *postingsCache) located(seg segment.Segment, d segment.TermDictionary, field, term string) (*pcEntry, error) {
	k := pcKey{seg, field, term}
	e := c.get(k)
	if e != nil && e.locAt != nil {
		return e, nil
	}
	if e == nil || e.docs == nil {
		var err error
		if e, err = c.scored(seg, d, field, term); err != nil {
			return nil, err
		}
	}
	ne := *e
	ne.locAt = make([]uint32, 1, len(e.docs)+1)
	err := eachPosting(d, term, true, func(_ uint64, p segment.Posting) error {
		for _, l := range p.Locations() {
			if len(l.ArrayPositions()) > 0 || l.Pos() > math.MaxUint32 || l.End() > math.MaxUint32 {
				return errArrayPositions
			}
			ne.locs = append(ne.locs, uint32(l.Pos()), uint32(l.Start()), uint32(l.End()))
		}
		ne.locAt = append(ne.locAt, uint32(len(ne.locs)/3))
		return nil
	})
	switch {
	case errors.Is(err, errArrayPositions):
		return nil, nil
	case err != nil:
		return nil, err
	case len(ne.locAt) != len(ne.docs)+1:
		return nil, nil
	}
	c.put(&ne)
	return &ne, nil
}

// errArrayPositions stops located: the cache keeps no array positions.
var errArrayPositions = errors.New("location with array positions")

// eachPosting calls fn with every posting of term in d (none when d is
// nil or the term is absent), with frequencies and norms, and with
// locations when locs is set. n is the postings list's length.
func eachPosting(d segment.TermDictionary, term string, locs bool, fn func(n uint64, p segment.Posting) error) error {
	if d == nil {
		return nil
	}
	pl, err := d.PostingsList([]byte(term), nil, nil)
	if err != nil || pl == nil {
		return err
	}
	n := pl.Count()
	it := pl.Iterator(true, true, locs, nil)
	for {
		p, err := it.Next()
		if err != nil || p == nil {
			return err
		}
		if err := fn(n, p); err != nil {
			return err
		}
	}
}

// unit returns the entry cached under name, computing it on a miss (see
// firstphase.go).
func (c *postingsCache) unit(seg segment.Segment, name string, compute func() (*pcEntry, error)) (*pcEntry, error) {
	k := pcKey{seg, "", "\x00unit\x00" + name}
	if e := c.get(k); e != nil {
		return e, nil
	}
	e, err := compute()
	if err != nil {
		return nil, err
	}
	e.key = k
	c.put(e)
	return e, nil
}

// lookup returns the index of doc in e.docs.
func (e *pcEntry) lookup(doc uint32) (int, bool) {
	i := sort.Search(len(e.docs), func(i int) bool { return e.docs[i] >= doc })
	return i, i < len(e.docs) && e.docs[i] == doc
}

// derived returns a bitmap computed from a segment's postings and cached
// under name (which must not collide with a term: it starts with NUL).
func (c *postingsCache) derived(seg segment.Segment, field, name string, compute func() (*roaring.Bitmap, error)) (*roaring.Bitmap, error) {
	k := pcKey{seg, field, "\x00" + name}
	if e := c.get(k); e != nil {
		return e.bm, nil
	}
	b, err := compute()
	if err != nil {
		return nil, err
	}
	c.put(&pcEntry{key: k, bm: b})
	return b, nil
}

// blocks walks a bitmap's members in order, a block at a time:
//
//	for it, ds := newBlocks(b); len(ds) > 0; ds = it.next() {
//		for _, d := range ds { … }
//	}
type blocks struct {
	it  roaring.ManyIntIterable
	buf [256]uint32
}

func newBlocks(b *roaring.Bitmap) (*blocks, []uint32) {
	x := &blocks{it: b.ManyIterator()}
	return x, x.next()
}

func (x *blocks) next() []uint32 {
	return x.buf[:x.it.NextMany(x.buf[:])]
}
