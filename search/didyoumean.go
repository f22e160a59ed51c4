package search

import (
	"context"
	"sort"
	"strings"
	"sync"
	"unicode"

	"seisaku/analyzers"
)

// もしかして (did you mean). When a query is relaxed, each word the index
// holds in fewer than rareWord passages is checked against the index's own
// vocabulary, the morphological terms of the passage text: a run of the
// word's tokens (or the whole word) is replaced by a term one edit away
// (a character replaced, added or dropped) written in the same scripts
// (防災訓連 → 防災訓練, 多文化共性 → 多文化共生). A correction is offered when the
// corrected word is held by at least rareWord passages and by more than
// the word as typed; Result.DidYouMean gives the corrected query, one click
// on the page. Several indexes served as one (NewMulti) correct against
// their merged vocabulary.
const (
	rareWord       = 3
	maxCorrections = 3  // offered per word
	maxCandidates  = 10 // terms tried per run of tokens, the most frequent first
	maxTries       = 24 // corrected words counted per word
	maxSpellRunes  = 8  // longest term indexed for corrections
)

// Correction is one corrected query word.
type Correction struct {
	Word  string `json:"word"`
	Fixed string `json:"fixed"`
	Query string `json:"query"` // the whole query with the word replaced
	Hits  int    `json:"hits"`  // passages the corrected word finds as typed
}

// spellIndex finds the terms one edit away from a string: every term of
// two to maxSpellRunes runes is filed under itself and under each of its
// one-rune deletions, so two strings one edit apart share a key.
type spellIndex struct {
	table *termTable
	keys  map[string][]int32 // key → indexes into table.sorted
}

type spellCache struct {
	mu sync.Mutex
	si *spellIndex
}

func (c *spellCache) get(t *termTable) *spellIndex {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.si != nil && c.si.table == t {
		return c.si
	}
	si := &spellIndex{table: t, keys: map[string][]int32{}}
	for i, e := range t.sorted {
		rs := []rune(e.Text)
		if len(rs) < 2 || len(rs) > maxSpellRunes || e.Count < rareWord {
			continue
		}
		si.keys[e.Text] = append(si.keys[e.Text], int32(i))
		for _, d := range deletions(rs) {
			si.keys[d] = append(si.keys[d], int32(i))
		}
	}
	c.si = si
	return si
}

// deletions returns rs with each rune deleted once.
func deletions(rs []rune) []string {
	out := make([]string, 0, len(rs))
	for i := range rs {
		out = append(out, string(rs[:i])+string(rs[i+1:]))
	}
	return out
}

