package analyzers

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FindFolded returns the byte ranges [start, end) of the ORIGINAL text where
// word occurs once both are folded as the analyzers fold them: NFKC width
// folding (ｺﾝﾋﾞﾆ, ＳＮＳ), the kana spelling variants, lower case and the
// katakana long vowel rule (サーバー and サーバ find each other). It is a
// plain substring search, for highlighting words that matched through a
// field without term locations; ranges do not overlap and a range ends after
// any long vowel mark that folding dropped (サーバー, not サーバ).
func FindFolded(text, word string) [][2]int { return NewFolded(text).Find(word) }

// Folded is a text folded once for many FindFolded searches.
type Folded struct {
	text  string
	units []unit
	lower []rune // units' runes in lower case, compared with a folded word
}

// NewFolded folds text for Find.
func NewFolded(text string) *Folded {
	f, m := foldText(text)
	units := textUnits(f, m)
	lower := make([]rune, len(units))
	for i, u := range units {
		lower[i] = u.r
		if u.r >= utf8.RuneSelf || 'A' <= u.r && u.r <= 'Z' {
			lower[i] = unicode.ToLower(u.r)
		}
	}
	return &Folded{text: text, units: units, lower: lower}
}

// Text returns the original text fd was made of.
func (fd *Folded) Text() string { return fd.text }

// Find is FindFolded(text, word) for the text f was made from.
func (fd *Folded) Find(word string) [][2]int {
	needle := []rune(Fold(word))
	if len(needle) == 0 {
		return nil
	}
	text, units, lower := fd.text, fd.units, fd.lower
	var out [][2]int
	for i := 0; i+len(needle) <= len(lower); i++ {
		if lower[i] != needle[0] || !slices.Equal(lower[i:i+len(needle)], needle) {
			continue
		}
		last := units[i+len(needle)-1]
		out = append(out, [2]int{units[i].start, afterLongVowels(text, last.end)})
		i += len(needle) - 1
	}
	return out
}

// afterLongVowels returns the offset after the long vowel marks (full or
// half width) that start at text[end:].
func afterLongVowels(text string, end int) int {
	for {
		switch {
		case strings.HasPrefix(text[end:], "ー"):
			end += len("ー")
		case strings.HasPrefix(text[end:], "ｰ"):
			end += len("ｰ")
		default:
			return end
		}
	}
}
