package search

import (
	"context"
	"sort"

	"seisaku/analyzers"
	"seisaku/search/internal/vocab"
	"seisaku/search/plan"
)

// もしかして (did you mean). When a query is relaxed, each word the index
// holds in fewer than rareWord passages is checked against the index's own
// vocabulary, the morphological terms of the passage text: a run of the
// word's tokens (or the whole word) is replaced by a term one edit away
// (a character replaced, added or dropped) written in the same scripts
// (防災訓連 → 防災訓練, 多文化共性 → 多文化共生; vocab.Vocabulary.Near). A
// correction is offered when the corrected word is held by at least
// rareWord passages and by more than the word as typed; Result.DidYouMean
// gives the corrected query, one click on the page. Several indexes served
// as one (NewMulti) correct against their merged vocabulary.
const (
	rareWord       = vocab.RareWord
	maxCorrections = 3  // offered per word
	maxCandidates  = 10 // terms tried per run of tokens, the most frequent first
	maxTries       = 24 // corrected words counted per word
)

// Correction is one corrected query word.
type Correction struct {
	Word  string `json:"word"`
	Fixed string `json:"fixed"`
	Query string `json:"query"` // the whole query with the word replaced
	Hits  int    `json:"hits"`  // passages the corrected word finds as typed
}

// didYouMean returns corrections for the rare words of a relaxed query.
func didYouMean(ctx context.Context, c counter, v *vocab.Vocabulary) ([]Correction, error) {
	if !v.HasTerms() {
		return nil, nil
	}
	var out []Correction
	for ci, cl := range c.p.query.Clauses {
		for _, w := range cl.Any {
			if w.Phrase {
				continue
			}
			n, err := wordCount(ctx, c, w.Text)
			if err != nil {
				return nil, err
			}
			if n >= rareWord {
				continue
			}
			cs, err := corrections(ctx, c, v, w.Text, n)
			if err != nil {
				return nil, err
			}
			for _, fix := range cs {
				fix.Query = c.p.query.Replace(ci, w.Text, fix.Fixed)
				out = append(out, fix)
			}
		}
	}
	return out, nil
}

// wordCount is the number of passages that hold word as typed (strict,
// with the request's filters).
func wordCount(ctx context.Context, c counter, word string) (int, error) {
	one := &Query{Clauses: []Clause{{Any: []Word{{Text: word}}}}, Filters: c.p.query.Filters}
	return c.strict(ctx, one, "", plan.Options{})
}

// corrections tries, for each run of word's tokens and for the whole word,
// the terms one edit away, and keeps the corrected words that find more.
func corrections(ctx context.Context, c counter, v *vocab.Vocabulary, word string, have int) ([]Correction, error) {
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
		for _, cand := range first(v.Near(analyzers.Fold(word[sp[0]:sp[1]])), maxCandidates) {
			fixed := word[:sp[0]] + cand.Text + word[sp[1]:]
			if tried[fixed] || len(tried) >= maxTries {
				continue
			}
			tried[fixed] = true
			n, err := wordCount(ctx, c, fixed)
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
