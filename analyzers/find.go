package analyzers

import (
	"strings"
	"unicode"
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
}

// NewFolded folds text for Find.
func NewFolded(text string) *Folded {
	f, m := foldText(text)
	return &Folded{text: text, units: textUnits(f, m)}
}

// Find is FindFolded(text, word) for the text f was made from.
func (fd *Folded) Find(word string) [][2]int {
	needle := []rune(Fold(word))
	if len(needle) == 0 {
		return nil
	}
	text, units := fd.text, fd.units
	var out [][2]int
	for i := 0; i+len(needle) <= len(units); i++ {
		if !unitsHave(units[i:], needle) {
			continue
		}
		last := units[i+len(needle)-1]
		out = append(out, [2]int{units[i].start, afterLongVowels(text, last.end)})
		i += len(needle) - 1
	}
	return out
}

// unitsHave reports whether units start with the runes of needle, ignoring
// case.
func unitsHave(units []unit, needle []rune) bool {
	for k, r := range needle {
		if unicode.ToLower(units[k].r) != r {
			return false
		}
	}
	return true
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
