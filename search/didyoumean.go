package search

import (
	"context"
	"sort"

	"seisaku/search/internal/vocab"
	"seisaku/search/plan"
)

// もしかして (did you mean). When a query is relaxed or finds nothing, each
// word the index does not hold as typed is checked against the index's own
// vocabulary, the morphological terms of the passage text. A word that
// finds passages is never replaced (避難所 is not "corrected" to 避難), nor
// is a part of it that is a word of the analyzer's dictionary (粗大 is not
// a misspelling of 拡大, nor 防災 of 防犯). A run of the word's other tokens
// (or the whole word) is replaced by
//
//   - a term one edit away (a character replaced, added or dropped) written
//     in the same scripts (防災訓連 → 防災訓練, 多文化共性 → 多文化共生;
//     vocab.Vocabulary.Near), or
//   - for a run typed in kana, a term read the same way (防災くんれん →
//     防災訓練; vocab.Vocabulary.Homophones).
//
// A correction is offered only when the corrected word finds passages and
// the whole corrected query does too (a correction that finds nothing is no
// help). Corrections that keep more of the typed characters in order come
// first, then those whose query finds more; one whose query finds no more
// than a tenth of the best one's is dropped. Result.DidYouMean gives the
// corrected query, one click on the page. Several indexes served as one
// (NewMulti) correct against their merged vocabulary.
const (
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

// didYouMean returns corrections for the words of the query the index does
// not hold.
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
			if n > 0 {
				continue // it matches as typed
			}
			cs, err := corrections(ctx, c, v, ci, w.Text)
			if err != nil {
				return nil, err
			}
			out = append(out, cs...)
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

// candidate is a corrected word with what it finds.
type candidate struct {
	Correction
	query int  // passages the whole corrected query finds
	alike bool // the replaced part sounds like the typed one (訓連, 訓練: クンレン)
	kept  int  // characters of the typed word it keeps, in order
}

// corrections tries, for each run of word's tokens and for the whole word,
// the terms one edit away (and for kana, the terms read alike), and keeps
// the corrected words with which the whole query finds passages.
func corrections(ctx context.Context, c counter, v *vocab.Vocabulary, ci int, word string) ([]Correction, error) {
	var cs []candidate
	tried := map[string]bool{}
	for _, sp := range vocab.Spans(word) {
		part := word[sp[0]:sp[1]]
		for _, cand := range v.Corrections(part, maxCandidates) {
			fixed := word[:sp[0]] + cand.Text + word[sp[1]:]
			if tried[fixed] || len(tried) >= maxTries {
				continue
			}
			tried[fixed] = true
			n, err := wordCount(ctx, c, fixed)
			if err != nil || n == 0 {
				if err != nil {
					return nil, err
				}
				continue
			}
			q := n
			if len(c.p.query.Clauses) > 1 || len(c.p.query.Exclude) > 0 || len(c.p.query.Clauses[ci].Any) > 1 {
				if q, err = c.strict(ctx, c.p.query.Replaced(ci, word, fixed), "", plan.Options{}); err != nil {
					return nil, err
				}
			}
			if q == 0 {
				continue
			}
			cs = append(cs, candidate{
				Correction: Correction{Word: word, Fixed: fixed, Query: c.p.query.Replace(ci, word, fixed), Hits: n},
				query:      q, alike: cand.Alike, kept: vocab.InOrder([]rune(word), []rune(fixed)),
			})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		switch a, b := cs[i], cs[j]; {
		case a.alike != b.alike:
			return a.alike
		case a.kept != b.kept:
			return a.kept > b.kept
		default:
			return a.query > b.query
		}
	})
	var out []Correction
	for _, cd := range cs {
		if len(out) == maxCorrections {
			break
		}
		if len(out) == 0 || cd.alike == cs[0].alike && cd.query*2 >= cs[0].query {
			out = append(out, cd.Correction)
		}
	}
	return out, nil
}
