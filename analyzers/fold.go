package analyzers

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding happens in two stages (the rules in prose are in doc.go):
//
//   - foldText runs on the whole text BEFORE kagome sees it: NFKC (width,
//     half-width katakana with its voiced marks, compatibility characters)
//     and the kana spelling variants. It changes byte lengths, so it returns
//     an offsetMap from folded bytes back to original bytes.
//   - foldTerm runs on each emitted term: lower case and the katakana long
//     vowel rule. It never needs offsets because terms are not sliced.
//
// Fold is both stages on one string.

// Fold returns s folded the way the analyzers fold text and terms: NFKC
// width folding, kana spelling variants, lower case, and the katakana long
// vowel at the end of katakana runs of four or more characters. Other
// packages use it to compare thesaurus words or suggestions with analyzed
// terms: for every term t an analyzer emits, Fold(t) == t.
func Fold(s string) string {
	f, _ := foldText(s)
	return foldTerm(f)
}

// FoldedText is a text after foldText, the first stage of folding, for a
// build that uses one passage's text twice: its theme tagging folds it
// whole (Fold) and its analysis (AnalyzeFoldedFunc) hands the folded text
// to kagome; NFKC runs once for both.
type FoldedText struct {
	text, folded string
	m            *offsetMap
}

// FoldText folds text's first stage for Fold and AnalyzeFoldedFunc.
func FoldText(text string) FoldedText {
	f, m := foldText(text)
	return FoldedText{text: text, folded: f, m: m}
}

// Text is the text as it was given to FoldText.
func (ft FoldedText) Text() string { return ft.text }

// Fold is Fold(ft.Text()).
func (ft FoldedText) Fold() string { return foldTerm(ft.folded) }

// span maps a range of folded bytes to a range of original bytes. A same span
// is a byte-for-byte copy, so offsets inside it map linearly; any other span
// is atomic: offsets inside it map to its ends.
type span struct {
	f0, f1 int
	o0, o1 int
	same   bool
}

// offsetMap maps byte offsets of folded text back to the original text. A nil
// *offsetMap is the identity.
type offsetMap struct {
	spans []span
	olen  int // length of the original text
}

// find returns the index of the span holding folded byte f (f0 <= f < f1).
func (m *offsetMap) find(f int) int {
	return sort.Search(len(m.spans), func(i int) bool { return m.spans[i].f1 > f })
}

// start maps a folded start offset to the original start offset.
func (m *offsetMap) start(f int) int {
	if m == nil {
		return f
	}
	return m.startIn(m.find(f), f)
}

// startIn is start with the span holding f found already: i.
func (m *offsetMap) startIn(i, f int) int {
	if i == len(m.spans) {
		return m.olen
	}
	s := m.spans[i]
	if s.same {
		return s.o0 + f - s.f0
	}
	return s.o0
}

// end maps a folded (exclusive) end offset to the original end offset.
func (m *offsetMap) end(f int) int {
	if m == nil {
		return f
	}
	if f <= 0 {
		return 0
	}
	return m.endIn(m.find(f-1), f)
}

// endIn is end with the span holding f-1 found already: i.
func (m *offsetMap) endIn(i, f int) int {
	if i == len(m.spans) {
		return m.olen
	}
	s := m.spans[i]
	if s.same {
		return s.o0 + f - s.f0
	}
	return s.o1
}

// mapCursor maps offsets that mostly increase, finding each one's span by
// walking on from the last one's rather than by a search from scratch.
type mapCursor struct {
	m *offsetMap
	i int
}

// seek returns the index of the span holding folded byte f, as m.find.
func (c *mapCursor) seek(f int) int {
	if c.i > 0 && c.m.spans[c.i-1].f1 > f { // behind the last one
		c.i = c.m.find(f)
		return c.i
	}
	for c.i < len(c.m.spans) && c.m.spans[c.i].f1 <= f {
		c.i++
	}
	return c.i
}

// start is m.start(f).
func (c *mapCursor) start(f int) int {
	if c.m == nil {
		return f
	}
	return c.m.startIn(c.seek(f), f)
}

