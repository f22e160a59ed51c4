package passage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cut cuts text into pieces of at most max runes whose concatenation is
// text. It packs whole sentences greedily: a sentence ends after 。！？｡!?
// (with any closing brackets such as 」 and white space that follow) or at a line break. A
// sentence longer than max is cut after 、, and a clause still longer is cut
// at max runes, always on a rune boundary. A piece that would be only white
// space stays with a neighbouring piece, which may then exceed max by that
// white space. Cut returns nil for "" and panics if max < 1.
func Cut(text string, max int) []string {
	if max < 1 {
		panic("passage: Cut with max < 1")
	}
	if utf8.RuneCountInString(text) <= max {
		if text == "" {
			return nil
		}
		return []string{text}
	}
	var units []string
	for _, sentence := range splitAfter(text, isSentenceEnd) {
		if utf8.RuneCountInString(sentence) <= max {
			units = append(units, sentence)
			continue
		}
		for _, clause := range splitAfter(sentence, isClauseEnd) {
			units = append(units, hardCut(clause, max)...)
		}
	}
	return glueBlank(pack(units, max))
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '｡', '!', '?', '\n':
		return true
	}
	return false
}

func isClauseEnd(r rune) bool { return r == '、' || r == '､' }

// isCloser reports closing brackets that belong to the sentence before them.
func isCloser(r rune) bool { return strings.ContainsRune("」』）)】〉》”’", r) }

// splitAfter cuts s after every rune where end is true, keeping closing
// brackets and white space that follow with the piece before them.
func splitAfter(s string, end func(rune) bool) []string {
	var out []string
	start := 0
	cutNext := false
	for i, r := range s {
		if cutNext && !isCloser(r) && !unicode.IsSpace(r) {
			out = append(out, s[start:i])
			start = i
			cutNext = false
		}
		if end(r) {
			cutNext = true
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// hardCut cuts s every max runes.
func hardCut(s string, max int) []string {
	var out []string
	for utf8.RuneCountInString(s) > max {
		i := 0
		for n := 0; n < max; n++ {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// pack joins consecutive units while the result stays within max runes.
func pack(units []string, max int) []string {
	var out []string
	var cur strings.Builder
	n := 0
	for _, u := range units {
		un := utf8.RuneCountInString(u)
		if n > 0 && n+un > max {
			out = append(out, cur.String())
			cur.Reset()
			n = 0
		}
		cur.WriteString(u)
		n += un
	}
	if n > 0 {
		out = append(out, cur.String())
	}
	return out
}

// glueBlank appends pieces that are only white space to the piece before
// (or, at the start, puts them in front of the piece after).
func glueBlank(pieces []string) []string {
	var out []string
	lead := ""
	for _, p := range pieces {
		switch {
		case strings.TrimFunc(p, unicode.IsSpace) != "":
			out = append(out, lead+p)
			lead = ""
		case len(out) > 0:
			out[len(out)-1] += p
		default:
			lead += p
		}
	}
	if lead != "" {
		out = append(out, lead)
	}
	return out
}
