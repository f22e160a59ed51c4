package vocab

import (
	"sort"
	"strings"
	"unicode"
)

// The spelling index. もしかして (did you mean) corrects a query word the
// index does not hold with a term of the index one edit away (a character
// replaced, added or dropped) written in the same scripts: Near finds them
// among every term of two to maxSpellRunes runes, however rare (a small
// index may hold the right word in one passage). A word typed in kana where
// the text writes kanji (くんれん for 訓練) is one kana/kanji confusion
// away: Homophones finds the terms read as it is.
const maxSpellRunes = 8 // longest term indexed for corrections

// spellIndex finds the terms one edit away from a string: every term of
// two to maxSpellRunes runes is filed under itself and under each of its
// one-rune deletions, so two strings one edit apart share a key.
type spellIndex struct {
	table *termTable
	keys  map[string][]int32 // key → indexes into table.sorted
}

// newSpellIndex files the terms of t.
func newSpellIndex(t *termTable) *spellIndex {
	si := &spellIndex{table: t, keys: map[string][]int32{}}
	for i, e := range t.sorted {
		rs := []rune(e.Text)
		if len(rs) < 2 || len(rs) > maxSpellRunes {
			continue
		}
		si.keys[e.Text] = append(si.keys[e.Text], int32(i))
		for _, d := range deletions(rs) {
			si.keys[d] = append(si.keys[d], int32(i))
		}
	}
	return si
}

// deletions returns rs with each rune deleted once.
func deletions(rs []rune) []string {
	out := make([]string, 0, len(rs))
	for i := range rs {
		out = append(out, string(rs[:i])+string(rs[i+1:]))
	}
	return out
}

// near returns the terms one edit away from s in the same scripts, the most
// frequent first.
func (si *spellIndex) near(s string) []Suggestion {
	rs := []rune(s)
	if len(rs) < 2 || len(rs) > maxSpellRunes {
		return nil
	}
	seen := map[int32]bool{}
	var out []Suggestion
	for _, k := range append([]string{s}, deletions(rs)...) {
		for _, i := range si.keys[k] {
			e := si.table.sorted[i]
			if seen[i] || e.Text == s {
				continue
			}
			seen[i] = true
			if OneEdit(rs, []rune(e.Text)) && scripts(e.Text) == scripts(s) {
				out = append(out, e)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// OneEdit reports whether a and b are exactly one replacement, insertion or
// deletion apart.
func OneEdit(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		diff := 0
		for i := range a {
			if a[i] != b[i] {
				diff++
			}
		}
		return diff == 1
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return string(a[i:]) == string(b[i+1:])
	}
	return false
}

// scripts names the scripts s is written in: kanji, hiragana, katakana,
// Latin letters or digits, as a set.
func scripts(s string) string {
	var set [5]bool
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			set[0] = true
		case unicode.Is(unicode.Hiragana, r):
			set[1] = true
		case unicode.Is(unicode.Katakana, r) || r == 'ー':
			set[2] = true
		case unicode.IsLetter(r):
			set[3] = true
		case unicode.IsDigit(r):
			set[4] = true
		}
	}
	var b strings.Builder
	for i, ok := range set {
		if ok {
			b.WriteByte(byte('0' + i))
		}
	}
	return b.String()
}

// Near returns the terms one edit away from the folded s in the same
// scripts, the most frequent first; none when the index has no single
// dictionary (HasTerms).
func (v *Vocabulary) Near(s string) []Suggestion {
	if !v.HasTerms() {
		return nil
	}
	v.spellOnce.Do(func() { v.spell = newSpellIndex(v.terms) })
	return v.spell.near(s)
}

// HasTerms reports whether the vocabulary holds the text field's terms (an
// alias over several indexes has no single dictionary).
func (v *Vocabulary) HasTerms() bool { return v != nil && v.terms != nil }

// Homophones returns the terms not written in kana whose reading is the
// katakana reading, the most frequent first: what the kana a user typed
// stands for in the text (クンレン → 訓練).
func (v *Vocabulary) Homophones(reading string) []Suggestion {
	if !v.HasTerms() {
		return nil
	}
	rs := v.terms.byReading
	var out []Suggestion
	for i := sort.Search(len(rs), func(i int) bool { return rs[i].reading >= reading }); i < len(rs) && rs[i].reading == reading; i++ {
		out = append(out, rs[i].term)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}
