package analyzers

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// streamBuilder collects tokens with few allocations: tokens live in one
// slice and terms in one byte arena, each term capped so that appending to
// it can never overwrite its neighbour.
type streamBuilder struct {
	toks  []analysis.Token
	arena []byte
	mark  int                  // arena offset where the term being built starts
	ptrs  analysis.TokenStream // lend's stream, kept for the next one
}

// newStreamBuilder sizes the builder for about n tokens of termBytes bytes
// in all.
func newStreamBuilder(n, termBytes int) *streamBuilder {
	return &streamBuilder{
		toks:  make([]analysis.Token, 0, n+1),
		arena: make([]byte, 0, termBytes+16),
	}
}

// reset empties b for reuse, sized as newStreamBuilder sizes a new one.
func (b *streamBuilder) reset(n, termBytes int) {
	if cap(b.toks) < n+1 {
		b.toks = make([]analysis.Token, 0, n+1)
	}
	if cap(b.arena) < termBytes+16 {
		b.arena = make([]byte, 0, termBytes+16)
	}
	b.toks, b.arena, b.mark = b.toks[:0], b.arena[:0], 0
}

// add appends a token whose term is s.
func (b *streamBuilder) add(s string, pos, start, end int) {
	b.mark = len(b.arena)
	b.arena = append(b.arena, s...)
	b.finish(pos, start, end)
}

// begin starts a term built rune by rune with appendRune.
func (b *streamBuilder) begin() { b.mark = len(b.arena) }

func (b *streamBuilder) appendRune(r rune) { b.arena = utf8.AppendRune(b.arena, r) }

// finish closes the term started by begin (or add) as a token.
func (b *streamBuilder) finish(pos, start, end int) {
	term := b.arena[b.mark:len(b.arena):len(b.arena)]
	typ := analysis.Ideographic
	if len(term) > 0 && term[0] < utf8.RuneSelf {
		typ = analysis.AlphaNumeric
	}
	b.toks = append(b.toks, analysis.Token{Term: term, Position: pos, Start: start, End: end, Type: typ})
}

// stream returns the collected tokens.
func (b *streamBuilder) stream() analysis.TokenStream {
	ts := make(analysis.TokenStream, len(b.toks))
	for i := range b.toks {
		ts[i] = &b.toks[i]
	}
	return ts
}

// lend returns the collected tokens in a stream that stays b's: valid until
// b is reset.
func (b *streamBuilder) lend() analysis.TokenStream {
	if cap(b.ptrs) < len(b.toks) {
		b.ptrs = make(analysis.TokenStream, len(b.toks))
	}
	b.ptrs = b.ptrs[:len(b.toks)]
	for i := range b.toks {
		b.ptrs[i] = &b.toks[i]
	}
	return b.ptrs
}

// unit is one character for the bigrammer with the original bytes it came
// from.
type unit struct {
	r          rune
	start, end int
}

// isCJK reports whether r is bigrammed: kanji, kana, the long vowel mark,
// 々 〆 〇 and hangul.
func isCJK(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case 0x4E00 <= r && r <= 0x9FFF, 0x3041 <= r && r <= 0x3096, 0x30A1 <= r && r <= 0x30FA:
		return true // CJK unified ideographs, hiragana, katakana: the common case first
	case r == longVowel || r == '〆' || r == '〇' || r == '々':
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isWord reports whether r belongs to a whole-word (Latin, digit) run.
func isWord(r rune) bool {
	return !isCJK(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// bigrams emits overlapping character bigrams of every CJK run of units (a
// single character where the run has only one), and every run of letters
// and digits as one lower-cased word, numbering positions from pos+1. It
// returns the last position used: the number of bigrams and words the
// text has, the bigrams of grammar (g), which it leaves out, included.
func bigrams(b *streamBuilder, units []unit, pos int, g *grammarBigrams) int {
	for i := 0; i < len(units); {
		j := i + 1
		switch r := units[i].r; {
		case isCJK(r):
			for j < len(units) && isCJK(units[j].r) {
				j++
			}
			pos = cjkRun(b, units[i:j], pos, g)
		case isWord(r):
			for j < len(units) && isWord(units[j].r) {
				j++
			}
			pos++
			b.begin()
			for _, u := range units[i:j] {
				b.appendRune(unicode.ToLower(u.r))
			}
			b.finish(pos, units[i].start, units[j-1].end)
		}
		i = j
	}
	return pos
}

func cjkRun(b *streamBuilder, run []unit, pos int, g *grammarBigrams) int {
	if len(run) == 1 {
		pos++
		b.begin()
		b.appendRune(run[0].r)
		b.finish(pos, run[0].start, run[0].end)
		return pos
	}
	for k := 0; k+1 < len(run); k++ {
		pos++ // a bigram of grammar keeps its place and counts in the length
		if g.has(run[k].r, run[k+1].r) {
			continue
		}
		b.begin()
		b.appendRune(run[k].r)
		b.appendRune(run[k+1].r)
		b.finish(pos, run[k].start, run[k+1].end)
	}
	return pos
}

// stemUnits applies the katakana long vowel rule (see stemLongVowel) to a
// unit sequence, dropping the trailing ー units of long katakana runs.
func stemUnits(units []unit) []unit {
	out := units[:0]
	run := 0
	for i, u := range units {
		if isKatakanaWord(u.r) {
			run++
		} else {
			run = 0
		}
		out = append(out, u)
		last := i+1 == len(units) || !isKatakanaWord(units[i+1].r)
		if last && run >= minKatakanaStem {
			for run >= minKatakanaStem && out[len(out)-1].r == longVowel {
				out = out[:len(out)-1]
				run--
			}
		}
	}
	return out
}
