package vocab

import (
	"bytes"
	"sort"
	"sync"

	index "github.com/blevesearch/bleve_index_api"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/internal/engine"
)

// Source is where a vocabulary is read from: an index's (or several
// indexes' merged) field dictionaries, and a prefix walk for an index that
// has no single dictionary (an alias over several indexes).
type Source struct {
	Dict   func(field string) (index.FieldDict, error)
	Prefix func(field string, prefix []byte) (index.FieldDict, error)
}

// Vocabulary is an index's words, read once.
type Vocabulary struct {
	src      Source
	titles   []titleEntry      // sorted by folded title
	terms    *termTable        // nil when the index has no single dictionary
	readings *Readings         // nil when the index has no single dictionary
	cities   map[string]string // folded city name → the city value

	spellOnce sync.Once
	spell     *spellIndex // built at the first correction

	mu       sync.RWMutex
	surfaces map[string]string // folded term → how the text writes it
}

// Load reads the vocabulary of src. What an index cannot give (the terms
// and readings of an alias over several indexes, anything of a closed
// index) is left empty; the error is that of the title dictionary, the
// one every index has.
func Load(src Source) (*Vocabulary, error) {
	v := &Vocabulary{src: src}
	v.readings, _ = loadReadings(src.Dict)
	v.terms, _ = loadTermTable(src.Dict)
	v.cities = loadCities(src.Dict)
	// The doc_title dictionary holds each distinct title once, without
	// reading a stored passage.
	var ts []titleEntry
	err := EachTerm(src.Dict, indexer.FieldDocTitle, func(e *index.DictEntry) {
		ts = append(ts, titleEntry{title: e.Term, folded: analyzers.Fold(e.Term)})
	})
	if err != nil {
		return v, err
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].folded < ts[j].folded })
	v.titles = ts
	return v, nil
}

// Readings returns the reading dictionary kana words are split with, nil
// when the index has none.
func (v *Vocabulary) Readings() *Readings {
	if v == nil {
		return nil
	}
	return v.readings
}

// IsCity reports whether word names a city of the index, and which.
func (v *Vocabulary) IsCity(word string) (string, bool) {
	if v == nil {
		return "", false
	}
	c, ok := v.cities[analyzers.Fold(word)]
	return c, ok
}

// loadCities reads the city values of the index, by their folded form.
func loadCities(fieldDict func(string) (index.FieldDict, error)) map[string]string {
	m := map[string]string{}
	_ = EachTerm(fieldDict, indexer.FieldCity, func(e *index.DictEntry) {
		m[analyzers.Fold(e.Term)] = e.Term
	})
	return m
}

// EachTerm calls fn with every entry of field's dictionary, opened with
// open, in order.
func EachTerm(open func(string) (index.FieldDict, error), field string, fn func(*index.DictEntry)) error {
	d, err := open(field)
	if err != nil {
		return err
	}
	defer d.Close()
	return engine.EachEntry(d.Next, func(e *index.DictEntry) error { fn(e); return nil })
}

// Merge returns the sorted field dictionaries ds as one, counts summed
// where several hold a term. It owns ds: closing it closes them, and so
// does an error.
func Merge(ds []index.FieldDict) (index.FieldDict, error) {
	m := &mergedDict{dicts: ds, heads: make([]*index.DictEntry, len(ds))}
	for i, d := range ds {
		e, err := d.Next()
		if err != nil {
			m.Close()
			return nil, err
		}
		m.heads[i] = copyEntry(e)
	}
	return m, nil
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
