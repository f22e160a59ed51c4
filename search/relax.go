package search

import (
	"context"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/synonym"
)

// Relaxed matching. People type compounds without spaces (犯罪被害者支援,
// 空き家対策) where documents write 犯罪被害者等支援 or 空き家の対策, and pair
// words that no single passage holds. A query that finds fewer than
// relaxUntil passages is therefore relaxed one level at a time, as
// Meilisearch's matchingStrategy and Elasticsearch's minimum_should_match do
// over the analysed parts of each word:
//
//	strict  every word as typed (its phrase, bigrams, reading, theme)
//	parts   every word, a compound also by all of its parts anywhere in the
//	        passage (parts next to each other match more and rank higher)
//	most    all words but one, a compound of three or more parts also by
//	        most of them; each part of any word a passage holds adds to its
//	        score (partSignal), so ひとり親家庭 scores for 家庭 of 母子家庭
//	any     any part of any word (of a word the dictionary knows as one,
//	        half of its bigrams)
//
// Each level's query is the previous one OR its own tier, whose leaves are
// weighted tierWeight times less, so a passage a stricter level finds ranks
// above every passage only a looser level finds, and within a tier rare
// parts count more than common ones (their IDF). Quoted phrases are never
// relaxed, exclusions keep their meaning, and Request.Matching "all" turns
// relaxation off.
type Level int

const (
	LevelStrict Level = iota
	LevelParts
	LevelMost
	LevelAny
)

var levelNames = [...]string{"strict", "parts", "most", "any"}

func (l Level) String() string { return levelNames[l] }

// relaxUntil is the number of passages a level must find for the search to
// stop relaxing: one default page.
const relaxUntil = DefaultHitsPerPage

// lonePartWeight weighs a part of one character (者 of 犯罪被害者支援, 連 of
// a mistyped 防災訓連): a fragment more than a word, rare as it may be.
const lonePartWeight = 0.1

// tierWeight scales the leaves of each looser tier: two orders of magnitude
// put a stricter tier's passages above a looser tier's whatever their length
// and term frequencies.
const tierWeight = 0.01

// partSignalWeight weighs the parts of the words of a query relaxed to
// LevelMost against the words themselves (partSignal): as much as a word
// (0.1, 0.3 and 2 did no better on the development set).
const partSignalWeight = 1.0

// Matching strategies a request may ask for.
const (
	MatchingRelaxed = "relaxed" // the default: relax while little is found
	MatchingAll     = "all"     // every word as typed, never relaxed
)

// part is one analysed part of a query word.
type part struct {
	field, term string
	pos         int  // morph parts only: a particle between two leaves a gap
	predicate   bool // a verb or adjective (入る of 保育園に入りたい): weighed less
}

// predicateWeight weighs a verb or adjective part against a noun part in
// the relaxed tiers: the nouns of 保育園に入りたい or ごみの出し方を知りたい name
// what is sought, the verb what the user wants to do with it, which the
// documents say in other words (入園, 申し込み).
const predicateWeight = 0.3

// weight is the part's weight relative to a whole word's.
func (p part) weight() float64 {
	w := 1.0
	if utf8.RuneCountInString(p.term) == 1 {
		w = lonePartWeight
	}
	if p.predicate {
		w *= predicateWeight
	}
	return w
}

// wordParts returns the parts of a word: its morphological content terms
// but the dependent ones (くださる of 教えてください, which say nothing of
// their own), or, for a word the dictionary knows as one (財政難,
// 健康ポイント), its character bigrams (財政|政難).
func wordParts(text string) []part {
	all, err := analyzers.Analyze(analyzers.Morph, text)
	if err != nil || len(all) == 0 {
		return nil
	}
	// one part per position: of a word as written and its okurigana-free
	// form (取り組み, 取組) the latter, which matches both spellings
	ts := all[:0:0]
	for _, t := range all {
		if n := len(ts); n > 0 && ts[n-1].Position == t.Position {
			ts[n-1] = t
			continue
		}
		ts = append(ts, t)
	}
	if len(ts) == 1 {
		bs, err := analyzers.Analyze(analyzers.Bigram, text)
		if err != nil || len(bs) < 2 {
			return []part{{field: indexer.FieldText, term: string(ts[0].Term), pos: ts[0].Position}}
		}
		out := make([]part, len(bs))
		for i, b := range bs {
			out[i] = part{field: indexer.FieldTextBigram, term: string(b.Term)}
		}
		return out
	}
	roles := analyzers.Roles(text)
	var out []part
	for _, t := range ts {
		switch roles[t.Position] {
		case analyzers.Dependent:
			continue
		case analyzers.Predicate:
			out = append(out, part{field: indexer.FieldText, term: string(t.Term), pos: t.Position, predicate: true})
		default:
			out = append(out, part{field: indexer.FieldText, term: string(t.Term), pos: t.Position})
		}
	}
	if len(out) == 0 { // only dependent words: keep them
		for _, t := range ts {
			out = append(out, part{field: indexer.FieldText, term: string(t.Term), pos: t.Position})
		}
	}
	return out
}

