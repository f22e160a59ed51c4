package theme

import (
	"slices"
	"sync"
)

// matchPool recycles the match buffers of Tag.
var matchPool = sync.Pool{New: func() any { return new([]match) }}

// Tag returns the names of the themes that text signals, in thesaurus
// order: a theme is tagged by one occurrence of a plain or head word, or by
// two of its weak words. Text is folded first; a match lying inside a longer
// match does not count, and an ASCII word (ICT) needs non-alphanumeric
// neighbours. Tag returns nil when no theme applies.
func (t *Thesaurus) Tag(text string) []string {
	folded := fold(text)
	buf := matchPool.Get().(*[]match)
	defer matchPool.Put(buf)
	*buf = t.m.scan((*buf)[:0], folded)
	strong, weak := t.count(outermost(*buf), folded)
	var out []string
	for i, th := range t.themes {
		if strong[i] || weak[i] >= 2 {
			out = append(out, th.Name)
		}
	}
	return out
}

// count tallies, per theme, whether a plain word occurred and how many
// weak words did.
func (t *Thesaurus) count(ms []match, text string) (strong []bool, weak []int) {
	strong = make([]bool, len(t.themes))
	weak = make([]int, len(t.themes))
	for _, m := range ms {
		if t.ascii[m.id] && !standsAlone(text, m.start, m.end) {
			continue
		}
		for _, e := range t.entries[m.id] {
			switch {
			case e.theme < 0:
			case e.weak:
				weak[e.theme]++
			default:
				strong[e.theme] = true
			}
		}
	}
	return strong, weak
}

// outermost drops, in place, the matches that lie inside an earlier or
// longer match. ms comes ordered by end, one match per end.
func outermost(ms []match) []match {
	slices.SortFunc(ms, func(a, b match) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	out := ms[:0]
	reach := 0
	for _, m := range ms {
		if m.end <= reach {
			continue
		}
		out = append(out, m)
		reach = m.end
	}
	return out
}

// standsAlone reports whether text[start:end] has no ASCII letter or digit
// on either side.
func standsAlone(text string, start, end int) bool {
	return (start == 0 || !isASCIIAlnum(text[start-1])) && (end == len(text) || !isASCIIAlnum(text[end]))
}

// minPassagesPer is the document size, in passages, per extra passage a
// theme needs in Rollup.
const minPassagesPer = 50

// Rollup returns a document's themes from its passages' themes: the themes
// that tag at least 1 + n/50 of its n passages (one passage in a document of
// fewer than 50, two up to 99, eleven in a 500-passage day of minutes, where
// a passing mention is not what the day is about). Names are ordered as in
// Default(), names it does not know last in first-seen order.
func Rollup(passageThemes [][]string) []string {
	counts := map[string]int{}
	var seen []string
	for _, names := range passageThemes {
		for _, n := range distinct(names) {
			if counts[n] == 0 {
				seen = append(seen, n)
			}
			counts[n]++
		}
	}
	need := 1 + len(passageThemes)/minPassagesPer
	var out []string
	for _, th := range Default().themes {
		if counts[th.Name] >= need {
			out = append(out, th.Name)
		}
		delete(counts, th.Name)
	}
	for _, n := range seen {
		if c, ok := counts[n]; ok && c >= need {
			out = append(out, n)
		}
	}
	return out
}

// distinct returns names without repeats, in order.
func distinct(names []string) []string {
	var out []string
	for _, n := range names {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
