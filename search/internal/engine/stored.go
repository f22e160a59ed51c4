package engine

import (
	"fmt"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// StoredFields returns the stored values of fields of the live passages
// among ids, by passage ID, as a hit's Fields hold them (text as strings,
// numbers as float64, a repeated field as a list); an ID the view does not
// hold is left out. It reads the segments directly: a passage costs a
// lookup of its ID and the decoding of its stored fields, where bleve's
// search for the IDs builds a document of every field of each.
func (v *View) StoredFields(ids []string, fields []string) (map[string]map[string]any, error) {
	want := make(map[string]bool, len(fields))
	for _, f := range fields {
		want[f] = true
	}
	out := make(map[string]map[string]any, len(ids))
	for _, ss := range v.segments() {
		seg := ss.Segment()
		nums, err := seg.DocNumbers(ids)
		if err != nil {
			return nil, fmt.Errorf("passage numbers: %w", err)
		}
		if del := ss.Deleted(); del != nil {
			nums.AndNot(del)
		}
		for it := nums.Iterator(); it.HasNext(); {
			dm := &bsearch.DocumentMatch{}
			var ferr error
			// (the visitor never stops early: zapx v16 returns a pooled
			// buffer twice when it stops at the ID)
			err := seg.VisitStoredFields(uint64(it.Next()), func(field string, typ byte, value []byte, _ []uint64) bool {
				switch {
				case field == "_id":
					dm.ID = string(value)
				case !want[field] || ferr != nil:
				case typ == 't':
					dm.AddFieldValue(field, string(value))
				case typ == 'n':
					i, err := numeric.PrefixCoded(value).Int64()
					if err != nil {
						ferr = err
						break
					}
					dm.AddFieldValue(field, numeric.Int64ToFloat64(i))
				}
				return true
			})
			if err == nil {
				err = ferr
			}
			if err != nil {
				return nil, fmt.Errorf("stored fields of %s: %w", dm.ID, err)
			}
			if dm.Fields == nil {
				dm.Fields = map[string]any{}
			}
			out[dm.ID] = dm.Fields
		}
	}
	return out, nil
}

// StoredCache keeps the stored fields of the passages it was asked for (a
// document's first passage, which every hit of the document reads) while
// the index stays the same: asked with a view of other snapshots (the
// index changed), it starts afresh. It holds at most max passages; past
// that it starts afresh too. The values it returns are shared: read them,
// do not change them.
type StoredCache struct {
	fields []string
	max    int

	mu    sync.Mutex
	snaps []*scorch.IndexSnapshot // the view the passages were read from
	byID  map[string]map[string]any
}

// NewStoredCache returns an empty cache of the stored fields fields of at
// most max passages.
func NewStoredCache(fields []string, max int) *StoredCache {
	return &StoredCache{fields: fields, max: max}
}

// StoredFields is v.StoredFields(ids, c's fields), reading only the
// passages the cache does not hold for v.
func (c *StoredCache) StoredFields(v *View, ids []string) (map[string]map[string]any, error) {
	out := make(map[string]map[string]any, len(ids))
	var miss []string
	c.mu.Lock()
	if !slices.Equal(c.snaps, v.snaps) {
		c.snaps, c.byID = slices.Clone(v.snaps), map[string]map[string]any{}
	}
	for _, id := range ids {
		if f, ok := c.byID[id]; ok {
			out[id] = f
		} else {
			miss = append(miss, id)
		}
	}
	c.mu.Unlock()
	if len(miss) == 0 {
		return out, nil
	}
	got, err := v.StoredFields(miss, c.fields)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if slices.Equal(c.snaps, v.snaps) {
		if len(c.byID)+len(got) > c.max {
			c.byID = map[string]map[string]any{}
		}
		for id, f := range got {
			c.byID[id] = f
		}
	}
	c.mu.Unlock()
	for id, f := range got {
		out[id] = f
	}
	return out, nil
}
