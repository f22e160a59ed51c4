package search

import (
	"context"
	"math"
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
		res.Hits = hit.Precedents(res.Source, p.hits(sr.Hits), sr.Hits, termsOf(terms))
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

// termsOf is the terms of ws, in order.
func termsOf(ws []weighted) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.term
	}
	return out
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
