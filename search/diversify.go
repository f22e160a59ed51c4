package search

import (
	"fmt"
	"strings"
	"unicode"
)

// Diversity. A document with many matching passages (a speech that names
// the theme in ten paragraphs, a record whose every field holds the word)
// and a notice repeated in every monthly issue would otherwise fill the
// first page. For relevance-ordered pages without distinct, the hits within
// the first two pages (of the request's size, at most 100 hits) are
// reordered: a document's passages after its first PerDocument, and a
// passage whose text repeats one ranked above it, move behind the others
// of their tier, in their order. Later pages and other sorts are
// unchanged, so the pages of one size are disjoint. Result.Diversified says how many moved and why;
// Request.PerDocument sets the cap (0: DefaultPerDocument, -1: none).
const (
	DefaultPerDocument = 2
	diversifyPages     = 2   // the window is this many pages of the request's size
	maxDiversifyWindow = 100 // and at most this many hits
)

// Diversity reports the reordering of a page's window.
type Diversity struct {
	PerDocument int    `json:"perDocument"` // passages of one document before its others move back
	Moved       int    `json:"moved"`       // hits moved behind the others within the window
	Message     string `json:"message"`
}

// diversifies reports whether p's pages are reordered, and how many of the
// first hits to fetch for it: the window, or the page's end when it lies
// beyond (the order past the window is the plain one, so every page size
// gives the same order).
func (p *plan) diversifies() (fetch int, ok bool) {
	if p.perDocument < 0 || p.distinct || (p.sortBy != "" && p.sortBy != "relevance") {
		return 0, false
	}
	end := p.page * p.hitsPerPage
	if end-p.hitsPerPage >= p.window() {
		return 0, false
	}
	return max(end, p.window()), true
}

// window is the number of first hits diversified: two pages of the
// request's size (so its pages stay disjoint), at most maxDiversifyWindow.
func (p *plan) window() int { return min(diversifyPages*p.hitsPerPage, maxDiversifyWindow) }

// diversify reorders the first window of hits (in rank order) and returns
// all of them and how many moved back. Hits move back only within their
// tier (tier), so a literal match never falls behind a theme-only or
// relaxed one.
func diversify(hits []Hit, perDocument, window int) ([]Hit, int) {
	if len(hits) > window {
		head, moved := diversify(hits[:window], perDocument, window)
		return append(head, hits[window:]...), moved
	}
	out := make([]Hit, 0, len(hits))
	moved := 0
	seenDoc := map[string]int{}
	seenText := map[string]bool{}
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && tier(hits[j]) == tier(hits[i]) {
			j++
		}
		block, n := diversifyTier(hits[i:j], perDocument, seenDoc, seenText)
		out, moved = append(out, block...), moved+n
		i = j
	}
	return out, moved
}

// tier ranks how a hit matches: every word (as typed, by reading, variant
// or synonym), then a theme standing in, then a relaxed search.
func tier(h Hit) int {
	if h.Match == nil {
		return 0
	}
	switch h.Match.Kind {
	case "theme":
		return 1
	case "relaxed":
		return 2
	}
	return 0
}

// diversifyTier reorders one tier's hits, counting documents and texts
// already seen in the tiers above.
func diversifyTier(hits []Hit, perDocument int, seenDoc map[string]int, seenText map[string]bool) ([]Hit, int) {
	front := make([]Hit, 0, len(hits))
	var back []Hit
	for _, h := range hits {
		key := textKey(h.Text)
		seenDoc[h.DocID]++
		if seenDoc[h.DocID] > perDocument || seenText[key] {
			back = append(back, h)
			continue
		}
		seenText[key] = true
		front = append(front, h)
	}
	return append(front, back...), len(back)
}

// textKey identifies a passage's text up to white space and punctuation:
// the same notice in two issues has the same key. (Not folded: a notice
// repeated is repeated as written, and folding every hit of the window
// would cost more than the rest of the reordering.)
func textKey(text string) string {
	return strings.Map(func(r rune) rune {
		if keptInKey(r) {
			return r
		}
		return -1
	}, text)
}

// keptInKey reports whether r is neither white space, punctuation nor a
// symbol, deciding kana and kanji (most of a passage) without Unicode's
// tables.
func keptInKey(r rune) bool {
	switch {
	case 0x3041 <= r && r <= 0x3096, 0x30A1 <= r && r <= 0x30FA, r == 0x30FC, 0x4E00 <= r && r <= 0x9FFF:
		return true // hiragana, katakana, ー, CJK unified ideographs
	}
	return !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r)
}

func diversityMessage(perDocument, moved int) string {
	return fmt.Sprintf("同じ文書の%d件目より後の箇所と、上位と同じ文面の箇所（%d件）は後ろに回しています。", perDocument, moved)
}
