package search

import (
	"context"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"golang.org/x/text/unicode/norm"

	"seisaku/analyzers"
	"seisaku/indexer"
)

// Surfaces: the text field indexes folded terms (sns, パートナ), which are
// not what a person typed or wants to read. surface finds how the passages
// write a term: the term's locations in the first surfaceSample passages
// that hold it (in passage ID order, so one index and several give the same
// answer) slice the stored text, and the most frequent slice that analyses
// back to the term wins; among equals, the one NFKC leaves unchanged (SNS
// over ＳＮＳ), then the first in byte order. A term the text only inflects
// (連携する from 連携し) has no such slice and is shown as it is.

const (
	surfaceSample   = 5
	maxSurfaceCache = 50000
)

// displayed replaces each suggestion's term with its surface and drops the
// ones that then repeat.
func (s *Searcher) displayed(ctx context.Context, ss []Suggestion) []Suggestion {
	out := make([]Suggestion, 0, len(ss))
	for _, x := range ss {
		x.Text = s.surface(ctx, x.Text)
		out = append(out, x)
	}
	return unique(out)
}

// surface returns how the text writes term, from the cache or the index.
func (s *Searcher) surface(ctx context.Context, term string) string {
	s.mu.RLock()
	v, ok := s.surfaces[term]
	s.mu.RUnlock()
	if ok {
		return v
	}
	v = s.lookupSurface(ctx, term)
	s.mu.Lock()
	if s.surfaces == nil || len(s.surfaces) >= maxSurfaceCache {
		s.surfaces = map[string]string{}
	}
	s.surfaces[term] = v
	s.mu.Unlock()
	return v
}

func (s *Searcher) lookupSurface(ctx context.Context, term string) string {
	req := bleve.NewSearchRequestOptions(termQuery(indexer.FieldText, term, 1), surfaceSample, 0, false)
	req.Fields = []string{indexer.FieldText}
	req.IncludeLocations = true
	req.SortBy([]string{"_id"})
	sr, err := s.run(ctx, req)
	if err != nil {
		return term
	}
	count := map[string]int{}
	for _, h := range sr.Hits {
		text := str(h.Fields[indexer.FieldText])
		for _, loc := range h.Locations[indexer.FieldText][term] {
			if loc.Start < loc.End && int(loc.End) <= len(text) {
				count[text[loc.Start:loc.End]]++
			}
		}
	}
	return bestSurface(term, count)
}

// bestSurface picks the surface of term among the counted slices.
func bestSurface(term string, count map[string]int) string {
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
