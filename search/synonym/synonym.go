package synonym

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sync"

	"golang.org/x/text/unicode/norm"
)

//go:embed data/synonyms.txt.gz
var dictionary []byte

// Relation says how an alternative relates to the word looked up.
type Relation int

const (
	Variant Relation = iota // the same lexeme written differently
	Synonym                 // another lexeme of the same group
)

func (r Relation) String() string {
	if r == Variant {
		return "variant"
	}
	return "synonym"
}

// Alt is one word that stands for the word looked up.
type Alt struct {
	Text     string
	Relation Relation
}

// Dict maps words to their alternatives.
type Dict struct {
	alts map[string][]Alt // by NFKC headword
}

// entry is one line of the dictionary.
type entry struct {
	group, lexeme string
	flag          string // 展開制御: "0"/"" expands, "1" only expanded to, "2" unused
	latin         bool
	word          string
}

var (
	once sync.Once
	def  *Dict
	err  error
)

// Default returns the embedded Sudachi dictionary, read on first use.
func Default() (*Dict, error) {
	once.Do(func() {
		var r io.Reader
		if r, err = gzip.NewReader(bytes.NewReader(dictionary)); err == nil {
			def, err = Read(r)
		}
	})
	return def, err
}

// Read parses a dictionary in the Sudachi source format.
func Read(r io.Reader) (*Dict, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	d := &Dict{alts: map[string][]Alt{}}
	var group []entry
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("synonym: %w", err)
		}
		if len(rec) < 9 {
			continue // a blank line between groups
		}
		e := entry{group: rec[0], lexeme: rec[3], flag: rec[2], latin: rec[6] == "1", word: norm.NFKC.String(rec[8])}
		if len(group) > 0 && group[0].group != e.group {
			d.add(group)
			group = group[:0]
		}
		group = append(group, e)
	}
	d.add(group)
	return d, nil
}

// add records the alternatives of every word of one group.
func (d *Dict) add(group []entry) {
	for _, e := range group {
		if e.flag == "1" || e.flag == "2" || e.latin {
			continue
		}
		for _, o := range group {
			if o.word == e.word || o.flag == "2" || o.latin || hasAlt(d.alts[e.word], o.word) {
				continue
			}
			rel := Synonym
			if o.lexeme == e.lexeme {
				rel = Variant
			}
			d.alts[e.word] = append(d.alts[e.word], Alt{o.word, rel})
		}
	}
}

func hasAlt(as []Alt, w string) bool {
	for _, a := range as {
		if a.Text == w {
			return true
		}
	}
	return false
}

// Lookup returns the alternatives of word (compared after NFKC), variants
// first, in the dictionary's order.
func (d *Dict) Lookup(word string) []Alt {
	as := d.alts[norm.NFKC.String(word)]
	out := make([]Alt, 0, len(as))
	for _, rel := range []Relation{Variant, Synonym} {
		for _, a := range as {
			if a.Relation == rel {
				out = append(out, a)
			}
		}
	}
	return out
}

// Len returns the number of words that have alternatives.
func (d *Dict) Len() int { return len(d.alts) }
