package analyzers

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// parsed is one text after folding and one run of kagome.
type parsed struct {
	text   string     // original
	folded string     // foldText(text)
	m      *offsetMap // folded → original offsets
	toks   []tokenizer.Token
	kinds  []tokenKind // kinds[i] classifies toks[i]
}

// parse folds text and tokenizes the folded text in Search mode.
func (j *ja) parse(text string) *parsed {
	return j.parseFolded(FoldText(text))
}

// parseFolded is parse of a text folded already.
func (j *ja) parseFolded(ft FoldedText) *parsed {
	p := &parsed{text: ft.text, folded: ft.folded, m: ft.m}
	f := ft.folded
	if f != "" {
		p.toks = j.tk.Analyze(f, tokenizer.Search)
	}
	p.kinds = make([]tokenKind, len(p.toks))
	for i := range p.toks {
		p.kinds[i] = j.kind(&p.toks[i])
	}
	return p
}

// span returns the original byte range of folded bytes [f0,f1).
func (p *parsed) span(f0, f1 int) (int, int) {
	return p.m.start(f0), p.m.end(f1)
}

// morph derives the ja_morph stream. Every kagome token advances the
// position, also the dropped ones, so phrase queries stay exact.
func (j *ja) morph(p *parsed) analysis.TokenStream {
	b := newStreamBuilder(len(p.toks), len(p.folded))
	j.morphTo(b, p)
	return b.stream()
}

// morphTo adds the ja_morph stream of p to b.
func (j *ja) morphTo(b *streamBuilder, p *parsed) {
	eachContent(p, func(t *tokenizer.Token, pos int) int {
		if t.Class == tokenizer.USER {
			return j.userParts(b, p, t, pos)
		}
		if t.Class == tokenizer.KNOWN {
			w := j.knownTerm(t)
			if w.term == "" || w.stop {
				return pos
			}
			start, end := p.span(t.Position, t.Position+len(t.Surface))
			b.add(w.term, pos, start, end)
			if w.skeleton != w.term {
				b.add(w.skeleton, pos, start, end)
			}
			return pos
		}
		term := j.term(t)
		if term == "" || j.stopWords[term] {
			return pos
		}
		start, end := p.span(t.Position, t.Position+len(t.Surface))
		addWithSkeleton(b, term, pos, start, end)
		return pos
	})
}

// eachContent calls fn with each content token of p and its position in
// the ja_morph stream; fn returns the last position it used (a
// user-dictionary word takes one per part).
func eachContent(p *parsed, fn func(t *tokenizer.Token, pos int) int) {
	pos := 0
	for i := range p.toks {
		pos++
		if p.kinds[i] == content {
			pos = fn(&p.toks[i], pos)
		}
	}
}

// addWithSkeleton adds term, and at the same position its okurigana-free
// form when that differs (取り組み and 取組), so the spellings of one word
// meet while the term as written stays in the dictionary (suggestions read
// it, readings are taken from it).
func addWithSkeleton(b *streamBuilder, term string, pos, start, end int) {
	b.add(term, pos, start, end)
	if sk := okuriganaFree(term); sk != term {
		b.add(sk, pos, start, end)
	}
}

// morphTerm is what ja_morph emits for a known word: its term, the
// term's okurigana-free form (addWithSkeleton) and whether it is a stop
// word; and what ja_reading emits for it.
type morphTerm struct {
	term, skeleton string
	stop           bool
	reading        string
}

// knownTerm returns the morphTerm of a known token, computed on the first
// sight of its dictionary entry: a known word's surface, base form and
// reading, and so its terms, depend on the entry alone, and a passage's words are mostly
// ones seen before.
func (j *ja) knownTerm(t *tokenizer.Token) *morphTerm {
	slot := &j.known[t.ID]
	if w := slot.Load(); w != nil {
		return w
	}
	term := strings.Clone(j.term(t)) // not a slice of the passage's text
	w := &morphTerm{term: term, skeleton: okuriganaFree(term), stop: j.stopWords[term],
		reading: strings.Clone(readingTerm(j.readingOf(t)))}
	slot.Store(w)
	return w
}

