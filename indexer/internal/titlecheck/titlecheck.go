// Package titlecheck is the tests' rule for whether a title the indexer
// extracted is the title a person wrote down for the document (the
// metadata table of package indexer, the probe set of package meta).
package titlecheck

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Same reports whether an extracted title is the hand title: after
// NFKC folding and without spaces, their longest common subsequence
// covers at least 75% of the extracted title and 60% of the hand title,
// of the hand title without its closing parenthesised parts, or of it
// without any (the hand titles
// add the date or the bill number in parentheses: 第３回延岡市議会（定例会）
// での議案審査等結果（令和元年９月30日現在）). So a title that is the hand
// title's core, or adds a little to it (北海道音威子府村人口ビジョン for
// 音威子府村人口ビジョン（仮称）), is right; a part of it (令和７年度 alone),
// another section's title or a greeting is not.
func Same(got, want string) bool {
	g := foldTitle(got)
	core := want
	for {
		c := strings.TrimSpace(reTailParens.ReplaceAllString(core, ""))
		if c == core {
			break
		}
		core = c
	}
	for _, hand := range []string{want, core, reParens.ReplaceAllString(want, "")} {
		w := foldTitle(hand)
		if len(w) == 0 || len(g) == 0 {
			continue
		}
		n := lcs(g, w)
		if 4*n >= 3*len(g) && 5*n >= 3*len(w) {
			return true
		}
	}
	return false
}

var (
	reParens     = regexp.MustCompile(`[（(][^（）()]*[）)]`)
	reTailParens = regexp.MustCompile(`[（(][^（）()]*[）)]$`)
)

func foldTitle(s string) []rune {
	var out []rune
	for _, r := range norm.NFKC.String(s) {
		if !unicode.IsSpace(r) {
			out = append(out, r)
		}
	}
	return out
}

func lcs(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case cur[j] > prev[j+1]:
				cur[j+1] = cur[j]
			default:
				cur[j+1] = prev[j+1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
