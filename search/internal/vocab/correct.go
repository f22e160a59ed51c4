package vocab

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"seisaku/analyzers"
)

// The candidates of もしかして: which parts of a typed word are tried, and
// which terms of the index may replace them (the search package decides,
// by counting, which corrections to offer).

// Correction is a term that may replace a part of a typed word.
type Correction struct {
	Text  string
	Alike bool // sounds like the part
}

// Corrections are the terms (at most n) that may replace part of a word
// the index lacks (もしかして), those that sound like it first, then the
// most frequent: the terms one edit away and, for kana, the terms read as
// it is. A part that is a word of the dictionary is
// replaced only by a term that sounds like it (発心 ホッシン by 発信
// ハッシン, not 粗大 ソダイ by 拡大 カクダイ).
func (v *Vocabulary) Corrections(part string, n int) []Correction {
	known, sound := dictionaryWord(part), reading(part)
	var out []Correction
	for _, t := range v.Near(analyzers.Fold(part)) {
		alike := soundsAlike(sound, reading(t.Text))
		if alike || !known {
			out = append(out, Correction{t.Text, alike})
		}
	}
	if r, kana := KanaReading(part); kana && utf8.RuneCountInString(part) >= 2 {
		for _, t := range v.Homophones(r) {
			out = append(out, Correction{t.Text, true})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Alike && !out[j].Alike })
	return out[:min(len(out), n)]
}

// Spans are the byte ranges of word tried for a correction: the whole word,
// each run of one or two of its morph tokens, and each run of kana.
func Spans(word string) [][2]int {
	out := [][2]int{{0, len(word)}}
	add := func(sp [2]int) {
		for _, o := range out {
			if o == sp {
				return
			}
		}
		out = append(out, sp)
	}
	if ts, err := analyzers.Analyze(analyzers.Morph, word); err == nil {
		for i := range ts {
			for j := i; j < len(ts) && j <= i+1; j++ {
				add([2]int{ts[i].Start, ts[j].End})
			}
		}
	}
	start := -1
	for i, r := range word + "\x00" {
		kana := unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー'
		switch {
		case kana && start < 0:
			start = i
		case !kana && start >= 0:
			add([2]int{start, i})
			start = -1
		}
	}
	return out
}

// dictionaryWord reports whether s is one word of the analyzer's dictionary
// written with kanji: a word the user meant, not a misspelling (an unknown
// run of kanji is split into characters without readings).
func dictionaryWord(s string) bool {
	ts, err := analyzers.Terms(analyzers.Morph, s)
	if err != nil || len(ts) != 1 {
		return false
	}
	han := false
	for _, r := range s {
		han = han || unicode.Is(unicode.Han, r)
	}
	if !han {
		return false
	}
	rs, err := analyzers.Terms(analyzers.Reading, s)
	if err != nil || len(rs) != 1 {
		return false
	}
	_, kana := KanaReading(rs[0])
	return kana
}

// reading is how s reads, in katakana: its kana, or the readings the
// analyzer gives its words; "" when a part has no reading.
func reading(s string) string {
	if r, kana := KanaReading(s); kana {
		return r
	}
	rs, err := analyzers.Terms(analyzers.Reading, s)
	if err != nil {
		return ""
	}
	r, kana := KanaReading(strings.Join(rs, ""))
	if !kana {
		return ""
	}
	return r
}

// soundsAlike reports whether two readings are at most one kana apart:
// one kanji picked for another of the same sound, or read another way
// (発 ハツ, ホツ).
func soundsAlike(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	return a == b || len(ra) > 2 && OneEdit(ra, rb)
}

// InOrder is the number of characters of a that b holds in the same order
// (their longest common subsequence).
func InOrder(a, b []rune) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
