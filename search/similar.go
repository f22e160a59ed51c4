package search

import (
	"context"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

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
	total, _ := s.runner.idx.DocCount()
	sim := hit.NewSimilarity(s.runner.docFreq, total)
	terms := sim.Distinctive(res.Source.Text, res.Source.City, similarTerms)
	if len(terms) > 0 {
		req := bleve.NewSearchRequestOptions(similarQuery(terms, res.Source.DocID), max(n*4, similarCandidates), 0, false)
		req.Fields = storedFields
		req.IncludeLocations = true
		sr, err := s.runner.run(ctx, req)
		if err != nil {
			return nil, err
		}
		res.TotalHits = int(sr.Total)
		if err := s.runner.withDocuments(ctx, sr.Hits); err != nil {
			return nil, err
		}
		shown := sim.Shown(terms)
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
			hits[i].Score = sim.Cosine(terms, hits[i].Text)
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

// similarQuery is the disjunction of the weighted terms, each boosted by
// weight·idf, two of them required, outside document docID.
func similarQuery(ws []hit.Weighted, docID string) query.Query {
	var qs []query.Query
	for _, w := range ws {
		qs = append(qs, termQuery(indexer.FieldText, w.Term, w.Weight*w.IDF))
	}
	dq := query.NewDisjunctionQuery(qs)
	dq.SetMin(float64(min(2, len(qs))))
	bq := query.NewBooleanQuery([]query.Query{dq}, nil, nil)
	bq.AddMustNot(termQuery(indexer.FieldDocID, docID, 1))
	return bq
}
