package search

import (
	"context"
	"html"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/hit"
	"seisaku/search/internal/vocab"
)

// Similar finds precedents for a passage: the most similar passages of
// other documents, from other cities and departments first.
//
// Method (a small "more like this"): the passage text is analysed with the
// morphological analyzer; each distinct term of two or more characters is
// weighted tf·idf, with the document frequency read from the index's term
// dictionary; the top similarTerms terms become a disjunction of term
// queries on the text field, boosted by their weight, of which at least a
// quarter must match. The passage's own document is excluded (MustNot on
// doc_id). The best 4n candidates are then ordered for a member of staff
// who starts from a passage of their own city: passages of another city
// first, then of another department of the same city, then the rest (a
// city or department that is unknown on either side is not "another"),
// each group by score; a candidate scoring under a third of the best one
// goes last whatever its place, so a weak match elsewhere does not hide a
// close one next door. Each precedent says why it is similar: where it
// comes from (Elsewhere) and the source's distinctive words it shares, as
// its text writes them, most distinctive first; its _formatted text marks
// them.
func (s *Searcher) Similar(ctx context.Context, passageID string, n int) (*SimilarResult, error) {
	start := time.Now()
	if n == 0 {
		n = 10
	}
	if n < 1 || n > MaxHitsPerPage {
		return nil, Errorf(EInvalid, "件数は1〜%dです (n must be 1..%d)", MaxHitsPerPage, MaxHitsPerPage)
	}
	src, err := s.runner.passage(ctx, passageID)
	if err != nil {
		return nil, err
	}
	p := &spec{page: 1, hitsPerPage: n, marker: hit.Marker{Pre: "<mark>", Post: "</mark>", Crop: 120}}
	res := &SimilarResult{Query: passageID, Source: p.marker.Hit(src), Hits: []Precedent{}}
	terms := distinctive(s.runner, res.Source.Text)
	if len(terms) > 0 {
		req := bleve.NewSearchRequestOptions(similarQuery(terms, res.Source.DocID), n*4, 0, false)
		req.Fields = storedFields
		req.IncludeLocations = true
		sr, err := s.runner.run(ctx, req)
		if err != nil {
			return nil, err
		}
		res.TotalHits = int(sr.Total)
		res.Hits = precedents(res.Source, p.hits(sr.Hits), sr.Hits, terms)
		res.Hits = res.Hits[:min(len(res.Hits), n)]
	}
	res.ProcessingTimeMs = time.Since(start).Milliseconds()
	return res, nil
}

// SimilarResult is the answer of Similar: the source passage and its
// precedents, best first.
type SimilarResult struct {
	Query            string      `json:"query"` // the source passage ID
	Source           Hit         `json:"source"`
	Hits             []Precedent `json:"hits"`
	TotalHits        int         `json:"totalHits"` // candidates that matched
	ProcessingTimeMs int64       `json:"processingTimeMs"`
}

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

// precedents orders the candidate hits (ms holds their matches) for the
// source and says why each is similar.
func precedents(src Hit, hits []Hit, ms bsearch.DocumentMatchCollection, terms []weighted) []Precedent {
	best := 0.0
	for _, h := range hits {
		best = max(best, h.Score)
	}
	out := make([]Precedent, len(hits))
	rank := make([]int, len(hits))
	for i, h := range hits {
		out[i] = Precedent{Hit: h, Elsewhere: elsewhere(src, h), Shared: shared(h.Text, plainText(h.Formatted.Text), ms[i], terms)}
		rank[i] = map[string]int{"city": 2, "department": 1}[out[i].Elsewhere]
		if h.Score < best/3 {
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

// shared lists the weighted terms the match holds in its text, most
// distinctive first, as this text writes them (its own locations; see
// vocab.BestSurface). A term the text only inflects (行う in 行わ) is left out:
// the shared word would be a fragment or a form the passage does not hold.
//
// Only the words the shown (cropped) snippet holds are listed, each once.
func shared(text, shown string, m *bsearch.DocumentMatch, terms []weighted) []string {
	locs := m.Locations[indexer.FieldText]
	out := []string{}
	for _, t := range terms {
		count := map[string]int{}
		for _, l := range locs[t.term] {
			if l.Start < l.End && int(l.End) <= len(text) {
				count[text[l.Start:l.End]]++
			}
		}
		w := vocab.BestSurface(t.term, count)
		if len(count) > 0 && asWritten(w, t.term) && strings.Contains(shown, w) && !slices.Contains(out, w) && len(out) < maxShared {
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

const similarTerms = 20

type weighted struct {
	term   string
	weight float64
}

// distinctive returns the passage's most distinctive morph terms, best
// first.
func distinctive(rn *runner, text string) []weighted {
	// the query analyzer: one term per word, its okurigana-free form, which
	// the index holds beside the written one (取り組み counts once, as 取組)
	ts, err := analyzers.Terms(analyzers.MorphQuery, text)
	if err != nil {
		return nil
	}
	tf := map[string]int{}
	for _, t := range ts {
		if utf8.RuneCountInString(t) >= 2 {
			tf[t]++
		}
	}
	total, _ := rn.idx.DocCount()
	var ws []weighted
	for t, f := range tf {
		df := rn.docFreq(t)
		idf := 1 + math.Log(float64(total+1)/float64(df+1))
		ws = append(ws, weighted{t, float64(f) * idf})
	}
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].weight != ws[j].weight {
			return ws[i].weight > ws[j].weight
		}
		return ws[i].term < ws[j].term
	})
	return ws[:min(len(ws), similarTerms)]
}

// similarQuery is the disjunction of the weighted terms, a quarter of them
// required, outside document docID.
func similarQuery(ws []weighted, docID string) query.Query {
	var qs []query.Query
	for _, w := range ws {
		qs = append(qs, termQuery(indexer.FieldText, w.term, w.weight))
	}
	dq := query.NewDisjunctionQuery(qs)
	dq.SetMin(float64(max(1, len(qs)/4)))
	bq := query.NewBooleanQuery([]query.Query{dq}, nil, nil)
	bq.AddMustNot(termQuery(indexer.FieldDocID, docID, 1))
	return bq
}