// partsCache keeps the parts of the words of one search (each is a kagome
// analysis or two, and a relaxed search asks for them at every level); nil
// computes them each time.
type partsCache map[string][]part

func (c partsCache) of(text string) []part {
	if c == nil {
		return wordParts(text)
	}
	ps, ok := c[text]
	if !ok {
		ps = wordParts(text)
		c[text] = ps
	}
	return ps
}

// canRelax reports whether level l would find anything level l-1 does not.
func canRelax(q *Query, l Level, parts partsCache) bool {
	maxParts := 0
	for _, c := range q.Clauses {
		for _, w := range c.Any {
			if !w.Phrase {
				maxParts = max(maxParts, len(parts.of(w.Text)))
			}
		}
	}
	switch l {
	case LevelParts:
		return maxParts >= 2
	case LevelMost:
		return len(q.Clauses) >= 2 || maxParts >= 3
	case LevelAny:
		return len(q.Clauses) >= 2 || maxParts >= 2
	}
	return false
}

// tier is what level l adds to the query: its clauses matched at level l
// (see relaxedWord), all of them (parts), all but one (most) or any (any).
func (b *builder) tier(q *Query, l Level) query.Query {
	b.weight = math.Pow(tierWeight, float64(l))
	defer func() { b.weight = 1 }()
	var cs []query.Query
	for _, c := range q.Clauses {
		var ws []query.Query
		for _, w := range c.Any {
			ws = append(ws, b.relaxedWord(w, l))
		}
		cs = append(cs, one(ws, func(qs []query.Query) query.Query { return query.NewDisjunctionQuery(qs) }))
	}
	switch {
	case len(cs) == 1:
		return cs[0]
	case l == LevelParts:
		return query.NewConjunctionQuery(cs)
	case l == LevelMost:
		d := query.NewDisjunctionQuery(cs)
		d.SetMin(float64(len(cs) - 1))
		return query.NewConjunctionQuery([]query.Query{d, b.partSignal(q)})
	}
	return query.NewDisjunctionQuery(cs)
}

// partSignal matches every passage and scores the parts of each word it
// holds: among passages that hold the same words, those that also hold
// some parts of the missing one (家庭 of 母子家庭 in ひとり親家庭支援) come
// first. Each word's parts are one disjunction, so a word of many parts
// counts no more than a word of one.
func (b *builder) partSignal(q *Query) query.Query {
	all := query.NewMatchAllQuery()
	all.SetBoost(1e-9)
	sig := []query.Query{all}
	boost := wordFields[0].boost * b.weight * partSignalWeight
	for _, c := range q.Clauses {
		for _, w := range c.Any {
			if w.Phrase {
				continue
			}
			var ps []query.Query
			for _, p := range b.parts.of(w.Text) {
				ps = append(ps, termQuery(p.field, p.term, boost*p.weight()))
			}
			if len(ps) > 0 {
				sig = append(sig, query.NewDisjunctionQuery(ps))
			}
		}
	}
	return query.NewDisjunctionQuery(sig)
}

