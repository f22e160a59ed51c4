package search

import (
	"bytes"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"seisaku/search/internal/engine"
)

// NewMulti returns a Searcher over several indexes served as one (one per
// city or prefecture, say), with the answers of one index over the same
// passages: the fast path reads the segments of all of them at once, so
// IDF, totals and facets are computed over the whole, and suggestions and
// kana readings come from their merged dictionaries. The fast path serves
// every search page; bleve's IndexAlias over the indexes loads documents
// and ranks similar passages (Similar), with each index's own scores.
func NewMulti(idxs ...bleve.Index) *Searcher {
	if len(idxs) == 1 {
		return New(idxs[0])
	}
	return newSearcher(bleve.NewIndexAlias(idxs...), idxs)
}

// fieldDict returns the terms of field over the Searcher's indexes, counts
// summed where several hold a term.
func (s *Searcher) fieldDict(field string) (index.FieldDict, error) {
	if len(s.members) == 0 {
		return s.idx.FieldDict(field)
	}
	m := &mergedDict{}
	for _, idx := range s.members {
		d, err := idx.FieldDict(field)
		if err != nil {
			m.Close()
			return nil, err
		}
		m.dicts = append(m.dicts, d)
	}
	m.heads = make([]*index.DictEntry, len(m.dicts))
	for i, d := range m.dicts {
		e, err := d.Next()
		if err != nil {
			m.Close()
			return nil, err
		}
		m.heads[i] = copyEntry(e)
	}
	return m, nil
}

// eachTerm calls fn with every entry of field's dictionary, opened with
// open (Searcher.fieldDict or an index reader's FieldDict), in order.
func eachTerm(open func(string) (index.FieldDict, error), field string, fn func(*index.DictEntry)) error {
	d, err := open(field)
	if err != nil {
		return err
	}
	defer d.Close()
	return engine.EachEntry(d.Next, func(e *index.DictEntry) error { fn(e); return nil })
}

// mergedDict merges sorted field dictionaries.
type mergedDict struct {
	dicts []index.FieldDict
	heads []*index.DictEntry // the next entry of each dictionary; nil when done
}

func copyEntry(e *index.DictEntry) *index.DictEntry {
	if e == nil {
		return nil
	}
	c := *e
	return &c
}

func (m *mergedDict) Next() (*index.DictEntry, error) {
	var min *index.DictEntry
	for _, h := range m.heads {
		if h != nil && (min == nil || bytes.Compare([]byte(h.Term), []byte(min.Term)) < 0) {
			min = h
		}
	}
	if min == nil {
		return nil, nil
	}
	out := &index.DictEntry{Term: min.Term}
	for i, h := range m.heads {
		if h == nil || h.Term != out.Term {
			continue
		}
		out.Count += h.Count
		e, err := m.dicts[i].Next()
		if err != nil {
			return nil, err
		}
		m.heads[i] = copyEntry(e)
	}
	return out, nil
}

func (m *mergedDict) Close() error {
	var first error
	for _, d := range m.dicts {
		if err := d.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (m *mergedDict) Cardinality() int {
	n := 0
	for _, d := range m.dicts {
		n += d.Cardinality()
	}
	return n
}

func (m *mergedDict) BytesRead() uint64 { return 0 }
