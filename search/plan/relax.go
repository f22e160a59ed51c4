package plan

import (
	"math"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
	parsed "seisaku/search/query"
)

// Relaxed matching. People type compounds without spaces (犯罪被害者支援,
// 空き家対策) where documents write 犯罪被害者等支援 or 空き家の対策, and pair
// words that no single passage holds. A query that finds too few passages
// (package search: fewer than a default page) is therefore relaxed one
// level at a time (Planner.Next), as Meilisearch's matchingStrategy and
// Elasticsearch's minimum_should_match do over the analysed parts of each
// word:
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
// relaxed, exclusions keep their meaning, and a search that does not relax
// (Request.Matching "all") plans LevelStrict alone.
type Level int

const (
	LevelStrict Level = iota
	LevelParts
	LevelMost
	LevelAny
)

var levelNames = [...]string{"strict", "parts", "most", "any"}

func (l Level) String() string { return levelNames[l] }

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

// Part is one analysed part of a query word.
type Part struct {
	Field, Term string
	Pos         int  // morph parts only: a particle between two leaves a gap
	Predicate   bool // a verb or adjective (入る of 保育園に入りたい): weighed less
}

// predicateWeight weighs a verb or adjective part against a noun part in
// the relaxed tiers: the nouns of 保育園に入りたい or ごみの出し方を知りたい name
// what is sought, the verb what the user wants to do with it, which the
// documents say in other words (入園, 申し込み).
const predicateWeight = 0.3

// weight is the part's weight relative to a whole word's.
func (p Part) weight() float64 {
	w := 1.0
	if utf8.RuneCountInString(p.Term) == 1 {
		w = lonePartWeight
	}
	if p.Predicate {
		w *= predicateWeight
	}
	return w
}

// wordParts returns the parts of a word: its morphological content terms
// but the dependent ones (くださる of 教えてください, which say nothing of
// their own), or, for a word the dictionary knows as one (財政難,
// 健康ポイント), its character bigrams (財政|政難).
func wordParts(text string) []Part {
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
			return []Part{{Field: indexer.FieldText, Term: string(ts[0].Term), Pos: ts[0].Position}}
		}
		out := make([]Part, len(bs))
		for i, b := range bs {
			out[i] = Part{Field: indexer.FieldTextBigram, Term: string(b.Term)}
		}
		return out
	}
	roles := analyzers.Roles(text)
	var out []Part
	for _, t := range ts {
		switch roles[t.Position] {
		case analyzers.Dependent:
			continue
		case analyzers.Predicate:
			out = append(out, Part{Field: indexer.FieldText, Term: string(t.Term), Pos: t.Position, Predicate: true})
		default:
			out = append(out, Part{Field: indexer.FieldText, Term: string(t.Term), Pos: t.Position})
		}
	}
	if len(out) == 0 { // only dependent words: keep them
		for _, t := range ts {
			out = append(out, Part{Field: indexer.FieldText, Term: string(t.Term), Pos: t.Position})
		}
	}
	return out
}

// partsCache keeps the parts of the words of one search (each is a kagome
// analysis or two, and a relaxed search asks for them at every level); nil
// computes them each time.
type partsCache map[string][]Part

func (c partsCache) of(text string) []Part {
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
func canRelax(q *parsed.Query, l Level, parts partsCache) bool {
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
func (b *builder) tier(q *parsed.Query, l Level) query.Query {
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
func (b *builder) partSignal(q *parsed.Query) query.Query {
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
				ps = append(ps, termQuery(p.Field, p.Term, boost*p.weight()))
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
func (b *builder) relaxedWord(w parsed.Word, l Level) query.Query {
	alts := b.literal(w.Text)
	ps := b.parts.of(w.Text)
	if w.Phrase || len(ps) < 2 {
		return query.NewDisjunctionQuery(alts)
	}
	boost := wordFields[0].boost * b.weight
	terms := make([]query.Query, len(ps))
	var nouns []query.Query
	for i, p := range ps {
		terms[i] = termQuery(p.Field, p.Term, boost*p.weight())
		if !p.Predicate {
			nouns = append(nouns, terms[i])
		}
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Field == indexer.FieldText && ps[i].Pos == ps[i-1].Pos+1 {
			alts = append(alts, phraseQuery(indexer.FieldText, []string{ps[i-1].Term, ps[i].Term}, boost))
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
	case l == LevelAny && ps[0].Field == indexer.FieldTextBigram:
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