// near returns the terms one edit away from s in the same scripts, the most
// frequent first.
func (si *spellIndex) near(s string) []Suggestion {
	rs := []rune(s)
	if len(rs) < 2 || len(rs) > maxSpellRunes {
		return nil
	}
	seen := map[int32]bool{}
	var out []Suggestion
	for _, k := range append([]string{s}, deletions(rs)...) {
		for _, i := range si.keys[k] {
			e := si.table.sorted[i]
			if seen[i] || e.Text == s {
				continue
			}
			seen[i] = true
			if oneEdit(rs, []rune(e.Text)) && scripts(e.Text) == scripts(s) {
				out = append(out, e)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// oneEdit reports whether a and b are exactly one replacement, insertion or
// deletion apart.
func oneEdit(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		diff := 0
		for i := range a {
			if a[i] != b[i] {
				diff++
			}
		}
		return diff == 1
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return string(a[i:]) == string(b[i+1:])
	}
	return false
}

// scripts names the scripts s is written in: kanji, hiragana, katakana,
// Latin letters or digits, as a set.
func scripts(s string) string {
	var set [5]bool
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			set[0] = true
		case unicode.Is(unicode.Hiragana, r):
			set[1] = true
		case unicode.Is(unicode.Katakana, r) || r == 'ー':
			set[2] = true
		case unicode.IsLetter(r):
			set[3] = true
		case unicode.IsDigit(r):
			set[4] = true
		}
	}
	var b strings.Builder
	for i, ok := range set {
		if ok {
			b.WriteByte(byte('0' + i))
		}
	}
	return b.String()
}

// didYouMean returns corrections for the rare words of a relaxed query.
func (s *Searcher) didYouMean(ctx context.Context, p *plan, r Request) ([]Correction, error) {
	s.mu.RLock()
	t := s.terms
	s.mu.RUnlock()
	if t == nil {
		return nil, nil
	}
	si := s.spell.get(t)
	var out []Correction
	for ci, c := range p.query.Clauses {
		for _, w := range c.Any {
			if w.Phrase {
				continue
			}
			n, err := s.wordCount(ctx, p, w.Text)
			if err != nil {
				return nil, err
			}
			if n >= rareWord {
				continue
			}
			cs, err := s.corrections(ctx, p, si, w.Text, n)
			if err != nil {
				return nil, err
			}
			for _, fix := range cs {
				fix.Query = replaceClauseWord(p.query, ci, w.Text, fix.Fixed)
				out = append(out, fix)
			}
		}
	}
	return out, nil
}

// wordCount is the number of passages that hold word as typed (strict,
// with the request's filters).
func (s *Searcher) wordCount(ctx context.Context, p *plan, word string) (int, error) {
	one := &Query{Clauses: []Clause{{Any: []Word{{Text: word}}}}}
	return s.countStrict(ctx, newBuilder(nil, s.readingDict()), one, "", p)
}

// corrections tries, for each run of word's tokens and for the whole word,
// the terms one edit away, and keeps the corrected words that find more.
func (s *Searcher) corrections(ctx context.Context, p *plan, si *spellIndex, word string, have int) ([]Correction, error) {
	ts, err := analyzers.Analyze(analyzers.Morph, word)
	if err != nil {
		return nil, err
	}
	spans := [][2]int{{0, len(word)}}
	for i := range ts {
		for j := i; j < len(ts) && j <= i+1; j++ {
			if ts[i].Start != 0 || ts[j].End != len(word) {
				spans = append(spans, [2]int{ts[i].Start, ts[j].End})
			}
		}
	}
	var out []Correction
	tried := map[string]bool{}
	for _, sp := range spans {
		for _, cand := range first(si.near(analyzers.Fold(word[sp[0]:sp[1]])), maxCandidates) {
			fixed := word[:sp[0]] + cand.Text + word[sp[1]:]
			if tried[fixed] || len(tried) >= maxTries {
				continue
			}
			tried[fixed] = true
			n, err := s.wordCount(ctx, p, fixed)
			if err != nil {
				return nil, err
			}
			if n >= rareWord && n > have {
				out = append(out, Correction{Word: word, Fixed: fixed, Hits: n})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Hits > out[j].Hits })
	return first(out, maxCorrections), nil
}

func first[T any](xs []T, n int) []T { return xs[:min(len(xs), n)] }

// replaceClauseWord renders q with word in clause ci replaced by fixed.
func replaceClauseWord(q *Query, ci int, word, fixed string) string {
	c := *q
	c.Clauses = append([]Clause(nil), q.Clauses...)
	any := append([]Word(nil), c.Clauses[ci].Any...)
	for i := range any {
		if any[i].Text == word {
			any[i].Text = fixed
		}
	}
	c.Clauses[ci] = Clause{Any: any}
	parts := make([]string, 0, len(c.Clauses)+len(c.Exclude))
	for _, cl := range c.Clauses {
		ws := make([]string, len(cl.Any))
		for i, w := range cl.Any {
			ws[i] = w.String()
		}
		parts = append(parts, strings.Join(ws, " OR "))
	}
	for _, w := range c.Exclude {
		parts = append(parts, "-"+w.String())
	}
	return strings.Join(parts, " ")
}