// term returns the folded base form of a dictionary or unknown token.
func (j *ja) term(t *tokenizer.Token) string {
	base := j.baseForm(t)
	if base == t.Surface {
		return foldTerm(base) // the surface is already foldText'ed
	}
	return Fold(base)
}

// userParts emits the parts of a user-dictionary word at consecutive
// positions from pos and returns the last position used.
func (j *ja) userParts(b *streamBuilder, p *parsed, t *tokenizer.Token, pos int) int {
	f := t.Position
	parts := j.user.Contents[t.ID].Tokens
	for i, part := range parts {
		start, end := p.span(f, f+len(part))
		addWithSkeleton(b, foldTerm(part), pos+i, start, end)
		f += len(part)
	}
	return pos + len(parts) - 1
}

// reading derives the ja_reading stream: one term per content token, its
// folded katakana reading (ReadingTerm), at the same positions as the
// ja_morph stream. Particles, auxiliaries and the other function words
// ja_morph drops are left out too but advance the position, so a kana
// phrase (しみんのこえ) matches the whole (市民の声) with a gap where の
// stands (FunctionReadings; package search fills it): they were two in five
// of the field's tokens and in nearly every passage. Symbols and whitespace
// are dropped and advance the position. A user-dictionary word gives the
// readings of its parts.
func (j *ja) reading(p *parsed) analysis.TokenStream {
	b := newStreamBuilder(len(p.toks), len(p.folded))
	j.readingTo(b, p)
	return b.stream()
}

// readingTo adds the ja_reading stream of p to b.
func (j *ja) readingTo(b *streamBuilder, p *parsed) {
	pos := 0
	for i := range p.toks {
		t := &p.toks[i]
		pos++
		if p.kinds[i] != content {
			continue
		}
		if t.Class == tokenizer.USER {
			pos = j.userReadings(b, p, t, pos)
			continue
		}
		var term string
		if t.Class == tokenizer.KNOWN {
			term = j.knownTerm(t).reading
		} else {
			term = readingTerm(j.readingOf(t))
		}
		if term != "" {
			start, end := p.span(t.Position, t.Position+len(t.Surface))
			b.add(term, pos, start, end)
		}
	}
}

// userReadings emits the readings of a user-dictionary word's parts at
// consecutive positions from pos, each pointing at the part's own bytes, and
// returns the last position used (as userParts does for ja_morph).
func (j *ja) userReadings(b *streamBuilder, p *parsed, t *tokenizer.Token, pos int) int {
	c := j.user.Contents[t.ID]
	f := t.Position
	for i, part := range c.Tokens {
		start, end := p.span(f, f+len(part))
		if term := readingTerm(Fold(toKatakana(c.Yomi[i]))); term != "" {
			b.add(term, pos+i, start, end)
		}
		f += len(part)
	}
	return pos + len(c.Tokens) - 1
}

// readingOf returns the folded katakana reading of t: the surface itself when
// it is all kana (so a kana query reads the same however kagome segments
// it), the user-dictionary or dictionary reading for words with kanji, and
// the surface for everything else (Latin, digits).
func (j *ja) readingOf(t *tokenizer.Token) string {
	switch {
	case isKana(t.Surface):
		return toKatakana(t.Surface)
	case !hasHan(t.Surface):
		return t.Surface
	}
	if r := j.feature(t, j.readIdx); r != "" {
		f, _ := foldText(r)
		return f
	}
	return toKatakana(t.Surface)
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x3000 && (unicode.Is(unicode.Han, r) || r == '々' || r == '〆') {
			return true
		}
	}
	return false
}

// bigram derives the ja_bigram stream from the folded text.
func (j *ja) bigram(folded string, m *offsetMap) analysis.TokenStream {
	units := textUnits(folded, m)
	b := newStreamBuilder(len(units), len(folded)*2)
	bigrams(b, units, 0, &j.grammar)
	return b.stream()
}

