package hit

import (
	"fmt"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Diversity. A document with many matching passages (a speech that names
// the theme in ten paragraphs, a record whose every field holds the word)
// and a notice repeated in every monthly issue would otherwise fill the
// first page. For relevance-ordered pages without distinct, the first
// Window hits are reordered, whatever the page size (a window of two pages
// of the request's size showed 15 passages of one document on pages 1–3 of
// five hits and none past page 1 of twenty): a document's passages after its first PerDocument, and a
// passage whose text repeats one ranked above it (nearly: nearDuplicate of
// its character trigrams), move behind the others of their tier, in their
// order. A passage of a PDF page already shown above (another passage of
// the same page: a table's rows, a page's paragraphs) moves to the end of
// the window whatever its tier: the page is the unit a reader opens, and
// five passages of one page filled a first page of ten. Pages past the
// window keep the plain order; the window is a permutation of the first
// Window hits, so the pages of any size are disjoint and cut from one order.
// search.Result.Diversified says how many hits ranked above a page's end
// moved past it (MovedPast) and why;
// search.Request.PerDocument sets the cap (0: DefaultPerDocument, -1:
// none).
const (
	DefaultPerDocument = 2
	// Window is the number of first hits diversified, for pages of every
	// size. Wider windows (30, 40, 50) lowered nDCG@10 of the PDF relevance
	// set at 10 hits a page (0.550 → 0.536–0.537; the dev set stayed 0.540):
	// weak passages of other documents then overtake a strong document's
	// third and later ones.
	Window = 20
)

// Diversity reports the reordering of a page's window.
type Diversity struct {
	PerDocument int    `json:"perDocument"` // passages of one document before its others move back
	Moved       int    `json:"moved"`       // hits moved behind the others within the window
	Message     string `json:"message"`
}

// MovedPast is how many of the first end hits in plain order the
// diversified order puts after its first end: the passages a reader of the
// pages up to end would have seen there and that come later.
func MovedPast(plain, diversified []Hit, end int) int {
	shown := make(map[string]bool, end)
	for _, h := range diversified[:min(end, len(diversified))] {
		shown[h.ID] = true
	}
	n := 0
	for _, h := range plain[:min(end, len(plain))] {
		if !shown[h.ID] {
			n++
		}
	}
	return n
}

// Diversify reorders the first window of hits (in rank order) and returns
// all of them and how many moved back. Hits move back only within their
// tier (tier), so a literal match never falls behind a theme-only or
// relaxed one.
func Diversify(hits []Hit, perDocument, window int) ([]Hit, int) {
	if len(hits) > window {
		head, moved := Diversify(hits[:window], perDocument, window)
		return append(head, hits[window:]...), moved
	}
	out := make([]Hit, 0, len(hits))
	moved := 0
	seenDoc := map[string]int{}
	var seenText []shingles
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && tier(hits[j]) == tier(hits[i]) {
			j++
		}
		block, n := diversifyTier(hits[i:j], perDocument, seenDoc, &seenText)
		out, moved = append(out, block...), moved+n
		i = j
	}
	return out, moved
}

// tier ranks how a hit matches: every word (as typed, by reading, variant
// or synonym), then a theme standing in, then a relaxed search, then a
// relaxed search that found one-character fragments only.
func tier(h Hit) int {
	if h.Match == nil {
		return 0
	}
	switch h.Match.Kind {
	case "theme":
		return 1
	case "relaxed":
		if fragmentsOnly(h.Match) {
			return 3
		}
		return 2
	}
	return 0
}

// fragmentsOnly reports whether a relaxed hit holds nothing of the query
// but one-character parts of its words (共 and 性 of a mistyped 多文化共性):
// such a hit stays below every hit that holds a word or a part of one, even
// one that diversity moves back.
func fragmentsOnly(m *Match) bool {
	held := false
	for _, w := range m.Words {
		switch w.How {
		case "missing", "":
			continue
		case "parts":
			for _, t := range w.Terms {
				if utf8.RuneCountInString(t) > 1 {
					return false
				}
			}
			held = true
		default:
			return false
		}
	}
	return held
}

// diversifyTier reorders one tier's hits, counting documents and texts
// already seen in the tiers above.
func diversifyTier(hits []Hit, perDocument int, seenDoc map[string]int, seenText *[]shingles) ([]Hit, int) {
	front := make([]Hit, 0, len(hits))
	var back []Hit
	for _, h := range hits {
		seenDoc[h.DocID]++
		if seenDoc[h.DocID] > perDocument*pagesPerPassage(h) {
			back = append(back, h)
			continue
		}
		sh := shinglesOf(h.Text)
		if slices.ContainsFunc(*seenText, sh.nearlySame) {
			back = append(back, h)
			continue
		}
		*seenText = append(*seenText, sh)
		front = append(front, h)
	}
	return append(front, back...), len(back)
}

// nearDuplicate is the share of character trigrams (Jaccard) from which two
// passages count as one text repeated: the same notice in another monthly
// issue, with another date or telephone hour.
const nearDuplicate = 0.8

// shingles sketch a passage's text without white space and punctuation:
// the character trigrams of its first shingleRunes characters, hashed into
// a bitset of shingleBits, and the length of the whole text. Two sketches'
// shared bits over their bits together estimate the texts' share of
// trigrams (collisions add a little to it). (Not folded: a notice repeated
// is repeated as written. A repeat starts as its original does, so the
// first characters decide, at a bounded cost.)
type shingles struct {
	bits  [shingleBits / 64]uint64
	runes int
}

const (
	shingleRunes = 200
	shingleBits  = 1024 // ~20 % full at shingleRunes
)

func shinglesOf(text string) shingles {
	var sh shingles
	var a, b rune // the two kept runes before the current one
	for _, r := range text {
		if !shingled(r) {
			continue
		}
		sh.runes++
		if sh.runes <= shingleRunes && sh.runes >= 3 {
			sh.set(trigram(a, b, r))
		}
		a, b = b, r
	}
	if sh.runes < 3 && sh.runes > 0 {
		sh.set(trigram(a, b, rune(sh.runes)))
	}
	return sh
}

func (sh *shingles) set(h uint32) {
	h %= shingleBits
	sh.bits[h/64] |= 1 << (h % 64)
}

func trigram(a, b, c rune) uint32 {
	return uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77 ^ uint32(c)*0xC2B2AE3D
}

// nearlySame reports whether the two texts are about as long and share at
// least nearDuplicate of their trigrams.
func (x shingles) nearlySame(y shingles) bool {
	if x.runes == 0 || y.runes == 0 {
		return x.runes == y.runes
	}
	if float64(min(x.runes, y.runes)) < nearDuplicate*float64(max(x.runes, y.runes)) {
		return false // the shorter cannot hold enough of the longer
	}
	inter, union := 0, 0
	for i := range x.bits {
		inter += bits.OnesCount64(x.bits[i] & y.bits[i])
		union += bits.OnesCount64(x.bits[i] | y.bits[i])
	}
	return float64(inter) >= nearDuplicate*float64(union)
}

// shingled reports whether r counts in a passage's shingles: neither white
// space, punctuation nor a symbol, decided for kana and kanji (most of a
// passage) without Unicode's tables.
func shingled(r rune) bool {
	switch {
	case 0x3041 <= r && r <= 0x3096, 0x30A1 <= r && r <= 0x30FA, r == 0x30FC, 0x4E00 <= r && r <= 0x9FFF:
		return true // hiragana, katakana, ー, CJK unified ideographs
	}
	return !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r)
}

// DiversityMessage says in Japanese what moved and why.
func DiversityMessage(perDocument, moved int) string {
	return fmt.Sprintf("同じ文書の%d件目より後の箇所、上位と同じ文面の箇所、上位と同じページの箇所（%d件）は後ろに回しています。", perDocument, moved)
}

// pagesPerPassage is how many hits of a document a hit counts as one: a
// hit of a PDF page stands for its page (CollapsePages folded the page's
// other passages into it), and a PDF's pages are the units a reader opens,
// not repeats of one text, so a document's pages are capped at five times
// its passages (ten pages of one PDF before its others move back). On the
// municipal PDF relevance set nDCG@10 was 0.606 with the passages' cap,
// 0.650 at three times, 0.663 at five times and with no cap.
func pagesPerPassage(h Hit) int {
	if h.Page > 0 {
		return 5
	}
	return 1
}
