package engine

import (
	"container/list"
	"errors"
	"math"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// DefaultCacheBytes bounds what an Engine keeps decoded.
const DefaultCacheBytes = 256 << 20

// The cache keeps what is decoded or derived from immutable segments, least
// recently used first out: a term's postings, held in one entry that grows
// as they are needed (its documents, termDocs; with frequencies and norms,
// scoredPostings; with locations, locatedPostings), a phrase's or a field's
// passages (docSet), a unit's
// first-phase scores (unitScores), a facet field's values per passage
// (facetOrds) and a sort field's keys (sortKeys). Decoding a common term's
// freq/norm chunks costs more than scoring with them, and a search service
// sees the same terms again and again. Segments never change, so an entry
// is never stale.
type cache struct {
	mu    sync.Mutex
	limit int
	size  int
	lru   *list.List // of *cached, most recent first
	byKey map[cacheKey]*list.Element

	hits, misses uint64
}

// entryKind tells the kinds of value apart; each has its own Go type.
type entryKind uint8

const (
	kindTerm entryKind = iota // termPostings
	kindPhrase
	kindPrefix
	kindUnit
	kindFacetOrds
	kindSortKeys
)

type cacheKey struct {
	seg   segment.Segment
	kind  entryKind
	field string
	name  string // the term, or what identifies a derived value
}

// entry is a cached value; bytes is its approximate size.
type entry interface{ bytes() int }

type cached struct {
	key  cacheKey
	val  entry
	size int
}

func newCache(limit int) *cache {
	if limit <= 0 {
		return nil
	}
	return &cache{limit: limit, lru: list.New(), byKey: map[cacheKey]*list.Element{}}
}

func (c *cache) get(k cacheKey) entry {
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
	return el.Value.(*cached).val
}

// put stores v under k (replacing an entry of the same key) and evicts the
// least recently used entries beyond the limit; an entry over a quarter of
// the limit is not kept.
func (c *cache) put(k cacheKey, v entry) {
	if c == nil {
		return
	}
	size := 64 + len(k.field) + len(k.name) + v.bytes()
	if size > c.limit/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[k]; ok {
		c.size -= el.Value.(*cached).size
		c.lru.Remove(el)
	}
	c.byKey[k] = c.lru.PushFront(&cached{key: k, val: v, size: size})
	c.size += size
	for c.size > c.limit {
		el := c.lru.Back()
		old := el.Value.(*cached)
		c.lru.Remove(el)
		delete(c.byKey, old.key)
		c.size -= old.size
	}
}

// load returns the value of type T cached under k, computing and keeping
// it on a miss.
func load[T entry](c *cache, k cacheKey, compute func() (T, error)) (T, error) {
	if v, ok := c.get(k).(T); ok {
		return v, nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	c.put(k, v)
	return v, nil
}

// termPostings is what the cache holds of a term: termDocs, then
// *scoredPostings, then *locatedPostings, each holding the one before.
type termPostings interface {
	entry
	docSet() *roaring.Bitmap
}

// termDocs are the documents holding a term (deleted ones included).
type termDocs struct{ *roaring.Bitmap }

func (t termDocs) bytes() int              { return int(t.GetSizeInBytes()) }
func (t termDocs) docSet() *roaring.Bitmap { return t.Bitmap }

// docSet is a derived set of a segment's documents: where a phrase occurs,
// or which hold a value of a field with a prefix.
type docSet struct{ *roaring.Bitmap }

func (d docSet) bytes() int { return int(d.GetSizeInBytes()) }

// scoredPostings are a term's documents with their frequency and norm.
type scoredPostings struct {
	set  *roaring.Bitmap // docs as a set
	docs []uint32
	freq []uint32  // by docs
	norm []float32 // by docs
	tfn  []float32 // docFactor(freq, norm), by docs
}

func (p *scoredPostings) bytes() int              { return int(p.set.GetSizeInBytes()) + 16*len(p.docs) }
func (p *scoredPostings) docSet() *roaring.Bitmap { return p.set }

// lookup returns the index of doc in p.docs.
func (p *scoredPostings) lookup(doc uint32) (int, bool) {
	i := sort.Search(len(p.docs), func(i int) bool { return p.docs[i] >= doc })
	return i, i < len(p.docs) && p.docs[i] == doc
}

// locatedPostings add the locations to scoredPostings: docs[i]'s are
// locs[3*locAt[i]:3*locAt[i+1]], (pos, start, end) triples.
type locatedPostings struct {
	*scoredPostings
	locAt []uint32
	locs  []uint32
}

func (p *locatedPostings) bytes() int {
	return p.scoredPostings.bytes() + 4*len(p.locAt) + 4*len(p.locs)
}

// unitScores are a unit's documents (deleted ones included) and their
// first-phase scores; see firstphase.go.
type unitScores struct {
	set  *roaring.Bitmap
	docs []uint32
	tfn  []float32 // by docs
}

func (u *unitScores) bytes() int { return int(u.set.GetSizeInBytes()) + 8*len(u.docs) }

// sortKeys are a sort field's keys by document; see facets.go.
type sortKeys []int64

func (s sortKeys) bytes() int { return 8 * len(s) }

func (fo *facetOrds) bytes() int { return 4*len(fo.start) + 4*len(fo.ords) + 4*len(fo.single) }

// termDocs returns the documents of a term in a segment (deleted ones
// included); callers must not modify it.
func (c *cache) termDocs(seg segment.Segment, d segment.TermDictionary, field, term string) (*roaring.Bitmap, error) {
	k := cacheKey{seg, kindTerm, field, term}
	if t, ok := c.get(k).(termPostings); ok {
		return t.docSet(), nil
	}
	b := roaring.New()
	if d != nil {
		pl, err := d.PostingsList([]byte(term), nil, nil)
		if err != nil {
			return nil, err
		}
		or, ok := pl.(interface{ OrInto(*roaring.Bitmap) })
		if !ok {
			return nil, unsupported("postings of %s:%s cannot be read as a bitmap", field, term)
		}
		or.OrInto(b)
	}
	c.put(k, termDocs{b})
	return b, nil
}

// scored returns a term's documents with their frequency and norm,
// decoding the postings' freq/norm chunks once.
func (c *cache) scored(seg segment.Segment, d segment.TermDictionary, field, term string) (*scoredPostings, error) {
	k := cacheKey{seg, kindTerm, field, term}
	held := c.get(k)
	switch t := held.(type) {
	case *scoredPostings:
		return t, nil
	case *locatedPostings:
		return t.scoredPostings, nil
	}
	p := &scoredPostings{}
	err := eachPosting(d, term, false, func(n uint64, ps segment.Posting) error {
		if len(p.docs) == 0 {
			p.docs, p.freq = make([]uint32, 0, n), make([]uint32, 0, n)
			p.norm, p.tfn = make([]float32, 0, n), make([]float32, 0, n)
		}
		p.docs = append(p.docs, uint32(ps.Number()))
		p.freq = append(p.freq, uint32(ps.Frequency()))
		p.norm = append(p.norm, float32(ps.Norm()))
		p.tfn = append(p.tfn, float32(docFactor(uint32(ps.Frequency()), ps.Norm())))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if t, ok := held.(termDocs); ok {
		p.set = t.Bitmap
	} else {
		p.set = roaring.BitmapOf(p.docs...)
	}
	c.put(k, p)
	return p, nil
}

// located returns a term's decoded postings with their locations (for a
// field with term vectors), or nil when a location has array positions,
// which the cache does not keep.
func (c *cache) located(seg segment.Segment, d segment.TermDictionary, field, term string) (*locatedPostings, error) {
	k := cacheKey{seg, kindTerm, field, term}
	if v, ok := c.get(k).(*locatedPostings); ok {
		return v, nil
	}
	sp, err := c.scored(seg, d, field, term)
	if err != nil {
		return nil, err
	}
	p := &locatedPostings{scoredPostings: sp, locAt: make([]uint32, 1, len(sp.docs)+1)}
	err = eachPosting(d, term, true, func(_ uint64, ps segment.Posting) error {
		for _, l := range ps.Locations() {
			if len(l.ArrayPositions()) > 0 || l.Pos() > math.MaxUint32 || l.End() > math.MaxUint32 {
				return errArrayPositions
			}
			p.locs = append(p.locs, uint32(l.Pos()), uint32(l.Start()), uint32(l.End()))
		}
		p.locAt = append(p.locAt, uint32(len(p.locs)/3))
		return nil
	})
	switch {
	case errors.Is(err, errArrayPositions):
		return nil, nil
	case err != nil:
		return nil, err
	case len(p.locAt) != len(sp.docs)+1:
		return nil, nil
	}
	c.put(k, p)
	return p, nil
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