// end is m.end(f).
func (c *mapCursor) end(f int) int {
	if c.m == nil {
		return f
	}
	if f <= 0 {
		return 0
	}
	return c.m.endIn(c.seek(f-1), f)
}

// foldText applies NFKC and the kana variant rules to s. The map is nil when
// nothing changed, which is the common case for already clean text.
func foldText(s string) (string, *offsetMap) {
	if isNFKC(s) && !hasVariant(s) {
		return s, nil
	}
	sc := foldPool.Get().(*foldScratch)
	sc.buf, sc.segs = appendNFKCSegments(sc.buf[:0], sc.segs[:0], s)
	f, m := applyVariants(s, sc.buf, sc.segs)
	foldPool.Put(sc)
	return f, m
}

// foldScratch is nfkcSegments' output, which applyVariants only reads:
// reused from call to call.
type foldScratch struct {
	buf  []byte
	segs []seg
}

var foldPool = sync.Pool{New: func() any { return new(foldScratch) }}

// isNFKC is norm.NFKC.IsNormalString(s), decided without the tables when
// every rune is one of the common ones of Japanese text (stableRune).
func isNFKC(s string) bool {
	for _, r := range s {
		if !stableRune(r) {
			return norm.NFKC.IsNormalString(s)
		}
	}
	return true
}

// stableRune reports whether r is printable ASCII, kana, ー, a CJK unified
// ideograph or the commonest Japanese punctuation: characters that NFKC
// leaves as they are and that never combine with the one before, so a
// string of them is in NFKC (TestStableRunes checks this against norm).
func stableRune(r rune) bool {
	switch {
	case 0x20 <= r && r < 0x7F, 0x3041 <= r && r <= 0x3096, 0x30A1 <= r && r <= 0x30FA, r == 0x30FC,
		0x4E00 <= r && r <= 0x9FFF, 0x3001 <= r && r <= 0x3002, 0x300C <= r && r <= 0x300F:
		return true
	}
	return false
}

// seg is one normalization segment: original bytes [o0,o1) became
// buf[b0:b1].
type seg struct{ o0, o1, b0, b1 int }

// appendNFKCSegments normalizes s to NFKC into buf (empty), recording in
// segs (empty) which original bytes produced which output bytes. norm.Iter may hand out one segment's output in several
// pieces without advancing Pos (㍻ → 平, 成), so pieces are gathered until
// the input position moves.
func appendNFKCSegments(buf []byte, segs []seg, s string) ([]byte, []seg) {
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	o0, b0 := 0, 0
	for !it.Done() {
		buf = append(buf, it.Next()...)
		if p := it.Pos(); p > o0 {
			segs = append(segs, seg{o0, p, b0, len(buf)})
			o0, b0 = p, len(buf)
		}
	}
	if o0 < len(s) || b0 < len(buf) {
		segs = append(segs, seg{o0, len(s), b0, len(buf)})
	}
	return buf, segs
}

// voicedSmall maps ヴ/ゔ followed by a small vowel to one kana.
var voicedSmall = map[[2]rune]string{
	{'ヴ', 'ァ'}: "バ", {'ヴ', 'ィ'}: "ビ", {'ヴ', 'ェ'}: "ベ", {'ヴ', 'ォ'}: "ボ", {'ヴ', 'ュ'}: "ビュ",
	{'ゔ', 'ぁ'}: "ば", {'ゔ', 'ぃ'}: "び", {'ゔ', 'ぇ'}: "べ", {'ゔ', 'ぉ'}: "ぼ", {'ゔ', 'ゅ'}: "びゅ",
}

// singleVariant maps one character to its folded spelling regardless of
// context.
var singleVariant = map[rune]string{
	'ヴ': "ブ", 'ゔ': "ぶ", 'ヵ': "カ", 'ヶ': "ケ",
	'~': "〜", '∼': "〜", '⁓': "〜", // NFKC already turned ～ into ~
}

// afterU maps the small vowel of ウィ/ウェ/ウォ to the full-size one.
var afterU = map[rune]string{'ィ': "イ", 'ェ': "エ", 'ォ': "オ"}

