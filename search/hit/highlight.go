package hit

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"seisaku/search/plan"
)

// The highlighter works on the stored original text of a field and the byte
// ranges of the terms that matched in it. All three text analyzers (morph,
// bigram, reading) report byte offsets into the same original text, so their
// ranges can be merged: overlapping or touching ranges become one mark
// (区政|政会|会議 → <mark>区政会議</mark>). Ranges separated by anything,
// whitespace included, stay separate marks, so two query words typed with a
// space between them show as two marks.
//
// Every piece of text is HTML-escaped; only the caller's tags are inserted
// raw. Ranges that are empty, out of bounds or that do not start and end on
// a rune boundary are dropped, so the output is always valid UTF-8.

// span is a byte range [start, end) of a field's text.
type span struct{ start, end int }

// MaxTagLength bounds highlightPreTag and highlightPostTag.
const MaxTagLength = 64

// Marker renders highlighted, escaped, cropped text.
type Marker struct {
	Pre, Post string      // the tags around a match, inserted raw
	Crop      int         // runes of context in Formatted.Text; 0 = no crop
	Marks     []plan.Mark // query words, for matches without locations
	Words     []plan.Word // the positive words, for Hit.Match (explain.go)
}

// mergeSpans validates, sorts and merges overlapping or touching spans.
func mergeSpans(text string, in []span) []span {
	var ok []span
	for _, s := range in {
		if s.start < 0 || s.start >= s.end || s.end > len(text) {
			continue
		}
		if !utf8.RuneStart(text[s.start]) || (s.end < len(text) && !utf8.RuneStart(text[s.end])) {
			continue
		}
		ok = append(ok, s)
	}
	sort.Slice(ok, func(i, j int) bool {
		if ok[i].start != ok[j].start {
			return ok[i].start < ok[j].start
		}
		return ok[i].end > ok[j].end
	})
	var out []span
	for _, s := range ok {
		if n := len(out); n > 0 && s.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// render escapes text[from:to] and wraps the merged spans (clipped to the
// window) in the tags.
func (m Marker) render(text string, spans []span, from, to int) string {
	var b strings.Builder
	pos := from
	for _, s := range spans {
		s.start, s.end = max(s.start, from), min(s.end, to)
		if s.start >= s.end {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:s.start]))
		b.WriteString(m.Pre)
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString(m.Post)
		pos = s.end
	}
	b.WriteString(html.EscapeString(text[pos:to]))
	return b.String()
}

// highlight returns text with spans marked, cropped to m.Crop runes around
// the densest cluster of marks, with "…" where text was cut.
func (m Marker) highlight(text string, raw []span) string {
	spans := mergeSpans(text, raw)
	from, to := m.window(text, spans)
	out := m.render(text, spans, from, to)
	if from > 0 {
		out = "…" + out
	}
	if to < len(text) {
		out += "…"
	}
	return out
}

// window chooses the byte range [from, to) to show: the whole text when it
// fits, else m.Crop runes starting at the sentence (。！？ or line) that holds
// the densest cluster of marks, when that sentence start leaves the cluster
// inside the window; else a little context before the cluster. The end is
// pulled back to a sentence end when one lies in the last third.
func (m Marker) window(text string, spans []span) (int, int) {
	n := utf8.RuneCountInString(text)
	if m.Crop <= 0 || n <= m.Crop {
		return 0, len(text)
	}
	offs := runeOffsets(text) // offs[i] = byte offset of rune i; offs[n] = len(text)
	if len(spans) == 0 {
		return 0, sentenceEnd(text, offs, m.Crop*2/3, m.Crop)
	}
	first, last := densest(offs, spans, m.Crop)
	ws := runeIndex(offs, first)
	span := runeIndex(offs, last) - ws
	if span > m.Crop {
		span = m.Crop
	}
	start := sentenceStart(text, offs, ws)
	if ws-start > m.Crop-span {
		start = max(ws-min(m.Crop/4, m.Crop-span), 0)
	}
	if start+m.Crop > n { // use the whole budget when the text ends early
		start = n - m.Crop
	}
	end := start + m.Crop
	if end < n {
		end = sentenceEndRune(text, offs, max(start+span+(ws-start), start+m.Crop*2/3), end)
	}
	return offs[start], offs[end]
}

// densest returns the byte start of the first span and the byte end of the
// last span of the cluster that puts the most spans within crop runes.
func densest(offs []int, spans []span, crop int) (int, int) {
	best, bestCount, bestLast := 0, 0, 0
	for i := range spans {
		limit := runeIndex(offs, spans[i].start) + crop
		count, last := 0, i
		for j := i; j < len(spans) && runeIndex(offs, spans[j].end) <= limit; j++ {
			count, last = count+1, j
		}
		if count > bestCount {
			best, bestCount, bestLast = i, count, last
		}
	}
	return spans[best].start, max(spans[bestLast].end, spans[best].end)
}

// runeOffsets returns the byte offset of every rune and len(text) last.
func runeOffsets(text string) []int {
	offs := make([]int, 0, len(text)+1)
	for i := range text {
		offs = append(offs, i)
	}
	return append(offs, len(text))
}

// runeIndex is the index of the rune starting at byte b (or the rune that
// holds b).
func runeIndex(offs []int, b int) int {
	i := sort.SearchInts(offs, b)
	if i < len(offs) && offs[i] == b {
		return i
	}
	return i - 1
}

// isSentenceEnd reports runes after which a new sentence starts.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '\n':
		return true
	}
	return false
}

// sentenceStart is the rune index where the sentence holding rune i starts.
func sentenceStart(text string, offs []int, i int) int {
	for j := i; j > 0; j-- {
		r, _ := utf8.DecodeRuneInString(text[offs[j-1]:])
		if isSentenceEnd(r) {
			return j
		}
	}
	return 0
}

// sentenceEndRune is the last rune index in (lo, hi] just after a sentence
// end, or hi when there is none.
func sentenceEndRune(text string, offs []int, lo, hi int) int {
	for j := hi; j > lo && j > 0; j-- {
		r, _ := utf8.DecodeRuneInString(text[offs[j-1]:])
		if isSentenceEnd(r) {
			return j
		}
	}
	return hi
}

// sentenceEnd is sentenceEndRune as a byte offset.
func sentenceEnd(text string, offs []int, lo, hi int) int {
	return offs[sentenceEndRune(text, offs, lo, hi)]
}
