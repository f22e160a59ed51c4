package search

import (
	"context"

	"seisaku/search/hit"
	"seisaku/search/internal/vocab"
	"seisaku/search/plan"
	"seisaku/search/synonym"
)

// Relaxation (package search/plan plans each level): a query that finds
// fewer than relaxUntil passages is relaxed level by level, and the result
// says what is missing.

// Level is a relaxation level (package search/plan).
type Level = plan.Level

// Relaxation levels, strictest first.
const (
	LevelStrict = plan.LevelStrict
	LevelParts  = plan.LevelParts
	LevelMost   = plan.LevelMost
	LevelAny    = plan.LevelAny
)

// relaxUntil is the number of passages a level must find for the search to
// stop relaxing: one default page.
const relaxUntil = DefaultHitsPerPage

// Matching strategies a request may ask for.
const (
	MatchingRelaxed = "relaxed" // the default: relax while little is found
	MatchingAll     = "all"     // every word as typed, never relaxed
)

// relaxation reports a search relaxed to level lv, of whose total passages
// strict hold every word (as typed or by a variant; MatchCounts.Literal):
// which words some passage holds, and a message that says so and what to
// try.
func relaxation(ctx context.Context, c counter, lv Level, themes func(string) (string, bool), total, strict int) (*Relaxation, error) {
	rx := &Relaxation{Level: lv.String(), StrictHits: strict, Found: []string{}, Missing: []string{}}
	words := c.p.query.Typed()
	if strict > 0 || len(words) == 1 {
		rx.Found = words
		if strict == 0 {
			rx.Found, rx.Missing = []string{}, words
		}
	} else {
		for i, cl := range c.p.query.Clauses {
			one := &Query{Clauses: []Clause{cl}, Exclude: c.p.query.Exclude, Filters: c.p.query.Filters}
			n, err := c.strict(ctx, one, "", plan.Options{Themes: themes})
			if err != nil {
				return nil, err
			}
			if n > 0 {
				rx.Found = append(rx.Found, words[i])
			} else {
				rx.Missing = append(rx.Missing, words[i])
			}
		}
	}
	rx.Message = hit.RelaxMessage(words, rx, total)
	return rx, nil
}

// counter counts the passages a query matches as typed, within a search's
// filters and with its excluded cities and departments: what a result's
// annotations (match counts, relaxation, もしかして) are made of.
type counter struct {
	rn       *runner
	p        *spec
	readings *vocab.Readings
}

// strict counts the passages q (typed as raw) matches at LevelStrict,
// its words widened by o and the search's readings.
func (c counter) strict(ctx context.Context, q *Query, raw string, o plan.Options) (int, error) {
	o.Readings = c.readings
	return c.rn.count(ctx, plan.New(q, raw, c.p.filters, o).At(LevelStrict).Query)
}

// MatchCounts splits a result's passages by how they match: every word as
// typed (or by a variant, synonym or reading), only through a theme, or
// only in a relaxed search. It is given when a word named a theme or the
// query was relaxed; otherwise every passage is a literal match.
type MatchCounts struct {
	Literal int `json:"literal"`
	Theme   int `json:"theme"`
	Relaxed int `json:"relaxed"`
}

// matchCounts counts a result's total passages by how they match, given
// what the strict level found (strict: themes and synonyms included) and
// whether a word named a theme; only literal matches need a count of
// their own, and only when a theme stood in.
func matchCounts(ctx context.Context, c counter, r Request, themed bool, strict, total int) (*MatchCounts, error) {
	literal := strict
	if themed {
		var o plan.Options
		if r.Synonyms {
			o.Synonyms, _ = synonym.Default()
		}
		var err error
		if literal, err = c.strict(ctx, c.p.query, r.Q, o); err != nil {
			return nil, err
		}
	}
	return &MatchCounts{Literal: literal, Theme: strict - literal, Relaxed: total - strict}, nil
}
