package vocab

import (
	"sort"
	"strings"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"

	"seisaku/analyzers"
	"seisaku/indexer"
)

// Suggestions for search as you type come from two places:
//
//   - terms: the morphological terms of the passage text that start with the
//     folded prefix, ranked by the number of passages that contain them,
//     from a table Load builds once: all terms sorted,
//     so a prefix is a binary search, plus the most frequent terms of every
//     first character, so a one-character prefix (thousands of terms) costs
//     nothing either. An alias over several indexes has no single
//     dictionary: it walks each keystroke's prefix in the index instead;
//     A prefix typed in kana (こそ, たぶんか) also completes terms by their
//     reading (子育て コソダテ, 多文化 タブンカ), from the same table sorted
//     by the reading the analyzer gives each term;
//   - titles: document titles starting with the prefix (a binary search in
//     the sorted title list), then titles containing it, shorter first.
//
// A term is indexed folded (lower case, half width, katakana without a final
// long vowel: sns, パートナ), so it is shown as the text writes it: the most
// frequent surface among the first passages that hold it (SNS, パートナー),
// or the term itself when the text inflects it (連携し → 連携する). Surfaces
// are cached for the life of the Vocabulary (until the next Refresh). A suggestion is offered once: a title
// equal to a term (after folding) is dropped.
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

// termTable is the text field's dictionary for suggestions.
type termTable struct {
	sorted    []Suggestion            // every term, by term
	first     map[string][]Suggestion // the most frequent terms by first character
	byReading []readingEntry          // terms not written in kana, by reading
}

// readingEntry is a term under its katakana reading.
type readingEntry struct {
	reading string
	term    Suggestion
}

// loadTermTable reads the text field's whole dictionary (tens of
// thousands of terms: a few MB and tens of milliseconds on a 100 MB corpus).
func loadTermTable(fieldDict func(string) (index.FieldDict, error)) (*termTable, error) {
	t := &termTable{first: map[string][]Suggestion{}}
	err := EachTerm(fieldDict, indexer.FieldText, func(e *index.DictEntry) {
		t.sorted = append(t.sorted, Suggestion{Text: e.Term, Kind: "term", Count: int(e.Count)})
	})
	if err != nil {
		return nil, err
	}
	byFirst := map[string][]Suggestion{}
	for _, e := range t.sorted {
		_, size := utf8.DecodeRuneInString(e.Text)
		byFirst[e.Text[:size]] = append(byFirst[e.Text[:size]], e)
	}
	for k, es := range byFirst {
		t.first[k] = topByCount(es, MaxSuggestions+1)
	}
	t.byReading = readingsOf(t.sorted)
	return t, nil
}

// readingsOf lists the terms that are not kana under their reading (the
// terms of the reading analyzer, joined), sorted by reading.
func readingsOf(terms []Suggestion) []readingEntry {
	var out []readingEntry
	for _, t := range terms {
		if _, kana := KanaReading(t.Text); kana {
			continue // typed in kana, it completes by its own prefix
		}
		rs, err := analyzers.Terms(analyzers.Reading, t.Text)
		if err != nil || len(rs) == 0 {
			continue
		}
		r := strings.Join(rs, "")
		if _, kana := KanaReading(r); kana {
			out = append(out, readingEntry{reading: r, term: t})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].reading < out[j].reading })
	return out
}

// completeReading returns up to n terms whose reading starts with the
// katakana prefix, the most frequent first.
func (t *termTable) completeReading(prefix string, n int) []Suggestion {
	i := sort.Search(len(t.byReading), func(i int) bool { return t.byReading[i].reading >= prefix })
	var cands []Suggestion
	for ; i < len(t.byReading) && strings.HasPrefix(t.byReading[i].reading, prefix); i++ {
		cands = append(cands, t.byReading[i].term)
	}
	return topByCount(cands, n)
}

