package hit

import (
	"html"
	"regexp"
	"slices"
	"sort"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/internal/vocab"
)

// Precedent is a passage similar to the source, and why.
type Precedent struct {
	Hit
	// Elsewhere is "city" for a passage of another city, "department" for
	// one of another department of the same (or an unknown) city, "" else.
	Elsewhere string `json:"elsewhere"`
	// Shared are the source's distinctive words the passage holds.
	Shared []string `json:"sharedWords"`
}

// maxShared bounds the shared words listed per precedent.
const maxShared = 8

// Precedents orders the candidate hits (ms holds their matches) for the
// source and says why each is similar: terms are the source's distinctive
// terms, rarest first (ms locates no others). Passages of another city come
// first, then of another department of the same city, then the rest, each
// group by score; a candidate that shares none of terms, or scores under a
// quarter of the best, goes last.
func Precedents(src Hit, hits []Hit, ms bsearch.DocumentMatchCollection, terms []string) []Precedent {
	best := 0.0
	for _, h := range hits {
		best = max(best, h.Score)
	}
	out := make([]Precedent, len(hits))
	rank := make([]int, len(hits))
	for i, h := range hits {
		out[i] = Precedent{Hit: h, Elsewhere: elsewhere(src, h), Shared: shared(h.Text, plainText(h.Formatted.Text), ms[i], terms)}
		rank[i] = map[string]int{"city": 2, "department": 1}[out[i].Elsewhere]
		if !sharesAny(ms[i], terms) || h.Score < best/4 {
			rank[i] = -1
		}
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if rank[i] != rank[j] {
			return rank[i] > rank[j]
		}
		return out[i].Score > out[j].Score
	})
	sorted := make([]Precedent, len(out))
	for k, i := range idx {
		sorted[k] = out[i]
	}
	return sorted
}

// sharesAny reports whether the match holds one of terms in its text.
func sharesAny(m *bsearch.DocumentMatch, terms []string) bool {
	locs := m.Locations[indexer.FieldText]
	for _, t := range terms {
		if len(locs[t]) > 0 {
			return true
		}
	}
	return false
}

// elsewhere says how h's origin differs from the source's, when both are
// known.
func elsewhere(src, h Hit) string {
	differ := func(a, b string) bool { return a != "" && b != "" && a != b }
	switch {
	case differ(src.City, h.City):
		return "city"
	case differ(src.Department, h.Department):
		return "department"
	}
	return ""
}

// shared lists the terms the match holds in its text, most
// distinctive first, as this text writes them (its own locations; see
// vocab.BestSurface). A term the text only inflects (行う in 行わ) is left out:
// the shared word would be a fragment or a form the passage does not hold.
//
// Only the words the shown (cropped) snippet holds are listed, each once.
func shared(text, shown string, m *bsearch.DocumentMatch, terms []string) []string {
	locs := m.Locations[indexer.FieldText]
	out := []string{}
	for _, t := range terms {
		count := map[string]int{}
		for _, l := range locs[t] {
			if end := l.Start + l.End; l.End > 0 && int(end) <= len(text) { // End: the length (analyzers.TextIndex)
				count[text[l.Start:end]]++
			}
		}
		w := vocab.BestSurface(t, count)
		if len(count) > 0 && asWritten(w, t) && strings.Contains(shown, w) && !slices.Contains(out, w) && len(out) < maxShared {
			out = append(out, w)
		}
	}
	return out
}

// asWritten reports whether w is term in its dictionary form: the term
// itself (not 行わ for 行う), or a word with okurigana whose okurigana-free
// form is term (取り組み for 取組).
func asWritten(w, term string) bool {
	if analyzers.Fold(w) == term {
		return true
	}
	ts, err := analyzers.Terms(analyzers.Morph, w)
	return err == nil && len(ts) == 2 && ts[0] == analyzers.Fold(w) && ts[1] == term
}

// plainText is highlighted, escaped text as it reads: marks removed,
// character references decoded.
func plainText(formatted string) string {
	return html.UnescapeString(markTag.ReplaceAllString(formatted, ""))
}

var markTag = regexp.MustCompile(`</?mark>`)