// textUnits returns the characters of folded text with the original bytes
// each came from, after the katakana long vowel rule (stemUnits).
func textUnits(folded string, m *offsetMap) []unit {
	return appendTextUnits(make([]unit, 0, utf8.RuneCountInString(folded)), folded, m)
}

// appendTextUnits is textUnits appending to units[:0].
func appendTextUnits(units []unit, folded string, m *offsetMap) []unit {
	units = units[:0]
	c := mapCursor{m: m} // f, then f+w-1: the offsets increase
	for f, r := range folded {
		w := utf8.RuneLen(r)
		if w < 0 {
			w = 1 // invalid byte, decoded as RuneError
		}
		units = append(units, unit{r: r, start: c.start(f), end: c.end(f + w)})
	}
	return stemUnits(units)
}

// AnalyzePassage analyzes text for all three fields at once, running kagome
// a single time: it returns the same streams as the registered Morph,
// Reading and Bigram analyzers. It panics if the embedded dictionaries do
// not load, which the package tests rule out.
func AnalyzePassage(text string) (morph, reading, bigramStream analysis.TokenStream) {
	j := mustJA()
	p := j.parse(text)
	return j.morph(p), j.reading(p), j.bigram(p.folded, p.m)
}

// AnalyzePassageFunc is AnalyzePassage for an index build, which keeps
// the morph and bigram streams and no readings (package search derives
// those from the text terms: EachTermReading), and only reads the
// streams: it lends them to fn, and they (tokens and terms alike) are
// valid only until fn returns, when their buffers go back to a pool to
// serve the next passage. An index build counts the streams into term
// frequencies right away, so it need not allocate them anew per passage.
//
// bigramLength is the text_bigram field's length: the bigrams of the text,
// the bigrams of grammar it leaves out (grammarBigrams) included, so that a
// passage's length norm is that of all its characters.
func AnalyzePassageFunc(text string, fn func(morph, bigram analysis.TokenStream, bigramLength int)) {
	AnalyzeFoldedFunc(FoldText(text), fn)
}

// AnalyzeFoldedFunc is AnalyzePassageFunc of ft's text, folded already.
func AnalyzeFoldedFunc(ft FoldedText, fn func(morph, bigram analysis.TokenStream, bigramLength int)) {
	j := mustJA()
	p := j.parseFolded(ft)
	bs := passagePool.Get().(*passageBuffers)
	bs.morph.reset(len(p.toks), len(p.folded))
	j.morphTo(&bs.morph, p)
	bs.units = appendTextUnits(bs.units, p.folded, p.m)
	bs.bigram.reset(len(bs.units), len(p.folded)*2)
	n := bigrams(&bs.bigram, bs.units, 0, &j.grammar)
	fn(bs.morph.lend(), bs.bigram.lend(), n)
	passagePool.Put(bs)
}

// passageBuffers are the buffers of one AnalyzePassageFunc call.
type passageBuffers struct {
	morph, bigram streamBuilder
	units         []unit
}

var passagePool = sync.Pool{New: func() any { return new(passageBuffers) }}

// Analyze returns the token stream the named analyzer emits for text:
// terms with their positions and original byte offsets.
func Analyze(analyzerName, text string) (analysis.TokenStream, error) {
	a, err := newAnalyzer(analyzerName)
	if err != nil {
		return nil, err
	}
	return a.analyze(text), nil
}

// Terms returns the terms the named analyzer emits for text, in order.
func Terms(analyzerName, text string) ([]string, error) {
	a, err := newAnalyzer(analyzerName)
	if err != nil {
		return nil, err
	}
	ts := a.analyze(text)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out, nil
}

func mustJA() *ja {
	j, err := loadJA()
	if err != nil {
		panic(err)
	}
	return j
}

// analyzer is one of the three registered analyzers.
type analyzer struct {
	j       *ja
	analyze func(text string) analysis.TokenStream
}