// hasVariant reports whether s holds a character a variant rule rewrites.
func hasVariant(s string) bool {
	prev := rune(0)
	for _, r := range s {
		if _, ok := singleVariant[r]; ok {
			return true
		}
		if _, ok := afterU[r]; ok && prev == 'ウ' {
			return true
		}
		prev = r
	}
	return false
}

// segRune returns the only rune of a one-rune segment output, or -1.
func segRune(b []byte) rune {
	r, n := utf8.DecodeRune(b)
	if n == 0 || n != len(b) || r == utf8.RuneError {
		return -1
	}
	return r
}

// applyVariants rewrites the NFKC segments with the kana variant rules and
// builds the folded text and its offset map.
func applyVariants(s string, buf []byte, segs []seg) (string, *offsetMap) {
	var b mapBuilder
	b.out = make([]byte, 0, len(buf))
	prev := rune(-1)
	for i := 0; i < len(segs); i++ {
		sg := segs[i]
		out := buf[sg.b0:sg.b1]
		r := segRune(out)
		switch {
		case r == 'ヴ' || r == 'ゔ':
			if i+1 < len(segs) {
				nx := segs[i+1]
				if v, ok := voicedSmall[[2]rune{r, segRune(buf[nx.b0:nx.b1])}]; ok {
					b.add(s, sg.o0, nx.o1, v)
					i++
					break
				}
			}
			b.add(s, sg.o0, sg.o1, singleVariant[r])
		case prev == 'ウ' && afterU[r] != "":
			b.add(s, sg.o0, sg.o1, afterU[r])
		case singleVariant[r] != "":
			b.add(s, sg.o0, sg.o1, singleVariant[r])
		default:
			b.addBytes(s, sg.o0, sg.o1, out)
		}
		prev, _ = utf8.DecodeLastRune(b.out)
	}
	if string(b.out) == s {
		return s, nil
	}
	return string(b.out), &offsetMap{spans: b.spans, olen: len(s)}
}

// mapBuilder accumulates folded output and its spans, merging adjacent
// byte-for-byte copies into one span.
type mapBuilder struct {
	out   []byte
	spans []span
}

func (b *mapBuilder) add(s string, o0, o1 int, out string) {
	b.push(o0, o1, len(out), out == s[o0:o1])
	b.out = append(b.out, out...)
}

func (b *mapBuilder) addBytes(s string, o0, o1 int, out []byte) {
	b.push(o0, o1, len(out), string(out) == s[o0:o1])
	b.out = append(b.out, out...)
}

// push records the span for the next n output bytes; it runs before the
// bytes are appended.
func (b *mapBuilder) push(o0, o1, n int, same bool) {
	f0 := len(b.out)
	if k := len(b.spans) - 1; same && k >= 0 {
		if last := &b.spans[k]; last.same && last.o1 == o0 && last.f1 == f0 {
			last.o1, last.f1 = o1, f0+n
			return
		}
	}
	b.spans = append(b.spans, span{f0: f0, f1: f0 + n, o0: o0, o1: o1, same: same})
}

// foldTerm lower-cases t and applies the katakana long vowel rule.
func foldTerm(t string) string {
	return stemLongVowel(lower(t))
}

// lower lower-cases t, allocating only when t has an upper-case letter.
func lower(t string) string {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			return strings.ToLower(t)
		}
		if c >= utf8.RuneSelf {
			if hasUpper(t[i:]) {
				return strings.ToLower(t)
			}
			return t
		}
	}
	return t
}

func hasUpper(t string) bool {
	for _, r := range t {
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return true
		}
	}
	return false
}

// minKatakanaStem is the shortest katakana run (long vowel included) whose
// final ー is dropped, as in Lucene's JapaneseKatakanaStemFilter: サーバー →
// サーバ, but コピー stays.
const minKatakanaStem = 4

const longVowel = 'ー'

