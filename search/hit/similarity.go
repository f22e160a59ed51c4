package hit

import (
	"math"
	"slices"
	"sort"
	"unicode/utf8"

	"seisaku/analyzers"
)

// Weighted is a term of a passage with its weight there.
type Weighted struct {
	Term   string
	Weight float64 // (1+ln tf)·idf in the source
	IDF    float64
}

// Similarity weighs terms by their rarity in an index: how precedents
// (類似の取り組み) are found, ranked and explained.
type Similarity struct {
	docFreq func(term string) int // passages holding term
	total   float64               // passages in the index
	idfs    map[string]float64
}

// NewSimilarity weighs terms by docFreq over total passages.
func NewSimilarity(docFreq func(string) int, total uint64) *Similarity {
	return &Similarity{docFreq: docFreq, total: float64(max(total, 1)), idfs: map[string]float64{}}
}

// idf is ln(N/df) for a term held by df passages (a term of no passage
// counts as held by one).
func (s *Similarity) idf(term string) float64 {
	if v, ok := s.idfs[term]; ok {
		return v
	}
	v := math.Log(s.total / float64(max(s.docFreq(term), 1)))
	s.idfs[term] = max(v, 0)
	return s.idfs[term]
}

// generic reports whether a term of that idf is held by more than √N
// passages.
func (s *Similarity) generic(idf float64) bool { return idf < math.Log(s.total)/2 }

// vector is the weighted terms of text: (1+ln tf)·idf for each term of two
// or more characters.
func (s *Similarity) vector(text string) map[string]float64 {
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

// Distinctive returns the passage's most distinctive morph terms, best
// first, but for the name of its city (大阪 of 大阪市: a passage elsewhere
// that names it is not about the same thing).
func (s *Similarity) Distinctive(text, city string, n int) []Weighted {
	own, _ := analyzers.Terms(analyzers.MorphQuery, city)
	var ws []Weighted
	for t, w := range s.vector(text) {
		if !slices.Contains(own, t) {
			ws = append(ws, Weighted{t, w, s.idf(t)})
		}
	}
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].Weight != ws[j].Weight {
			return ws[i].Weight > ws[j].Weight
		}
		return ws[i].Term < ws[j].Term
	})
	return ws[:min(len(ws), n)]
}

// Shown is the terms of ws that are not generic, rarest first: the words a
// precedent is shown to share.
func (s *Similarity) Shown(ws []Weighted) []string {
	ws = slices.Clone(ws)
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].IDF > ws[j].IDF })
	var out []string
	for _, w := range ws {
		if !s.generic(w.IDF) {
			out = append(out, w.Term)
		}
	}
	return out
}

// Cosine is the cosine of the source's distinctive terms ws and the
// weighted terms of text.
func (s *Similarity) Cosine(ws []Weighted, text string) float64 {
	v := s.vector(text)
	var dot, a, b float64
	for _, w := range ws {
		dot += w.Weight * v[w.Term]
		a += w.Weight * w.Weight
	}
	for _, x := range v {
		b += x * x
	}
	if a == 0 || b == 0 {
		return 0
	}
	return dot / math.Sqrt(a*b)
}
