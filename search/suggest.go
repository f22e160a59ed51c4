package search

import (
	"context"
	"math"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/hit"
	"seisaku/search/internal/vocab"
)

// Suggestions for search as you type: terms of the passage text and
// document titles that complete a prefix (package search/internal/vocab).

// Suggestion is one completion for search as you type.
type Suggestion = vocab.Suggestion

// DefaultSuggestions and MaxSuggestions bound n in Suggest.
const (
	DefaultSuggestions = vocab.DefaultSuggestions
	MaxSuggestions     = vocab.MaxSuggestions
)

// Refresh rereads the index's vocabulary (titles, terms, readings, cities),
// the dictionaries of its stored text (runner.loadTexts) and the fast
// path's passage ID order. After swapping the indexes behind an alias,
// call it.
func (s *Searcher) Refresh(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	terr := s.runner.loadTexts()
	if v, err := s.runner.view(); err == nil { // the fast path's ID order, built before the first search
		_ = s.runner.engine.Prepare(v)
		v.Close()
	}
	v, err := vocab.Load(vocab.Source{Dict: s.runner.fieldDict, Prefix: s.runner.idx.FieldDictPrefix})
	s.vocab.Store(v)
	s.paged.Store(s.runner.hasTerms(indexer.FieldPage))
	s.answers.Store(s.runner.hasTerm(indexer.FieldRole, indexer.RoleAnswer))
	avg := 0.0
	if sp, ps := s.runner.speechAverage(); sp > 0 {
		avg = float64(ps) / float64(sp)
	}
	s.speechAvg.Store(math.Float64bits(avg))
	s.roleCounts.Store(newRoleCounts(s.runner))
	if err == nil {
		err = terr
	}
	return err
}

// Suggest returns up to n completions of prefix.
func (s *Searcher) Suggest(ctx context.Context, prefix string, n int) ([]Suggestion, error) {
	if n == 0 {
		n = DefaultSuggestions
	}
	if n < 0 || n > MaxSuggestions {
		return nil, Errorf(EInvalid, "候補の数は1〜%dです (n must be 1..%d)", MaxSuggestions, MaxSuggestions)
	}
	folded := analyzers.Fold(strings.TrimSpace(prefix))
	if folded == "" || ctx.Err() != nil {
		return []Suggestion{}, ctx.Err()
	}
	sample := func(term string) map[string]int { return surfaceSample(ctx, s.runner, term) }
	return s.vocab.Load().Suggest(folded, n, sample), nil
}

// surfaceSample counts how the first vocab.SurfaceSample passages (in ID
// order) that hold term write it: the slices of their text at its
// locations.
func surfaceSample(ctx context.Context, rn *runner, term string) map[string]int {
	req := bleve.NewSearchRequestOptions(termQuery(indexer.FieldText, term, 1), vocab.SurfaceSample, 0, false)
	req.Fields = []string{indexer.FieldText}
	req.IncludeLocations = true
	req.SortBy([]string{"_id"})
	sr, err := rn.run(ctx, req)
	if err != nil {
		return nil
	}
	count := map[string]int{}
	for _, h := range sr.Hits {
		text := hit.StoredString(h.Fields[indexer.FieldText])
		for _, loc := range h.Locations[indexer.FieldText][term] {
			if end := loc.Start + loc.End; loc.End > 0 && int(end) <= len(text) { // End: the length (analyzers.TextIndex)
				count[text[loc.Start:end]]++
			}
		}
	}
	return count
}
