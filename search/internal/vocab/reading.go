package vocab

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"

	"seisaku/analyzers"
	"seisaku/indexer"
)

// Readings. A word typed in kana (こうほうし) finds kanji (広報紙) through the
// readings of the text field's terms: each term of the field's dictionary
// has the readings its dictionary spellings have (analyzers.EachTermReading:
// 広報 → コウホウ, 見守る → ミマモル and ミマモリ), and a term in kana reads as
// itself. kagome segments kana differently from the kanji it stands for
// (こうほうし → こう|ほうし), so the query is not analysed: its folded kana
// (analyzers.ReadingTerm) is split into known readings, preferring the
// fewest pieces and then the most frequent ones, and each of the best few
// splits is matched as a phrase of the text field whose every position
// takes any term of that reading (広報|公報 then 紙|市|誌…).
//
// The readings are derived when the dictionary is read (Load), from the
// terms and the embedded morphological dictionaries: the index keeps no
// field of readings. Several indexes served as one (search.NewMulti) read
// their dictionaries merged; a bare IndexAlias over several indexes has no
// field dictionary in bleve v2.5 and does not expose its members, so there
// the reading alternative is skipped (kana words still match the other
// fields).

// maxReadingRunes bounds the kana words split: a longer one is almost
// always pasted text.
const maxReadingRunes = 30

// maxReadingTerms bounds the terms one reading stands for in a phrase, the
// most frequent kept: a one- or two-kana reading (シ, コウ) is written with
// dozens of characters.
const maxReadingTerms = 16

// Readings holds the readings of an index's text terms: for each reading
// the number of passages its terms occur in (a passage counted once per
// term) and the terms, most frequent first; and the readings of the
// particles the text field leaves out (analyzers.ParticleReadings): a kana
// word's の in しみんのこえ is such a gap.
type Readings struct {
	count    map[string]uint64
	terms    map[string][]string
	gaps     map[string]bool
	maxRunes int // runes of the longest term or gap
}

// Gap stands in a split for a particle's reading: the text field has no
// term there, so the phrase takes any token at its position.
const Gap = ""

// loadReadings reads the text field's dictionary and gives its terms their
// readings.
func loadReadings(fieldDict func(string) (index.FieldDict, error)) (*Readings, error) {
	counts := map[string]uint64{}
	err := EachTerm(fieldDict, indexer.FieldText, func(e *index.DictEntry) {
		counts[e.Term] = e.Count
	})
	if err != nil {
		return nil, err
	}
	return readingsFor(counts), nil
}

// readingsFor returns the readings of the terms, found in count passages
// each.
func readingsFor(counts map[string]uint64) *Readings {
	by := map[string]map[string]bool{}
	add := func(r, t string) {
		if by[r] == nil {
			by[r] = map[string]bool{}
		}
		by[r][t] = true
	}
	for t := range counts {
		if r, ok := KanaReading(t); ok {
			add(r, t)
		}
	}
	analyzers.EachTermReading(func(r, t string) {
		if counts[t] > 0 {
			add(r, t)
		}
	})
	d := &Readings{count: make(map[string]uint64, len(by)), terms: make(map[string][]string, len(by))}
	for r, set := range by {
		ts := make([]string, 0, len(set))
		var n uint64
		for t := range set {
			ts = append(ts, t)
			n += counts[t]
		}
		sort.Slice(ts, func(i, j int) bool {
			if counts[ts[i]] != counts[ts[j]] {
				return counts[ts[i]] > counts[ts[j]]
			}
			return ts[i] < ts[j]
		})
		d.count[r] = n
		d.terms[r] = ts[:min(len(ts), maxReadingTerms)]
		d.maxRunes = max(d.maxRunes, utf8.RuneCountInString(r))
	}
	d.addGaps()
	return d
}

// addGaps adds the particles' readings as gaps.
func (d *Readings) addGaps() {
	d.gaps = analyzers.ParticleReadings()
	for g := range d.gaps {
		d.maxRunes = max(d.maxRunes, utf8.RuneCountInString(g))
	}
}

