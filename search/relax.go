package search

import (
	"context"
	"fmt"
	"strings"

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
	words := clauseTexts(c.p.query)
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
	rx.Message = relaxMessage(words, rx, total)
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

// clauseTexts renders each clause of q as the user typed it (a OR b).
func clauseTexts(q *Query) []string {
	out := make([]string, len(q.Clauses))
	for i, c := range q.Clauses {
		ws := make([]string, len(c.Any))
		for j, w := range c.Any {
			ws[j] = w.Text
		}
		out[i] = strings.Join(ws, " OR ")
	}
	return out
}

// relaxMessage says in Japanese what a relaxed search shows, e.g.
// 「報道機関」と「研修」を両方含む結果はありません — 「報道機関」を含む結果を表示しています。
func relaxMessage(words []string, rx *Relaxation, total int) string {
	if total == 0 {
		return fmt.Sprintf("%sは、語の一部も見つかりません。別の言い方や、より一般的な語を試してください。", quoteAll(words, "と"))
	}
	if rx.StrictHits > 0 {
		return fmt.Sprintf("%sをそのまま含む結果は%d件です — 続けて、語の一部を含む結果を表示しています。", quoteAll(words, "と"), rx.StrictHits)
	}
	if len(words) == 1 {
		return fmt.Sprintf("「%s」をそのまま含む結果はありません — 語の一部を含む結果を表示しています。区切りを変えるか、別の言い方を試してください。", words[0])
	}
	all := "すべて"
	if len(words) == 2 {
		all = "両方"
	}
	msg := fmt.Sprintf("%sを%s含む結果はありません", quoteAll(words, "と"), all)
	switch {
	case len(rx.Found) > 0:
		msg += fmt.Sprintf(" — %sを含む結果を表示しています。", quoteAll(rx.Found, "や"))
	default:
		msg += " — どの語もそのままでは見つからないため、語の一部を含む結果を表示しています。"
	}
	if len(rx.Missing) > 0 {
		msg += fmt.Sprintf("%sは見つかりません。別の言い方を試してください。", quoteAll(rx.Missing, "と"))
	}
	return msg
}

func quoteAll(ws []string, sep string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "「" + w + "」"
	}
	return strings.Join(q, sep)
}
