package search

import (
	"context"
	"math"
	"slices"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer"
	"seisaku/search/hit"
)

// Similar finds precedents for a passage: the most similar passages of
// other documents, from other cities and departments first.
//
// Method (a small "more like this"): the passage text is analysed with the
// morphological analyzer; each distinct term of two or more characters is
// weighted by its rarity, idf = ln(N/df) with the document frequency df read
// from the index's term dictionary over its N passages, times 1+ln(tf). A
// term held by more than √N passages (idf under half the largest) is
// generic: in a 運営方針 or a 事務事業 sheet 施策, 推進, 連携, 課題, 取組,
// 実施, 事業 are everywhere. The top similarTerms terms become a
// disjunction of term queries on the text field, boosted by weight·idf, of
// which at least two must match (a candidate sharing 多文化 and 共生 is
// one), outside the passage's own document
// (MustNot on doc_id). The best candidates are scored again by the cosine
// of their idf-weighted terms and the source's, so a term counts by its
// rarity squared (a generic one a few times less than a distinctive one)
// and a long passage does not win by holding many words.
//
// They are then ordered as the panel promises (hit.Precedents): passages of
// another city first, then of another department of the same city, then
// the rest, each group by similarity; a candidate that shares no
// distinctive term, or is less than a quarter as similar as the best, goes
// last (a passage elsewhere that shares one place name does not hide a
// close one next door). Each precedent says why it is similar: where
// it comes from (Elsewhere) and the distinctive words it shares, rarest
// first, as its text writes them; its _formatted text marks them.
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
	sim := newSimilarity(s.runner)
	terms := sim.distinctive(res.Source.Text, res.Source.City)
	if len(terms) > 0 {
		req := bleve.NewSearchRequestOptions(similarQuery(terms, res.Source.DocID), max(n*4, similarCandidates), 0, false)
		req.Fields = storedFields
		req.IncludeLocations = true
		sr, err := s.runner.run(ctx, req)
		if err != nil {
			return nil, err
		}
		res.TotalHits = int(sr.Total)
		shown := sim.shown(terms)
		for _, m := range sr.Hits { // mark and list the distinctive terms only
			if locs := m.Locations[indexer.FieldText]; locs != nil {
				for t := range locs {
					if !slices.Contains(shown, t) {
						delete(locs, t)
					}
				}
			}
		}
		hits := p.hits(sr.Hits)
		for i := range hits {
			hits[i].Score = sim.cosine(terms, hits[i].Text)
		}
		res.Hits = hit.Precedents(res.Source, hits, sr.Hits, shown)
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

const (
	similarTerms      = 20
	similarCandidates = 50 // candidates scored again at least
)

type weighted struct {
	term   string
	weight float64 // (1+ln tf)·idf in the source
	idf    float64
}

// similarity weighs terms by their rarity in the index.
type similarity struct {
	rn    *runner
	total float64 // passages in the index
	idfs  map[string]float64
}

func newSimilarity(rn *runner) *similarity {
	total, _ := rn.idx.DocCount()
	return &similarity{rn: rn, total: float64(max(total, 1)), idfs: map[string]float64{}}
}

// idf is ln(N/df) for a term held by df passages (a term of no passage
// counts as held by one).
func (s *similarity) idf(term string) float64 {
	if v, ok := s.idfs[term]; ok {
		return v
	}
	v := math.Log(s.total / float64(max(s.rn.docFreq(term), 1)))
	s.idfs[term] = max(v, 0)
	return s.idfs[term]
}

// generic reports whether a term of that idf is held by more than √N
// passages.
func (s *similarity) generic(idf float64) bool { return idf < math.Log(s.total)/2 }

// vector is the weighted terms of text: (1+ln tf)·idf for each term of two
// or more characters.
func (s *similarity) vector(text string) map[string]float64 {
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
	v := make(map[string]float64, len(tf))
	for t, f := range tf {
		v[t] = (1 + math.Log(float64(f))) * s.idf(t)
	}
	return v
}

// distinctive returns the passage's most distinctive morph terms, best
// first, but for the name of its city (大阪 of 大阪市: a passage elsewhere
// that names it is not about the same thing).
func (s *similarity) distinctive(text, city string) []weighted {
	own, _ := analyzers.Terms(analyzers.MorphQuery, city)
	var ws []weighted
	for t, w := range s.vector(text) {
		if !slices.Contains(own, t) {
			ws = append(ws, weighted{t, w, s.idf(t)})
		}
	}
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].weight != ws[j].weight {
			return ws[i].weight > ws[j].weight
		}
		return ws[i].term < ws[j].term
	})
	return ws[:min(len(ws), similarTerms)]
}

// shown is the terms of ws that are not generic, rarest first: the words a
// precedent is shown to share.
func (s *similarity) shown(ws []weighted) []string {
	ws = slices.Clone(ws)
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].idf > ws[j].idf })
	var out []string
	for _, w := range ws {
		if !s.generic(w.idf) {
			out = append(out, w.term)
		}
	}
	return out
}

// cosine is the cosine of the source's distinctive terms ws and the
// weighted terms of text.
func (s *similarity) cosine(ws []weighted, text string) float64 {
	v := s.vector(text)
	var dot, a, b float64
	for _, w := range ws {
		dot += w.weight * v[w.term]
		a += w.weight * w.weight
	}
	for _, x := range v {
		b += x * x
	}
	if a == 0 || b == 0 {
		return 0
	}
	return dot / math.Sqrt(a*b)
}

// similarQuery is the disjunction of the weighted terms, each boosted by
// weight·idf, two of them required, outside document docID.
func similarQuery(ws []weighted, docID string) query.Query {
	var qs []query.Query
	for _, w := range ws {
		qs = append(qs, termQuery(indexer.FieldText, w.term, w.weight*w.idf))
	}
	dq := query.NewDisjunctionQuery(qs)
	dq.SetMin(float64(min(2, len(qs))))
	bq := query.NewBooleanQuery([]query.Query{dq}, nil, nil)
	bq.AddMustNot(termQuery(indexer.FieldDocID, docID, 1))
	return bq
}