// NewReadings returns the readings of text terms found in count passages
// each (for tests; Load reads the index's).
func NewReadings(counts map[string]uint64) *Readings {
	return readingsFor(counts)
}

// Terms returns the text terms a reading of a split stands for, the most
// frequent first, or none for a Gap.
func (d *Readings) Terms(reading string) []string {
	if d == nil || reading == Gap {
		return nil
	}
	return d.terms[reading]
}

// readingSplit is one way to write a kana word as known readings.
type readingSplit struct {
	terms []string
	gaps  int     // runes of the word its gaps stand for, unchecked
	score float64 // sum of log(1+passages) of the terms: higher is more frequent
}

// better orders splits: fewer terms first, then the fewer runes left to
// gaps (コウレイシャ|ノ|ミマモリ before コウレイシャ|ノミ|マモリ: a gap takes
// any token, so the less of the word it stands for, the more is checked),
// then the more frequent.
func (a readingSplit) better(b readingSplit) bool {
	if len(a.terms) != len(b.terms) {
		return len(a.terms) < len(b.terms)
	}
	if a.gaps != b.gaps {
		return a.gaps < b.gaps
	}
	return a.score > b.score
}

// Splits returns up to k ways to write word (already folded with
// analyzers.ReadingTerm) as the fewest dictionary terms, the most frequent
// first, or none when there is no way or the word is too long. Splits into
// more terms are left out: they are mostly short homophones (ギカイ as ギ|カイ).
// It is a k-best dynamic programme over rune positions: best[j] holds the k
// best splits of the first j runes.
func (d *Readings) Splits(word string, k int) [][]string {
	rs := []rune(word)
	if d == nil || len(rs) == 0 || len(rs) > maxReadingRunes {
		return nil
	}
	best := make([][]readingSplit, len(rs)+1)
	best[0] = []readingSplit{{}}
	for j := 1; j <= len(rs); j++ {
		for i := max(0, j-d.maxRunes); i < j; i++ {
			if len(best[i]) == 0 {
				continue
			}
			piece := string(rs[i:j])
			// a particle's reading is a gap inside the word, and may
			// also be a word's (ノ of 野, シ of 市): both are tried
			if d.gaps[piece] && i > 0 && j < len(rs) {
				for _, s := range best[i] {
					if s.terms[len(s.terms)-1] != Gap { // one gap between two words
						g := s.extend(Gap, 0)
						g.gaps += j - i
						best[j] = append(best[j], g)
					}
				}
			}
			if n := d.count[piece]; n > 0 {
				for _, s := range best[i] {
					best[j] = append(best[j], s.extend(piece, n))
				}
			}
		}
		sort.SliceStable(best[j], func(a, b int) bool { return best[j][a].better(best[j][b]) })
		best[j] = best[j][:min(k, len(best[j]))]
	}
	var out [][]string
	for _, s := range best[len(rs)] {
		if len(s.terms) != len(best[len(rs)][0].terms) {
			continue
		}
		out = append(out, s.terms)
	}
	return out
}

// extend returns s followed by term, found in n passages.
func (s readingSplit) extend(term string, n uint64) readingSplit {
	terms := make([]string, len(s.terms), len(s.terms)+1)
	copy(terms, s.terms)
	return readingSplit{terms: append(terms, term), gaps: s.gaps, score: s.score + math.Log1p(float64(n))}
}

// KanaReading returns the reading-field form of a word typed in kana (full
// or half width, hiragana or katakana), and false for any other word. The
// middle dot (シティ・プロモーション) is dropped, as the text's readings drop
// it as a symbol.
func KanaReading(w string) (string, bool) {
	r := analyzers.ReadingTerm(strings.NewReplacer("・", "", "･", "").Replace(w))
	if r == "" {
		return "", false
	}
	for _, c := range r {
		if !(c >= 'ァ' && c <= 'ヺ') && c != 'ヽ' && c != 'ヾ' {
			return "", false
		}
	}
	return r, true
}
