package plan

import (
	"math"
	"unicode"
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
	Text        string // as written in the word; "" for a bigram
	Pos         int    // morph parts only: a particle between two leaves a gap
	Predicate   bool   // a verb or adjective (入る of 保育園に入りたい): weighed less
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
		if ps := scriptParts(text); ps != nil {
			return ps
		}
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
		p := Part{Field: indexer.FieldText, Term: string(t.Term), Text: surface(text, t.Start, t.End), Pos: t.Position}
		switch roles[t.Position] {
		case analyzers.Dependent:
			continue
		case analyzers.Predicate:
			p.Predicate = true
		}
		out = append(out, p)
	}
	if len(out) == 0 { // only dependent words: keep them
		for _, t := range ts {
			out = append(out, Part{Field: indexer.FieldText, Term: string(t.Term), Text: surface(text, t.Start, t.End), Pos: t.Position})
		}
	}
	return out
}

// minScriptPart is the fewest characters each run of one script of a word
// the dictionary knows as one must have for the runs to be its parts
// (scriptParts): 空き|家 and 子|ども are okurigana, not words.
const minScriptPart = 2

// scriptParts returns the parts of a word the dictionary knows as one that
// is written in runs of different scripts, each run a noun of its own (粗大|
// ごみ, where 粗大ごみ has no bigram in common with ごみ but one): its runs'
// terms, or nil when a run is shorter than minScriptPart, is not a noun, or
// the word is of one script.
func scriptParts(text string) []Part {
	var runs []string
	start, prev := 0, scriptOf(0)
	for i, r := range text {
		s := scriptOf(r)
		if i > 0 && s != prev {
			runs = append(runs, text[start:i])
			start = i
		}
		prev = s
	}
	runs = append(runs, text[start:])
	if len(runs) < 2 {
		return nil
	}
	out := make([]Part, 0, len(runs))
	for i, run := range runs {
		if utf8.RuneCountInString(run) < minScriptPart || scriptOf([]rune(run)[0]) == scriptOther {
			return nil
		}
		ts, err := analyzers.Analyze(analyzers.Morph, run)
		if err != nil || len(ts) == 0 || ts[len(ts)-1].Position != ts[0].Position {
			return nil
		}
		for _, role := range analyzers.Roles(run) {
			if role != analyzers.Noun {
				return nil
			}
		}
		out = append(out, Part{Field: indexer.FieldText, Term: string(ts[len(ts)-1].Term), Text: run, Pos: i + 1})
	}
	return out
}

// Scripts a word's characters are written in (scriptParts).
const (
	scriptOther = iota
	scriptKanji
	scriptHiragana
	scriptKatakana
)

func scriptOf(r rune) int {
	switch {
	case unicode.Is(unicode.Han, r) || r == '々':
		return scriptKanji
	case r >= 0x3041 && r <= 0x309F:
		return scriptHiragana
	case r >= 0x30A1 && r <= 0x30FA || r == 'ー':
		return scriptKatakana
	}
	return scriptOther
}

