package engine

import (
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// segEval reads one segment of a snapshot for one search: term
// dictionaries, postings and what the cache keeps of them.
type segEval struct {
	seg       segment.Segment
	live      *roaring.Bitmap // every document not deleted
	deleted   *roaring.Bitmap // nil: none
	dicts     map[string]segment.TermDictionary
	lists     map[[2]string]*roaring.Bitmap
	years     func(lo, hi int) ([]string, error) // the year terms in a range
	yearField string                             // the keyword field they are terms of
	c         *cache                             // nil: decode every time

	mu sync.Mutex // guards dicts and lists, and the dictionaries' use
}

func newSegEval(seg segment.Segment, deleted *roaring.Bitmap, years func(lo, hi int) ([]string, error), yearField string, c *cache) *segEval {
	if deleted != nil && deleted.IsEmpty() {
		deleted = nil // none, as segEval.deleted says it
	}
	live := roaring.New()
	live.AddRange(0, seg.Count())
	if deleted != nil {
		live.AndNot(deleted)
	}
	return &segEval{seg: seg, live: live, deleted: deleted, dicts: map[string]segment.TermDictionary{},
		lists: map[[2]string]*roaring.Bitmap{}, years: years, yearField: yearField, c: c}
}

// dictLocked returns the field's term dictionary (nil when the segment has
// no such field). A dictionary is not safe for concurrent use, so every
// use of it holds e.mu.
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
	e.mu.Lock()
	defer e.mu.Unlock()
	d, err := e.dictLocked(field)
	if err != nil || d == nil {
		return nil, err
	}
	return d.PostingsList([]byte(term), nil, nil)
}

// liveCount is bleve's document frequency of the term in the segment: its
// postings without the deleted documents, counted on the cached set (a
// zap postings list made for the count cost a twentieth of a query).
func (e *segEval) liveCount(field, term string) (uint64, error) {
	b, err := e.postings(field, term)
	if err != nil {
		return 0, err
	}
	n := b.GetCardinality()
	if e.deleted != nil {
		n -= b.AndCardinality(e.deleted)
	}
	return n, nil
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
	b, err := e.c.termDocs(e.seg, d, field, term)
	if err != nil {
		return nil, err
	}
	e.lists[k] = b
	return b, nil
}

// scored returns the term's decoded postings with frequencies and norms.
func (e *segEval) scored(field, term string) (*scoredPostings, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, err := e.dictLocked(field)
	if err != nil {
		return nil, err
	}
	return e.c.scored(e.seg, d, field, term)
}

// located returns the term's decoded postings with locations, or nil when
// they cannot be cached.
func (e *segEval) located(field, term string) (*locatedPostings, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, err := e.dictLocked(field)
	if err != nil {
		return nil, err
	}
	return e.c.located(e.seg, d, field, term)
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

// derived returns a set computed from the segment's postings, kept in the
// cache under kind, field and name.
func (e *segEval) derived(kind entryKind, field, name string, compute func() (*roaring.Bitmap, error)) (*roaring.Bitmap, error) {
	d, err := load(e.c, cacheKey{e.seg, kind, field, name}, func() (docSet, error) {
		b, err := compute()
		return docSet{b}, err
	})
	return d.Bitmap, err
}
