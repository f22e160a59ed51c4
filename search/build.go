package search

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
)

// How one query word is matched. The morphological field is precise and
// ranks highest; the bigram field finds words the dictionary splits oddly
// (多文化共生, 協働); the reading field lets kana find kanji (こうほうし →
// 広報紙) and is used only for words typed all in kana, where it cannot
// drown precise kanji matches in homophones. A word that analyses to several
// terms must match them as a phrase in every field.
var wordFields = []struct {
	field, analyzer string
	boost           float64
	kanaOnly        bool
}{
	{indexer.FieldText, analyzers.Morph, 3, false},
	{indexer.FieldTitle, analyzers.Morph, 2, false},
	{indexer.FieldHeadings, analyzers.Morph, 1.5, false},
	{indexer.FieldTextBigram, analyzers.Bigram, 1, false},
	{indexer.FieldTextReading, analyzers.Reading, 1, true},
}

// expansionBoost is the weight of a theme match that stands in for a word:
// low, so passages that use the word itself rank first.
const expansionBoost = 0.5

// themeLookup names the theme a word or query stands for, if any.
type themeLookup func(string) (string, bool)

// builder turns a parsed Query and the request's filters into a bleve query.
type builder struct {
	lookup     themeLookup // nil: no theme expansion
	expansions []Expansion
}

// build returns the full query: the scoring part (words, exclusions) as the
// Must and MustNot of a BooleanQuery, and the filters as its Filter, a
// ConjunctionQuery that every hit must satisfy but that does not change
// scores.
func (b *builder) build(q *Query, raw string, f filters) query.Query {
	bq := query.NewBooleanQuery(nil, nil, nil)
	bq.Must = b.scoring(q, raw) // nil when the query has no words
	for _, w := range q.Exclude {
		bq.AddMustNot(b.word(w, false))
	}
	if fq := f.query(); fq != nil {
		bq.AddFilter(fq)
	}
	if bq.Must == nil && bq.MustNot == nil && bq.Filter == nil {
		return query.NewMatchAllQuery()
	}
	return bq
}

// scoring is the conjunction of the clauses, or nil for an empty query.
// When the whole query (several words) names a theme, passages tagged with
// it are an alternative to matching all the words.
func (b *builder) scoring(q *Query, raw string) query.Query {
	if len(q.Clauses) == 0 {
		return nil
	}
	var cs []query.Query
	for _, c := range q.Clauses {
		cs = append(cs, b.clause(c))
	}
	s := one(cs, func(qs []query.Query) query.Query { return query.NewConjunctionQuery(qs) })
	if len(cs) > 1 || len(q.Clauses[0].Any) > 1 {
		if t, ok := b.expand(strings.TrimSpace(raw)); ok {
			s = query.NewDisjunctionQuery([]query.Query{s, t})
		}
	}
	return s
}

func (b *builder) clause(c Clause) query.Query {
	var ws []query.Query
	for _, w := range c.Any {
		ws = append(ws, b.word(w, true))
	}
	return one(ws, func(qs []query.Query) query.Query { return query.NewDisjunctionQuery(qs) })
}

// word matches one word in every text field. A positive (not excluded)
// word may also match by reading and by its theme; an excluded word is
// matched only by its characters, so a homophone is not excluded with it.
func (b *builder) word(w Word, positive bool) query.Query {
	var alts []query.Query
	kana := positive && !w.Phrase && isKana(w.Text)
	for _, f := range wordFields {
		if f.kanaOnly && !kana {
			continue
		}
		mq := query.NewMatchPhraseQuery(w.Text)
		mq.SetField(f.field)
		mq.Analyzer = f.analyzer
		mq.SetBoost(f.boost)
		alts = append(alts, mq)
	}
	if positive && !w.Phrase {
		if t, ok := b.expand(w.Text); ok {
			alts = append(alts, t)
		}
	}
	return query.NewDisjunctionQuery(alts)
}

// expand returns the issue_type alternative for text when it names a theme,
// and records the expansion once per theme.
func (b *builder) expand(text string) (query.Query, bool) {
	if b.lookup == nil {
		return nil, false
	}
	name, ok := b.lookup(text)
	if !ok {
		return nil, false
	}
	if !hasTheme(b.expansions, name) {
		b.expansions = append(b.expansions, Expansion{Word: text, Theme: name})
	}
	return termQuery(indexer.FieldIssueType, name, expansionBoost), true
}