// stemLongVowel drops the trailing ー of every katakana run of at least
// minKatakanaStem characters, repeatedly, so the rule is idempotent.
func stemLongVowel(t string) string {
	if !strings.ContainsRune(t, longVowel) {
		return t
	}
	var sb strings.Builder
	sb.Grow(len(t))
	runStart, runLen := 0, 0
	flush := func(end int) {
		run := t[runStart:end]
		for runLen >= minKatakanaStem && strings.HasSuffix(run, string(longVowel)) {
			run = run[:len(run)-len(string(longVowel))]
			runLen--
		}
		sb.WriteString(run)
	}
	for i, r := range t {
		if isKatakanaWord(r) {
			if runLen == 0 {
				runStart = i
			}
			runLen++
			continue
		}
		if runLen > 0 {
			flush(i)
			runLen = 0
		}
		sb.WriteRune(r)
	}
	if runLen > 0 {
		flush(len(t))
	}
	return sb.String()
}

// isKatakanaWord reports whether r belongs to a katakana word: katakana
// letters, the long vowel mark and the katakana iteration marks.
func isKatakanaWord(r rune) bool {
	return r == longVowel || (r >= 'ァ' && r <= 'ヺ') || r == 'ヽ' || r == 'ヾ'
}

// toKatakana converts hiragana in s to katakana.
func toKatakana(s string) string {
	if !hasHiragana(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isHiragana(r) {
			return r + ('ァ' - 'ぁ')
		}
		return r
	}, s)
}

// isHiragana reports whether r is a hiragana letter or iteration mark that
// has a katakana counterpart 0x60 code points above it.
func isHiragana(r rune) bool {
	return (r >= 'ぁ' && r <= 'ゖ') || r == 'ゝ' || r == 'ゞ'
}

func hasHiragana(s string) bool {
	for _, r := range s {
		if isHiragana(r) {
			return true
		}
	}
	return false
}

// isKana reports whether every rune of s is hiragana, katakana or ー.
func isKana(s string) bool {
	for _, r := range s {
		if !isHiragana(r) && !isKatakanaWord(r) {
			return false
		}
	}
	return s != ""
}

// ReadingTerm returns kana (or any text) folded the way ja_reading writes
// its terms: Fold, hiragana to katakana, and no long vowel mark ー anywhere
// (こうほうし → コウホウシ, サーバー and さあばあ stay apart but サーバー and
// サーバ both become サバ). The reading of every token goes through the same
// rule, so a kana query folded with ReadingTerm compares with the indexed
// terms byte for byte.
func ReadingTerm(s string) string {
	return readingTerm(toKatakana(Fold(s)))
}

// readingTerm lower-cases a katakana reading, drops every long vowel mark and
// writes the small ヵ/ヶ (from hiragana ゕ/ゖ) full size, as Fold does.
func readingTerm(r string) string {
	return strings.Map(func(c rune) rune {
		switch c {
		case longVowel:
			return -1
		case 'ヵ':
			return 'カ'
		case 'ヶ':
			return 'ケ'
		}
		return unicode.ToLower(c)
	}, r)
}

// maxOkurigana is the longest run of hiragana that okuriganaFree takes for
// okurigana (取[り]組[み], 引[き]落[と]し has one of two).
const maxOkurigana = 2

// okuriganaFree writes a word of two or more kanji with okurigana as its
// kanji alone, the term ja_morph adds beside the word as written, so the
// spellings that 公用文 and everyday writing give the same word meet: 取り組み, 取組み and 取組 are all 取組; 申し込み, 申込み and 申込 are
// 申込; 空き家 is 空家; 見守り and 見守る are 見守. Only words that start with a
// kanji, hold nothing but kanji and hiragana, and whose hiragana runs are at
// most maxOkurigana long are rewritten: 子ども (one kanji), お知らせ and
// 行う stay as they are.
func okuriganaFree(t string) string {
	kanji, kana, run := 0, 0, 0
	for i, r := range t {
		switch {
		case unicode.Is(unicode.Han, r) && r != '々':
			kanji++
			run = 0
		case isHiragana(r) && i > 0:
			kana++
			if run++; run > maxOkurigana {
				return t
			}
		default:
			return t
		}
	}
	if kanji < 2 || kana == 0 {
		return t
	}
	return strings.Map(func(r rune) rune {
		if isHiragana(r) {
			return -1
		}
		return r
	}, t)
}