// topByCount returns the n most frequent of es (a copy, most frequent first).
func topByCount(es []Suggestion, n int) []Suggestion {
	out := append([]Suggestion(nil), es...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out[:min(len(out), n)]
}

// complete returns up to n terms starting with prefix, the most frequent first.
func (t *termTable) complete(prefix string, n int) []Suggestion {
	var cands []Suggestion
	if _, size := utf8.DecodeRuneInString(prefix); size == len(prefix) {
		cands = t.first[prefix]
	} else {
		i := sort.Search(len(t.sorted), func(i int) bool { return t.sorted[i].Text >= prefix })
		j := i
		for j < len(t.sorted) && strings.HasPrefix(t.sorted[j].Text, prefix) {
			j++
		}
		cands = topByCount(t.sorted[i:j], n+1)
	}
	out := make([]Suggestion, 0, n)
	for _, c := range cands {
		if c.Text != prefix && len(out) < n {
			out = append(out, c)
		}
	}
	return out
}

// Suggestion is one completion for search as you type.
type Suggestion struct {
	Text  string `json:"text"`
	Kind  string `json:"kind"`  // "term" or "title"
	Count int    `json:"count"` // passages (terms) or 1 (titles)
}

// Suggest returns up to n completions of the folded prefix: terms shown
// as the text writes them (sample counts how the first passages holding a
// term write it; see Surface), then titles.
func (v *Vocabulary) Suggest(folded string, n int, sample func(term string) map[string]int) []Suggestion {
	terms := v.displayed(v.termSuggestions(folded, n), sample)
	if r, ok := KanaReading(folded); ok {
		terms = unique(append(terms, v.displayed(v.readingSuggestions(r, folded, n), sample)...))
		sort.SliceStable(terms, func(i, j int) bool { return terms[i].Count > terms[j].Count })
	}
	titles := without(v.titleSuggestions(folded, n+len(terms)), terms)
	nt := min(len(titles), (n+2)/3)
	if len(terms) < n-nt {
		nt = min(len(titles), n-len(terms))
	}
	out := append([]Suggestion{}, terms[:min(len(terms), n-nt)]...)
	return append(out, titles[:nt]...)
}

// readingSuggestions completes a kana prefix by the terms' readings,
// leaving out the terms that start with the prefix itself (found already).
func (v *Vocabulary) readingSuggestions(reading, folded string, n int) []Suggestion {
	tt := v.terms
	if tt == nil {
		return nil
	}
	var out []Suggestion
	for _, t := range tt.completeReading(reading, n+1) {
		if !strings.HasPrefix(t.Text, folded) {
			out = append(out, t)
		}
	}
	return out
}

// unique drops the suggestions whose folded text came earlier in ss.
func unique(ss []Suggestion) []Suggestion {
	seen := map[string]bool{}
	out := ss[:0:0]
	for _, x := range ss {
		if k := analyzers.Fold(x.Text); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

// without drops from ss the suggestions equal to one of other (folded).
func without(ss, other []Suggestion) []Suggestion {
	drop := map[string]bool{}
	for _, x := range other {
		drop[analyzers.Fold(x.Text)] = true
	}
	var out []Suggestion
	for _, x := range ss {
		if !drop[analyzers.Fold(x.Text)] {
			out = append(out, x)
		}
	}
	return out
}

// termSuggestions reads the text field's dictionary under prefix. An alias
// over several indexes has no single dictionary: it then suggests none.
func (v *Vocabulary) termSuggestions(prefix string, n int) []Suggestion {
	tt := v.terms
	if tt != nil {
		return tt.complete(prefix, n)
	}
	if v.src.Prefix == nil {
		return nil
	}
	d, err := v.src.Prefix(indexer.FieldText, []byte(prefix))
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
func (v *Vocabulary) titleSuggestions(prefix string, n int) []Suggestion {
	ts := v.titles
	// titles starting with prefix are a range of the sorted list
	i := sort.Search(len(ts), func(i int) bool { return ts[i].folded >= prefix })
	var hits []titleEntry
	for ; i < len(ts) && strings.HasPrefix(ts[i].folded, prefix) && len(hits) < 4*n; i++ {
		hits = append(hits, ts[i])
	}
	byLength(hits)
	if len(hits) < n { // then titles containing it, enough to choose the shortest
		var more []titleEntry
		for _, t := range ts {
			if len(more) >= 4*n {
				break
			}
			if strings.Contains(t.folded, prefix) && !strings.HasPrefix(t.folded, prefix) {
				more = append(more, t)
			}
		}
		byLength(more)
		hits = append(hits, more...)
	}
	out := make([]Suggestion, 0, min(len(hits), n))
	for _, t := range hits[:min(len(hits), n)] {
		out = append(out, Suggestion{Text: t.title, Kind: "title", Count: 1})
	}
	return out
}

func byLength(ts []titleEntry) {
	sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].title) < len(ts[j].title) })
}