// surface is text[start:end], or "" when the offsets (of the folded text)
// do not fall within it.
func surface(text string, start, end int) string {
	if start < 0 || end > len(text) || start >= end || !utf8.ValidString(text[start:end]) {
		return ""
	}
	return text[start:end]
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

// relaxable gives the parts a word is relaxed into: none for a phrase, or
// for a word the dictionary knows as one that finds passages as typed
// (whole; nil: no word does), whose bigrams are fragments, not words (文化
// of 多文化, 空き of 空き家, which finds 空き瓶).
type relaxable struct {
	parts partsCache
	whole func(parsed.Word) bool
}

func (r relaxable) of(w parsed.Word) []Part {
	if w.Phrase {
		return nil
	}
	ps := r.parts.of(w.Text)
	if len(ps) > 0 && ps[0].Field == indexer.FieldTextBigram && r.whole != nil && r.whole(w) {
		return nil
	}
	return ps
}

// canRelax reports whether level l would find anything level l-1 does not.
func canRelax(q *parsed.Query, l Level, parts relaxable) bool {
	maxParts := 0
	for _, c := range q.Clauses {
		for _, w := range c.Any {
			maxParts = max(maxParts, len(parts.of(w)))
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
			var ps []query.Query
			for _, p := range b.relaxParts(w) {
				ps = append(ps, termQuery(p.Field, p.Term, boost*p.weight()))
			}
			if len(ps) > 0 {
				sig = append(sig, query.NewDisjunctionQuery(ps))
			}
		}
	}
	return query.NewDisjunctionQuery(sig)
}

// relaxParts returns the parts w is relaxed into (relaxable).
func (b *builder) relaxParts(w parsed.Word) []Part {
	return relaxable{b.parts, b.whole}.of(w)
}

// relaxedWord matches a word at level l: as typed (by its variants and
// synonyms too, but not its reading or theme, which the strict tier has), and, for a compound, by its parts: all of them
// with a bonus for each adjacent pair kept together (parts), most of them or
// all its strong parts (most), or any strong part (any). A strong part is a
// noun of two or more characters, matched also by its variants and
// synonyms (保育所 for 保育園 of 保育園に入りたい); a weak part, a verb or
// adjective or a fragment (weak), matches alone only at any, tierWeight
// times below every passage that holds a strong part, and a fragment of a
// kana word not at all. A phrase, or a word found as typed, is matched as
// typed only.
func (b *builder) relaxedWord(w parsed.Word, l Level) query.Query {
	alts := b.literal(w.Text)
	if !w.Phrase {
		// as typed includes its variants and synonyms: of マイナカード 作り方
		// relaxed to one of the two, マイナンバーカード
		if sq := b.synonymAlts(w.Text); sq != nil {
			alts = append(alts, sq)
		}
	}
	ps := b.relaxParts(w)
	if len(ps) < 2 {
		return query.NewDisjunctionQuery(alts)
	}
	boost := wordFields[0].boost * b.weight
	kana := kanaWord(w.Text)
	terms := make([]query.Query, len(ps))
	var strong []query.Query
	for i, p := range ps {
		terms[i] = b.partQuery(p, boost*p.weight(), p.weak(kana))
		if !p.weak(kana) {
			strong = append(strong, terms[i])
		}
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Field == indexer.FieldText && ps[i].Pos == ps[i-1].Pos+1 {
			alts = append(alts, phraseQuery(indexer.FieldText, []string{ps[i-1].Term, ps[i].Term}, boost))
		}
	}
	alts = append(alts, query.NewConjunctionQuery(terms))
	someStrong := len(strong) > 0 && len(strong) < len(ps)
	if l >= LevelMost && someStrong {
		// the strong parts without the verbs and fragments: 保育園 of
		// 保育園に入りたい, 多文化 of 多文化共性
		alts = append(alts, query.NewConjunctionQuery(strong))
	}
	switch {
	case l == LevelMost && len(ps) >= 3:
		d := query.NewDisjunctionQuery(terms)
		d.SetMin(float64(len(ps) - len(ps)/3))
		if someStrong { // most parts, a strong one among them: not 共 and 性 of 多文化共性
			alts = append(alts, query.NewConjunctionQuery([]query.Query{query.NewDisjunctionQuery(strong), d}))
		} else {
			alts = append(alts, d)
		}
	case l == LevelAny && ps[0].Field == indexer.FieldTextBigram:
		// bigrams stand for a word the dictionary knows as one: a single
		// bigram of a long word (ンド of ズンドコ…) is noise, half of them is not
		d := query.NewDisjunctionQuery(terms)
		d.SetMin(float64((len(ps) + 1) / 2))
		alts = append(alts, d)
	case l == LevelAny && len(strong) > 0:
		alts = append(alts, query.NewDisjunctionQuery(strong))
		for _, p := range ps {
			if p.weak(kana) && !(kana && p.fragment()) {
				alts = append(alts, termQuery(p.Field, p.Term, boost*p.weight()*tierWeight))
			}
		}
	case l == LevelAny && !kana:
		alts = append(alts, query.NewDisjunctionQuery(terms))
	}
	return query.NewDisjunctionQuery(alts)
}

// partQuery matches part p: its term, and a strong part also its variants
// and synonyms (synonyms.go).
func (b *builder) partQuery(p Part, boost float64, weak bool) query.Query {
	t := termQuery(p.Field, p.Term, boost)
	if weak || p.Field != indexer.FieldText || p.Text == "" {
		return t
	}
	saved := b.weight
	b.weight *= p.weight()
	sq := b.synonymAlts(p.Text)
	b.weight = saved
	if sq == nil {
		return t
	}
	return query.NewDisjunctionQuery([]query.Query{t, sq})
}

// weak reports whether p is a verb or adjective or a fragment of one
// character (or, in a word written in kana, kanaWord, of fewer than
// minKanaPart): it says little of what is sought.
func (p Part) weak(kana bool) bool {
	return p.Predicate || utf8.RuneCountInString(p.Term) == 1 || kana && p.fragment()
}

// fragment reports whether p is written in fewer than minKanaPart
// characters: in a word written in kana, a piece the dictionary guessed
// (ほ|いく|えん of ほいくえん).
func (p Part) fragment() bool {
	return p.Text != "" && utf8.RuneCountInString(p.Text) < minKanaPart
}

// minKanaPart is the fewest characters a part of a word written in kana
// must have to be a strong part.
const minKanaPart = 3

// kanaWord reports whether text is written in kana (and ー) alone.
func kanaWord(text string) bool {
	for _, r := range text {
		if s := scriptOf(r); s != scriptHiragana && s != scriptKatakana {
			return false
		}
	}
	return text != ""
}
