package plan

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/internal/vocab"
	parsed "seisaku/search/query"
	"seisaku/search/synonym"
)

// How one query word is matched. The morphological field is precise and
// ranks highest, a word that analyses to several terms matching them as a
// phrase. The bigram field is a recall net for words the dictionary splits
// differently in context (多文化共生, 協働): it has no positions, so every
// bigram of the word must occur in the passage, anywhere, and it counts
// little. The text terms' readings (vocab.Readings) let kana find kanji
// (こうほうし → 広報紙), for words typed all in kana, where they cannot drown
// precise kanji matches in homophones, and for words of kanji and kana
// (mixedReading).
var wordFields = []struct {
	field, analyzer string
	boost           float64
	allTerms        bool // every term, in any order (no phrase)
}{
	{indexer.FieldText, analyzers.MorphQuery, 3, false},
	{indexer.FieldTitle, analyzers.MorphQuery, 2, false},
	{indexer.FieldHeadings, analyzers.MorphQuery, 1.5, false},
	{indexer.FieldTextBigram, analyzers.Bigram, 0.5, true},
}

// maxReadingSplits bounds the splits of a kana word that become
// alternatives.
const maxReadingSplits = 3

// readingBoost weighs a kana word's match by reading.
const readingBoost = 1

// expansionBoost is the weight of a theme match that stands in for a word:
// as low as a relaxed tier's (relax.go), so every passage that uses the
// word itself ranks above the passages that only carry its theme.
const expansionBoost = 0.5 * tierWeight

// builder turns a parsed query and its scope into a bleve query, and
// records what each word became.
type builder struct {
	lookup     func(string) (string, bool) // the theme a word names; nil: no theme expansion
	readings   *vocab.Readings             // nil: kana words do not match readings
	expansions []Expansion
	marks      []Mark        // the positive words, for the highlighter
	weight     float64       // factor on every leaf's boost: 1, or a relaxed tier's (relax.go)
	syn        *synonym.Dict // nil: no synonym expansion (synonyms.go)
	synonyms   []SynonymUse
	themeWords func(theme string) []string // the thesaurus words of a theme, for the explanation
	words      []Word                      // the positive words, for the explanation (package hit)
	parts      partsCache                  // nil: none kept
	whole      func(parsed.Word) bool      // whether a word finds passages as typed (Planner.whole); nil: none does
}

// explained collects what the explanation needs to know of a positive
// word.
func (b *builder) explained(w parsed.Word, readings []Phrase) Word {
	qw := Word{Text: w.Text, Readings: readings}
	if w.Phrase {
		return qw
	}
	qw.Parts = b.parts.of(w.Text)
	qw.Alts = alternatives(b.syn, w.Text)
	if b.lookup != nil {
		if name, ok := b.lookup(w.Text); ok {
			qw.Theme = name
			if b.themeWords != nil {
				qw.ThemeWords = b.themeWords(name)
			}
		}
	}
	return qw
}

func newBuilder(o Options, parts partsCache, whole func(parsed.Word) bool) *builder {
	return &builder{lookup: o.Themes, themeWords: o.ThemeWords, syn: o.Synonyms, readings: o.Readings, parts: parts, whole: whole, weight: 1}
}

