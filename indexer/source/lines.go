package source

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// trim removes white space at both ends, including full-width spaces
// (U+3000) and no-break spaces (U+00A0) left over from HTML.
func trim(s string) string {
	return strings.TrimFunc(s, unicode.IsSpace)
}

// indent counts the white space runes at the start of line.
func indent(line string) int {
	n := 0
	for _, r := range line {
		if !unicode.IsSpace(r) {
			break
		}
		n++
	}
	return n
}

// hasSentenceEnd reports whether s contains a Japanese full stop.
func hasSentenceEnd(s string) bool {
	return strings.ContainsAny(s, "。．")
}

// titleLike reports whether a line can be a document title: short and
// not a sentence.
func titleLike(s string) bool {
	return s != "" && utf8.RuneCountInString(s) <= 60 && !hasSentenceEnd(s)
}

// bulletMarkers start a bullet line; the marker is stripped from the text.
var bulletMarkers = []string{"•", "・", "◆", "◇", "●", "■", "□", "▪", "‣", "◦"}

// cutBullet returns s without a leading bullet marker and the space after it.
func cutBullet(s string) (string, bool) {
	for _, m := range bulletMarkers {
		if rest, ok := strings.CutPrefix(s, m); ok {
			return trim(rest), true
		}
	}
	return s, false
}

// blocks accumulates blocks, dropping empty ones, and can extend the last
// one with a continuation line.
type blocks []Block

func (bs *blocks) add(kind BlockKind, level int, text string) {
	if text = trim(text); text != "" {
		*bs = append(*bs, Block{Kind: kind, Level: level, Text: text})
	}
}

// continueLast appends a continuation line to the last block, on its own line.
func (bs *blocks) continueLast(text string) {
	if text = trim(text); text != "" && len(*bs) > 0 {
		(*bs)[len(*bs)-1].Text += "\n" + text
	}
}

// last returns the kind of the last block, or -1 when there is none.
func (bs blocks) last() BlockKind {
	if len(bs) == 0 {
		return -1
	}
	return bs[len(bs)-1].Kind
}
