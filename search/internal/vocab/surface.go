package vocab

import (
	"sort"

	"golang.org/x/text/unicode/norm"

	"seisaku/analyzers"
)

// Surfaces: the text field indexes folded terms (sns, パートナ), which are
// not what a person typed or wants to read. Surface finds how the passages
// write a term: the term's locations in the first SurfaceSample passages
// that hold it (in passage ID order, so one index and several give the same
// answer) slice the stored text, and the most frequent slice that analyses
// back to the term wins; among equals, the one NFKC leaves unchanged (SNS
// over ＳＮＳ), then the first in byte order. A term the text only inflects
// (連携する from 連携し) has no such slice and is shown as it is.

// SurfaceSample is the number of passages a term's surface is read from.
const SurfaceSample = 5

const maxSurfaceCache = 50000

// displayed replaces each suggestion's term with its surface and drops the
// ones that then repeat.
func (v *Vocabulary) displayed(ss []Suggestion, sample func(string) map[string]int) []Suggestion {
	out := make([]Suggestion, 0, len(ss))
	for _, x := range ss {
		x.Text = v.Surface(x.Text, sample)
		out = append(out, x)
	}
	return unique(out)
}

// Surface returns how the text writes term, from the cache or from the
// slices sample counts in the first passages that hold it.
func (v *Vocabulary) Surface(term string, sample func(string) map[string]int) string {
	v.mu.RLock()
	s, ok := v.surfaces[term]
	v.mu.RUnlock()
	if ok {
		return s
	}
	s = BestSurface(term, sample(term))
	v.mu.Lock()
	if v.surfaces == nil || len(v.surfaces) >= maxSurfaceCache {
		v.surfaces = map[string]string{}
	}
	v.surfaces[term] = s
	v.mu.Unlock()
	return s
}

// BestSurface picks the surface of term among the counted slices of text.
func BestSurface(term string, count map[string]int) string {
	var cands []string
	for c := range count {
		if writes(c, term) {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return term
	}
	stable := func(c string) bool { return norm.NFKC.String(c) == c }
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		if stable(a) != stable(b) {
			return stable(a)
		}
		return a < b
	})
	return cands[0]
}

// writes reports whether the text c is one word whose term is term: it
// analyses to term alone, or, written in its dictionary form, to a word
// with okurigana and its okurigana-free form term (取り組み for 取組; not
// the inflected 取り組ん).
func writes(c, term string) bool {
	ts, err := analyzers.Terms(analyzers.Morph, c)
	if err != nil {
		return false
	}
	return (len(ts) == 1 && ts[0] == term) || (len(ts) == 2 && ts[1] == term && ts[0] == analyzers.Fold(c))
}