// relaxedWord matches a word at level l: as typed (without reading or theme,
// which the strict tier has), and, for a compound, by its parts: all of them
// with a bonus for each adjacent pair kept together (parts), most of them or
// all its nouns (most), or any (any); a verb or adjective part weighs
// predicateWeight times a noun. A phrase is matched as typed only.
func (b *builder) relaxedWord(w Word, l Level) query.Query {
	alts := b.literal(w.Text)
	ps := b.parts.of(w.Text)
	if w.Phrase || len(ps) < 2 {
		return query.NewDisjunctionQuery(alts)
	}
	boost := wordFields[0].boost * b.weight
	terms := make([]query.Query, len(ps))
	var nouns []query.Query
	for i, p := range ps {
		terms[i] = termQuery(p.field, p.term, boost*p.weight())
		if !p.predicate {
			nouns = append(nouns, terms[i])
		}
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].field == indexer.FieldText && ps[i].pos == ps[i-1].pos+1 {
			alts = append(alts, phraseQuery(indexer.FieldText, []string{ps[i-1].term, ps[i].term}, boost))
		}
	}
	alts = append(alts, query.NewConjunctionQuery(terms))
	if l == LevelMost && len(nouns) > 0 && len(nouns) < len(ps) {
		// the nouns without the verbs and adjectives: 保育園 of 保育園に入りたい
		alts = append(alts, query.NewConjunctionQuery(nouns))
	}
	switch {
	case l == LevelMost && len(ps) >= 3:
		d := query.NewDisjunctionQuery(terms)
		d.SetMin(float64(len(ps) - len(ps)/3))
		alts = append(alts, d)
	case l == LevelAny && ps[0].field == indexer.FieldTextBigram:
		// bigrams stand for a word the dictionary knows as one: a single
		// bigram of a long word (ンド of ズンドコ…) is noise, half of them is not
		d := query.NewDisjunctionQuery(terms)
		d.SetMin(float64((len(ps) + 1) / 2))
		alts = append(alts, d)
	case l == LevelAny:
		alts = append(alts, query.NewDisjunctionQuery(terms))
	}
	return query.NewDisjunctionQuery(alts)
}

// relaxFurther moves *lv to the next level that can find more, and reports
// whether there is one.
func (s *Searcher) relaxFurther(p *plan, lv *Level) bool {
	for l := *lv + 1; l <= LevelAny; l++ {
		if canRelax(p.query, l, p.parts) {
			*lv = l
			return true
		}
	}
	return false
}

// relaxation reports a search relaxed to level lv, of whose total passages
// strict hold every word (as typed or by a variant; MatchCounts.Literal):
// which words some passage holds, and a message that says so and what to
// try.
func (s *Searcher) relaxation(ctx context.Context, p *plan, lv Level, lookup themeLookup, total, strict int) (*Relaxation, error) {
	rx := &Relaxation{Level: lv.String(), StrictHits: strict, Found: []string{}, Missing: []string{}}
	words := clauseTexts(p.query)
	if strict > 0 || len(words) == 1 {
		rx.Found = words
		if strict == 0 {
			rx.Found, rx.Missing = []string{}, words
		}
	} else {
		for i, c := range p.query.Clauses {
			one := &Query{Clauses: []Clause{c}, Exclude: p.query.Exclude}
			n, err := s.countStrict(ctx, newBuilder(lookup, s.vocab.Load().Readings()), one, "", p)
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

// countStrict counts the passages q matches as typed, with p's filters and
// the query's excluded cities and departments.
func (s *Searcher) countStrict(ctx context.Context, b *builder, q *Query, raw string, p *plan) (int, error) {
	return s.count(ctx, excludeFacets(b.build(q, raw, p.filters, LevelStrict), p.query))
}

// count returns the number of passages q matches (the fast path counts
// them from its bitmaps where it can).
func (s *Searcher) count(ctx context.Context, q query.Query) (int, error) {
	if !s.plainOnly {
		p := &plan{page: 1, hitsPerPage: 0, sort: bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}}}
		if res, ok, err := s.fastOrFallback(ctx, q, p); err != nil || ok {
			if err != nil {
				return 0, err
			}
			return res.TotalHits, nil
		}
	}
	sr, err := s.run(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0, err
	}
	return int(sr.Total), nil
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
func (s *Searcher) matchCounts(ctx context.Context, p *plan, r Request, themed bool, strict, total int) (*MatchCounts, error) {
	literal := strict
	if themed {
		b := newBuilder(nil, s.vocab.Load().Readings())
		if r.Synonyms {
			b.syn, _ = synonym.Default()
		}
		var err error
		if literal, err = s.countStrict(ctx, b, p.query, r.Q, p); err != nil {
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