// Analyze implements bleve's analysis.Analyzer.
func (a analyzer) Analyze(b []byte) analysis.TokenStream { return a.analyze(string(b)) }

// newAnalyzer returns the analyzer registered under name.
func newAnalyzer(name string) (analyzer, error) {
	j, err := loadJA()
	if err != nil {
		return analyzer{}, err
	}
	switch name {
	case Bigram:
		return analyzer{j: j, analyze: func(s string) analysis.TokenStream {
			f, m := foldText(s)
			return j.bigram(f, m)
		}}, nil
	case Morph:
		return analyzer{j: j, analyze: func(s string) analysis.TokenStream { return j.morph(j.parse(s)) }}, nil
	case MorphQuery:
		return analyzer{j: j, analyze: func(s string) analysis.TokenStream { return lastPerPosition(j.morph(j.parse(s))) }}, nil
	case Reading:
		return analyzer{j: j, analyze: func(s string) analysis.TokenStream { return j.reading(j.parse(s)) }}, nil
	case TextIndex:
		return analyzer{j: j, analyze: func(s string) analysis.TokenStream { return EndsAsLengths(j.morph(j.parse(s))) }}, nil
	}
	return analyzer{}, fmt.Errorf("analyzers: no analyzer named %q", name)
}

// EndsAsLengths writes each token's length where its End was (End -=
// Start) and returns ts: the TextIndex stream from a Morph one. A token is a few bytes long, so its
// length takes one byte in a location where the end offset took two once
// past the text's first 128 bytes.
func EndsAsLengths(ts analysis.TokenStream) analysis.TokenStream {
	for _, t := range ts {
		t.End -= t.Start
	}
	return ts
}

// lastPerPosition keeps the last token of each position: of a word with
// okurigana and its okurigana-free form (addWithSkeleton), the latter.
func lastPerPosition(ts analysis.TokenStream) analysis.TokenStream {
	out := ts[:0]
	for _, t := range ts {
		if n := len(out); n > 0 && out[n-1].Position == t.Position {
			out[n-1] = t
			continue
		}
		out = append(out, t)
	}
	return out
}

// Role is what a content term of a query contributes: a noun names the
// topic; a verb or adjective (用言) says what is wanted of it (入りたい,
// 知りたい, 減らす); a dependent word (非自立: くださる of 教えてください,
// いる, こと; the suffix 方 of 出し方) says nothing of its own.
type Role uint8

const (
	Noun      Role = iota // 名詞 (but 非自立), and everything else that is kept
	Predicate             // 動詞, 形容詞 (自立)
	Dependent             // 非自立 verbs, adjectives and nouns; 名詞-接尾-特殊
)

// Roles returns the role of each term position of text's Morph stream (the
// positions of Analyze(Morph, text)): the parts of speech kagome gives
// its tokens.
func Roles(text string) map[int]Role {
	j := mustJA()
	out := map[int]Role{}
	eachContent(j.parse(text), func(t *tokenizer.Token, pos int) int {
		if t.Class == tokenizer.USER { // compounds of nouns
			return pos + len(j.user.Contents[t.ID].Tokens) - 1
		}
		out[pos] = j.role(t)
		return pos
	})
	return out
}

// role reads a known token's first two POS levels.
func (j *ja) role(t *tokenizer.Token) Role {
	if t.Class != tokenizer.KNOWN {
		return Noun
	}
	pos := j.dict.POSTable.POSs[t.ID]
	names := j.dict.POSTable.NameList
	switch {
	case len(pos) > 1 && names[pos[1]] == "非自立",
		len(pos) > 2 && names[pos[0]] == "名詞" && names[pos[1]] == "接尾" && names[pos[2]] == "特殊":
		// いる, くださる, こと; and the suffix that makes a noun of a verb
		// (方 of 出し方)
		return Dependent
	}
	switch names[pos[0]] {
	case "動詞", "形容詞":
		return Predicate
	}
	return Noun
}
