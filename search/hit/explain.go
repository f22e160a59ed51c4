package hit

import (
	"slices"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/plan"
)

// Why a hit matched. Every hit says, for each positive query word, how the
// passage holds it: as typed (exact), by its kana reading (reading), by a
// spelling variant or synonym of the Sudachi dictionary (variant, synonym),
// by some of its parts in a relaxed search (parts), only through the policy
// theme the word names (theme), or not at all (missing, in a relaxed
// search). Match.Kind sums it up for the list: exact when every word is
// there as typed or by reading, theme when the rest is theme only,
// synonym when variants or synonyms stand in, relaxed when parts stand in
// or a word is missing.

// Match explains one hit.
type Match struct {
	Kind  string      `json:"kind"` // exact, synonym, theme or relaxed
	Words []WordMatch `json:"words"`
}

// WordMatch is how a hit holds one query word.
type WordMatch struct {
	Word  string   `json:"word"`
	How   string   `json:"how"`             // exact, reading, variant, synonym, parts, theme, missing
	Terms []string `json:"terms,omitempty"` // what stood in: the variant, the parts found, the theme and its words found
}

// explain says how h (with its term locations and its text folded) holds
// each word.
func explain(words []plan.Word, h *Hit, text *analyzers.Folded, locs bsearch.FieldTermLocationMap) *Match {
	if len(words) == 0 {
		return nil
	}
	hay := haystack{text: text, meta: analyzers.NewFolded(h.Title + "\n" + strings.Join(h.Headings, "\n"))}
	m := &Match{Words: make([]WordMatch, 0, len(words))}
	for _, w := range words {
		m.Words = append(m.Words, explainWord(w, hay, h.IssueTypes, locs))
	}
	m.Kind = matchKind(m.Words)
	return m
}

func explainWord(w plan.Word, hay haystack, themes []string, locs bsearch.FieldTermLocationMap) WordMatch {
	wm := WordMatch{Word: w.Text}
	switch {
	case found(hay, w.Text):
		wm.How = "exact"
		return wm
	case len(readingRuns(locs, w.Readings)) > 0:
		wm.How = "reading"
		return wm
	}
	for _, a := range w.Alts {
		if found(hay, a.Text) {
			wm.How, wm.Terms = a.Relation.String(), []string{a.Text}
			return wm
		}
	}
	var parts []string
	for _, p := range w.Parts {
		if (p.Field == indexer.FieldText && anyLocated(locs, []string{indexer.FieldText, indexer.FieldTitle, indexer.FieldHeadings}, []string{p.Term})) ||
			(p.Field == indexer.FieldTextBigram && found(hay, p.Term)) {
			parts = append(parts, p.Term)
		}
	}
	switch {
	case len(parts) > 0:
		wm.How, wm.Terms = "parts", parts
	case w.Theme != "" && slices.Contains(themes, w.Theme):
		wm.How, wm.Terms = "theme", []string{w.Theme}
		for _, t := range w.ThemeWords {
			if found(hay, t) {
				wm.Terms = append(wm.Terms, t)
			}
		}
	default:
		wm.How = "missing"
	}
	return wm
}

func matchKind(ws []WordMatch) string {
	kind := "exact"
	for _, w := range ws {
		switch w.How {
		case "parts", "missing":
			return "relaxed"
		case "variant", "synonym":
			kind = "synonym"
		case "theme":
			if kind == "exact" {
				kind = "theme"
			}
		}
	}
	return kind
}

// haystack is what a hit shows: its title and headings, and its text.
type haystack struct{ meta, text *analyzers.Folded }

func found(hay haystack, word string) bool {
	return len(hay.text.Find(word)) > 0 || len(hay.meta.Find(word)) > 0
}

func anyLocated(locs bsearch.FieldTermLocationMap, fields, terms []string) bool {
	for _, f := range fields {
		for _, t := range terms {
			if len(locs[f][t]) > 0 {
				return true
			}
		}
	}
	return false
}

// themeSpans marks, in a hit that holds a word only through its theme, the
// words of the theme the passage holds (the reason it was tagged).
func themeSpans(m *Match, text *analyzers.Folded) []span {
	if m == nil {
		return nil
	}
	var out []span
	for _, w := range m.Words {
		if w.How != "theme" {
			continue
		}
		for _, t := range w.Terms[1:] {
			for _, r := range text.Find(t) {
				out = append(out, span{r[0], r[1]})
			}
		}
	}
	return out
}
