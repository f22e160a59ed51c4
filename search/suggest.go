package search

import (
	"context"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
)

// Suggestions for search as you type come from two places:
//
//   - terms: the morphological terms of the passage text that start with the
//     folded prefix, read from the index's term dictionary (an FST prefix
//     walk, well under a millisecond) and ranked by the number of passages
//     that contain them;
//   - titles: document titles containing the prefix, from a list the
//     Searcher builds once (New, Refresh) and scans in memory.
//
// At most a third of the suggestions are titles when there are terms enough.

// DefaultSuggestions and MaxSuggestions bound n in Suggest.
const (
	DefaultSuggestions = 8
	MaxSuggestions     = 50
	maxDictScan        = 50000 // dictionary entries read per keystroke at most
)

type titleEntry struct {
	title, folded string
}

// Refresh rebuilds the title list from the index (one title per document,
// read from the documents' first passages) and the reading dictionary.
func (s *Searcher) Refresh(ctx context.Context) error {
	s.refreshReadings()
	zero, in := 0.0, true
	rq := query.NewNumericRangeInclusiveQuery(&zero, &zero, &in, &in)
	rq.SetField(indexer.FieldSeq)
	ms, err := s.all(ctx, rq, []string{indexer.FieldTitle})
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	var ts []titleEntry
	for _, m := range ms {
		t := str(m.Fields[indexer.FieldTitle])
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		ts = append(ts, titleEntry{title: t, folded: analyzers.Fold(t)})
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].folded < ts[j].folded })
	s.mu.Lock()
	s.titles = ts
	s.mu.Unlock()
	return nil
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
	terms := s.termSuggestions(folded, n)
	titles := s.titleSuggestions(folded, n)
	nt := min(len(titles), (n+2)/3)
	if len(terms) < n-nt {
		nt = min(len(titles), n-len(terms))
	}
	out := append([]Suggestion{}, terms[:min(len(terms), n-nt)]...)
	return append(out, titles[:nt]...), nil
}

// termSuggestions reads the text field's dictionary under prefix. An alias
// over several indexes has no single dictionary: it then suggests none.
func (s *Searcher) termSuggestions(prefix string, n int) []Suggestion {
	d, err := s.idx.FieldDictPrefix(indexer.FieldText, []byte(prefix))
	if err != nil {
		return nil
	}
	defer d.Close()
	var out []Suggestion
	for i := 0; i < maxDictScan; i++ {
		e, err := d.Next()
		if err != nil || e == nil {
			break
		}
		if e.Term != prefix {
			out = append(out, Suggestion{Text: e.Term, Kind: "term", Count: int(e.Count)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out[:min(len(out), n)]
}

// titleSuggestions returns titles containing prefix: those starting with it
// first, then shorter titles first.
func (s *Searcher) titleSuggestions(prefix string, n int) []Suggestion {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var hits []titleEntry
	for _, t := range s.titles {
		if strings.Contains(t.folded, prefix) {
			hits = append(hits, t)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		pi, pj := strings.HasPrefix(hits[i].folded, prefix), strings.HasPrefix(hits[j].folded, prefix)
		if pi != pj {
			return pi
		}
		return len(hits[i].title) < len(hits[j].title)
	})
	out := make([]Suggestion, 0, min(len(hits), n))
	for _, t := range hits[:min(len(hits), n)] {
		out = append(out, Suggestion{Text: t.title, Kind: "title", Count: 1})
	}
	return out
}