// build returns the full query: the scoring part (words, exclusions) as the
// Must and MustNot of a BooleanQuery, and the filters as its Filter, a
// ConjunctionQuery that every hit must satisfy but that does not change
// scores.
//
// At a level above LevelStrict the scoring part is the strict query OR the
// tier of every level up to lv (relax.go).
func (b *builder) build(q *parsed.Query, raw string, f parsed.Scope, lv Level) query.Query {
	bq := query.NewBooleanQuery(nil, nil, nil)
	bq.Must = b.scoring(q, raw) // nil when the query has no words
	if bq.Must != nil && lv > LevelStrict {
		tiers := []query.Query{bq.Must}
		for l := LevelParts; l <= lv; l++ {
			tiers = append(tiers, b.tier(q, l))
		}
		bq.Must = query.NewDisjunctionQuery(tiers)
	}
	for _, w := range q.Exclude {
		bq.AddMustNot(b.word(w, false))
	}
	if fq := ScopeQuery(f); fq != nil {
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
func (b *builder) scoring(q *parsed.Query, raw string) query.Query {
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

func (b *builder) clause(c parsed.Clause) query.Query {
	var ws []query.Query
	for _, w := range c.Any {
		ws = append(ws, b.word(w, true))
	}
	return one(ws, func(qs []query.Query) query.Query { return query.NewDisjunctionQuery(qs) })
}

// word matches one word in every text field. A positive (not excluded)
// word may also match by reading and by its theme; an excluded word is
// matched only by its characters, so a homophone is not excluded with it.
// (Through the bigram field, a passage holding all the word's bigrams
// anywhere counts as holding the word, for exclusion too.)
func (b *builder) word(w parsed.Word, positive bool) query.Query {
	alts := b.literal(w.Text)
	var readings []Phrase
	if positive && !w.Phrase {
		for _, split := range b.readingSplits(w.Text) {
			p := b.readingPhrase(split)
			alts = append(alts, multiPhraseQuery(indexer.FieldText, p, readingBoost))
			readings = append(readings, p)
		}
		if t, ok := b.expand(w.Text); ok {
			alts = append(alts, t)
		}
		if sq := b.synonymAlts(w.Text); sq != nil {
			alts = append(alts, sq)
		}
		if sq := b.splitQuery(w.Text); sq != nil {
			alts = append(alts, sq)
		}
	}
	if positive {
		b.marks = append(b.marks, newMark(w.Text, readings))
		b.words = append(b.words, b.explained(w, readings))
	}
	return query.NewDisjunctionQuery(alts)
}

// literal matches text as typed in every text field (wordFields).
func (b *builder) literal(text string) []query.Query {
	alts := make([]query.Query, 0, len(wordFields))
	for _, f := range wordFields {
		alts = append(alts, fieldQuery(text, f.field, f.analyzer, f.boost*b.weight, f.allTerms))
	}
	return alts
}

// fieldQuery matches text analysed with analyzer in field: as a phrase, or
// with allTerms as a conjunction of its terms.
func fieldQuery(text, field, analyzer string, boost float64, allTerms bool) query.Query {
	if allTerms {
		mq := query.NewMatchQuery(text)
		mq.SetField(field)
		mq.Analyzer = analyzer
		mq.SetOperator(query.MatchQueryOperatorAnd)
		mq.SetBoost(boost)
		return mq
	}
	mq := query.NewMatchPhraseQuery(text)
	mq.SetField(field)
	mq.Analyzer = analyzer
	mq.SetBoost(boost)
	return mq
}

// readingSplits returns the reading-term sequences a kana word, or a word
// written in kanji and kana (mixedReading), is matched as, or none for
// other words.
func (b *builder) readingSplits(text string) [][]string {
	if b.readings == nil {
		return nil
	}
	r, ok := vocab.KanaReading(text)
	if !ok {
		if r, ok = mixedReading(text); !ok {
			return nil
		}
	}
	return b.readings.Splits(r, maxReadingSplits)
}

// minMixedReading is the shortest reading (in kana) of a word written in
// kanji and kana that is matched by reading: shorter ones are mostly
// homophones of other words.
const minMixedReading = 4

// mixedReading returns the reading of a word written in kanji and kana
// alone (引きこもり), from the readings the index's text terms have: so that it meets the word's kana spelling (ひきこもり), whose
// reading the dictionary may split differently (ヒキコモリ, where the kanji
// spelling reads ヒキ|コモリ). Words of one script, with other characters,
// or with particles or dependent words (contentOnly) have none: kana words
// are read as typed (KanaReading), kanji words meet their kana spellings
// through the kana side.
func mixedReading(text string) (string, bool) {
	kanji, kana := false, false
	for _, r := range text {
		switch scriptOf(r) {
		case scriptKanji:
			kanji = true
		case scriptHiragana, scriptKatakana:
			kana = true
		default:
			return "", false
		}
	}
	if !kanji || !kana {
		return "", false
	}
	ts, err := analyzers.Analyze(analyzers.Reading, text)
	if err != nil || len(ts) == 0 || ts[len(ts)-1].Position-ts[0].Position != len(ts)-1 || !contentOnly(text, len(ts)) {
		return "", false // a gap: a particle or auxiliary, which the readings leave out
	}
	var r strings.Builder
	for _, t := range ts {
		r.Write(t.Term)
	}
	k, ok := vocab.KanaReading(r.String())
	if !ok || utf8.RuneCountInString(k) < minMixedReading {
		return "", false
	}
	return k, true
}

// contentOnly reports whether text, of n tokens, is content words alone:
// no particle (こどもの遊び場) or dependent word (方 of 作り方), whose readings
// make a phrase that matches more than the word.
func contentOnly(text string, n int) bool {
	ms, err := analyzers.Analyze(analyzers.Morph, text)
	if err != nil {
		return false
	}
	pos := map[int]bool{}
	for _, t := range ms {
		pos[t.Position] = true
	}
	if len(pos) != n {
		return false
	}
	for _, r := range analyzers.Roles(text) {
		if r == analyzers.Dependent {
			return false
		}
	}
	return true
}

// readingPhrase returns the phrase a split of a kana word is matched as:
// at each position the text terms of that reading, or none for a
// particle's.
func (b *builder) readingPhrase(split []string) Phrase {
	p := make(Phrase, len(split))
	for i, r := range split {
		p[i] = b.readings.Terms(r)
	}
	return p
}

func phraseQuery(field string, terms []string, boost float64) query.Query {
	pq := query.NewPhraseQuery(terms, field)
	pq.SetBoost(boost)
	return pq
}

// multiPhraseQuery matches p in field; a gap is a slot of "", which bleve's
// phrase searcher takes for any term.
func multiPhraseQuery(field string, p Phrase, boost float64) query.Query {
	slots := make([][]string, len(p))
	for i, s := range p {
		slots[i] = s
		if len(s) == 0 {
			slots[i] = []string{""}
		}
	}
	pq := query.NewMultiPhraseQuery(slots, field)
	pq.SetBoost(boost)
	return pq
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

// ScopeQuery is the conjunction of scope's restrictions, or nil for none.
func ScopeQuery(f parsed.Scope) query.Query {
	var fs []query.Query
	for _, fc := range indexer.Facets {
		if q := anyOf(fc.Field, f.Values[fc.Name]); q != nil {
			fs = append(fs, q)
		}
	}
	if f.YearFrom != 0 || f.YearTo != 0 {
		fs = append(fs, yearRange(f.YearFrom, f.YearTo))
	}
	if f.YearUnknown {
		year, _ := indexer.FacetNamed("year")
		fs = append(fs, noValue(year.Field))
	}
	if len(fs) == 0 {
		return nil
	}
	return query.NewConjunctionQuery(fs)
}

func anyOf(field string, values []string) query.Query {
	var ts []query.Query
	for _, v := range values {
		switch v = strings.TrimSpace(v); v {
		case "":
		case indexer.Unknown:
			ts = append(ts, noValue(field))
		default:
			ts = append(ts, termQuery(field, v, 1))
		}
	}
	if len(ts) == 0 {
		return nil
	}
	return one(ts, func(qs []query.Query) query.Query { return query.NewDisjunctionQuery(qs) })
}

// noValue matches the passages without a value in a keyword field: not
// any term of it (a prefix query with the empty prefix).
func noValue(field string) query.Query {
	valued := query.NewPrefixQuery("")
	valued.SetField(field)
	return query.NewBooleanQuery(nil, nil, []query.Query{valued})
}

// yearRange matches the fiscal years from..to (0: open) as a range of
// year_facet's terms, which are four digits (1868..2100), so that the
// terms' order is the years': bounds outside four digits are clamped, and a
// range wholly outside them matches nothing.
func yearRange(from, to int) query.Query {
	const lowest, highest = 1000, 9999
	if from > highest || (to != 0 && to < lowest) {
		return query.NewMatchNoneQuery()
	}
	var lo, hi string
	if from != 0 {
		lo = strconv.Itoa(max(from, lowest))
	}
	if to != 0 {
		hi = strconv.Itoa(min(to, highest))
	}
	in := true
	rq := query.NewTermRangeInclusiveQuery(lo, hi, &in, &in)
	rq.SetField(indexer.FieldYearFacet)
	return rq
}

// Describe renders the queries this package builds compactly, for tests and
// debugging: AND(…), OR(…), field:"phrase"^boost, field=term^boost.
func Describe(q query.Query) string {
	switch q := q.(type) {
	case *query.BooleanQuery:
		var parts []string
		for _, p := range []struct {
			name string
			q    query.Query
		}{{"must", q.Must}, {"not", q.MustNot}, {"filter", q.Filter}} {
			if p.q != nil {
				parts = append(parts, p.name+": "+Describe(p.q))
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
	case *query.MatchQuery:
		op := "any"
		if q.Operator == query.MatchQueryOperatorAnd {
			op = "all"
		}
		return fmt.Sprintf("%s:%s(%s)%s", q.FieldVal, op, q.Match, boost(q.Boost()))
	case *query.PhraseQuery:
		return fmt.Sprintf("%s:[%s]%s", q.FieldVal, strings.Join(q.Terms, " "), boost(q.Boost()))
	case *query.MultiPhraseQuery:
		slots := make([]string, len(q.Terms))
		for i, s := range q.Terms {
			slots[i] = strings.Join(s, "|")
			if slots[i] == "" {
				slots[i] = "_"
			}
		}
		return fmt.Sprintf("%s:⟨%s⟩%s", q.FieldVal, strings.Join(slots, " "), boost(q.Boost()))
	case *query.TermQuery:
		return fmt.Sprintf("%s=%s%s", q.FieldVal, q.Term, boost(q.Boost()))
	case *query.TermRangeQuery:
		return fmt.Sprintf("%s[%s,%s]", q.FieldVal, q.Min, q.Max)
	case *query.MatchNoneQuery:
		return "none"
	case *query.PrefixQuery:
		return fmt.Sprintf("%s:%s*", q.FieldVal, q.Prefix)
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
		ss[i] = Describe(q)
	}
	return strings.Join(ss, ", ")
}

func boost(b float64) string {
	if b == 1 {
		return ""
	}
	return "^" + strconv.FormatFloat(b, 'g', -1, 64)
}