func hasTheme(es []Expansion, name string) bool {
	for _, e := range es {
		if e.Theme == name {
			return true
		}
	}
	return false
}

// one returns the single query of qs, or qs combined.
func one(qs []query.Query, combine func([]query.Query) query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return combine(qs)
}

func termQuery(field, term string, boost float64) *query.TermQuery {
	tq := query.NewTermQuery(term)
	tq.SetField(field)
	tq.SetBoost(boost)
	return tq
}

// isKana reports whether s is written only in hiragana and katakana (full
// or half width) and the long-vowel mark.
func isKana(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.In(r, unicode.Hiragana, unicode.Katakana) && r != 'ー' && r != 'ｰ' && r != '・' {
			return false
		}
	}
	return true
}

// filters are the structured restrictions of a request. Values of one facet
// are ORed; facets are ANDed; the year range is inclusive.
type filters struct {
	city, department, issueType []string
	yearFrom, yearTo            int
}

func (f filters) query() query.Query {
	var fs []query.Query
	for _, v := range []struct {
		field  string
		values []string
	}{
		{indexer.FieldCity, f.city},
		{indexer.FieldDepartment, f.department},
		{indexer.FieldIssueType, f.issueType},
	} {
		if q := anyOf(v.field, v.values); q != nil {
			fs = append(fs, q)
		}
	}
	if f.yearFrom != 0 || f.yearTo != 0 {
		fs = append(fs, yearRange(f.yearFrom, f.yearTo))
	}
	if len(fs) == 0 {
		return nil
	}
	return query.NewConjunctionQuery(fs)
}

func anyOf(field string, values []string) query.Query {
	var ts []query.Query
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			ts = append(ts, termQuery(field, v, 1))
		}
	}
	if len(ts) == 0 {
		return nil
	}
	return one(ts, func(qs []query.Query) query.Query { return query.NewDisjunctionQuery(qs) })
}

func yearRange(from, to int) query.Query {
	var lo, hi *float64
	if from != 0 {
		v := float64(from)
		lo = &v
	}
	if to != 0 {
		v := float64(to)
		hi = &v
	}
	in := true
	rq := query.NewNumericRangeInclusiveQuery(lo, hi, &in, &in)
	rq.SetField(indexer.FieldYear)
	return rq
}

// describe renders the queries this package builds compactly, for tests and
// debugging: AND(…), OR(…), field:"phrase"^boost, field=term^boost.
func describe(q query.Query) string {
	switch q := q.(type) {
	case *query.BooleanQuery:
		var parts []string
		for _, p := range []struct {
			name string
			q    query.Query
		}{{"must", q.Must}, {"not", q.MustNot}, {"filter", q.Filter}} {
			if p.q != nil {
				parts = append(parts, p.name+": "+describe(p.q))
			}
		}
		return "BOOL(" + strings.Join(parts, "; ") + ")"
	case *query.ConjunctionQuery:
		return "AND(" + describeAll(q.Conjuncts) + ")"
	case *query.DisjunctionQuery:
		s := "OR(" + describeAll(q.Disjuncts) + ")"
		if q.Min > 0 {
			s += fmt.Sprintf("≥%d", int(q.Min))
		}
		return s
	case *query.MatchPhraseQuery:
		return fmt.Sprintf("%s:%q%s", q.FieldVal, q.MatchPhrase, boost(q.Boost()))
	case *query.TermQuery:
		return fmt.Sprintf("%s=%s%s", q.FieldVal, q.Term, boost(q.Boost()))
	case *query.NumericRangeQuery:
		return fmt.Sprintf("%s[%s,%s]", q.FieldVal, bound(q.Min), bound(q.Max))
	case *query.MatchAllQuery:
		return "*"
	case *query.DocIDQuery:
		ids := append([]string(nil), q.IDs...)
		sort.Strings(ids)
		return "ID(" + strings.Join(ids, ",") + ")"
	}
	return fmt.Sprintf("%T", q)
}

func describeAll(qs []query.Query) string {
	ss := make([]string, len(qs))
	for i, q := range qs {
		ss[i] = describe(q)
	}
	return strings.Join(ss, ", ")
}

func boost(b float64) string {
	if b == 1 {
		return ""
	}
	return "^" + strconv.FormatFloat(b, 'g', -1, 64)
}

func bound(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'g', -1, 64)
}
