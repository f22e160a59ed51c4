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
)

// Similar finds precedents for a passage: the most similar passages of
// other documents, preferring other cities and departments.
//
// Method (a small "more like this"): the passage text is analysed with the
// morphological analyzer; each distinct term of two or more characters is
// weighted tf·idf, with the document frequency read from the index's term
// dictionary; the top similarTerms terms become a disjunction of term
// queries on the text field, boosted by their weight, of which at least a
// quarter must match. The passage's own document is excluded (MustNot on
// doc_id). The best candidates are then re-ranked: a passage from another
// city scores ×1.5, from another department ×1.2, so a precedent elsewhere
// outranks a near-duplicate next door.
func (s *Searcher) Similar(ctx context.Context, passageID string, n int) (*Result, error) {
	start := time.Now()
	if n == 0 {
		n = 10
	}
	if n < 1 || n > MaxHitsPerPage {
		return nil, Errorf(EInvalid, "件数は1〜%dです (n must be 1..%d)", MaxHitsPerPage, MaxHitsPerPage)
	}
	src, err := s.passage(ctx, passageID)
	if err != nil {
		return nil, err
	}
	terms := s.distinctive(str(src.Fields[indexer.FieldText]))
	if len(terms) == 0 {
		return &Result{Hits: []Hit{}, Page: 1, HitsPerPage: n}, nil
	}
	q := similarQuery(terms, str(src.Fields[indexer.FieldDocID]))
	p := &plan{page: 1, hitsPerPage: n, marker: marker{pre: "<mark>", post: "</mark>", crop: 120}}
	req := bleve.NewSearchRequestOptions(q, n*4, 0, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	sr, err := s.run(ctx, req)
	if err != nil {
		return nil, err
	}
	hits := p.hits(sr.Hits)
	city, dept := str(src.Fields[indexer.FieldCity]), str(src.Fields[indexer.FieldDepartment])
	for i := range hits {
		hits[i].Score *= elsewhere(hits[i].City, city, 1.5) * elsewhere(hits[i].Department, dept, 1.2)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	return &Result{
		Query: passageID, Hits: hits[:min(len(hits), n)], TotalHits: int(sr.Total),
		TotalPages: 1, Page: 1, HitsPerPage: n, ProcessingTimeMs: time.Since(start).Milliseconds(),
	}, nil
}

// elsewhere is the bonus factor when a known value differs from the source's.
func elsewhere(v, src string, bonus float64) float64 {
	if v != "" && src != "" && v != src {
		return bonus
	}
	return 1
}

// passage loads one passage's stored fields.
func (s *Searcher) passage(ctx context.Context, id string) (*struct{ Fields map[string]any }, error) {
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = storedFields
	sr, err := s.run(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(sr.Hits) == 0 {
		return nil, Errorf(ENotFound, "段落 %s は見つかりません (no passage %q)", id, id)
	}
	return &struct{ Fields map[string]any }{sr.Hits[0].Fields}, nil
}

const similarTerms = 20

type weighted struct {
	term   string
	weight float64
}

// distinctive returns the passage's most distinctive morph terms, best
// first.
func (s *Searcher) distinctive(text string) []weighted {
	ts, err := analyzers.Terms(analyzers.Morph, text)
	if err != nil {
		return nil
	}
	tf := map[string]int{}
	for _, t := range ts {
		if utf8.RuneCountInString(t) >= 2 {
			tf[t]++
		}
	}
	total, _ := s.idx.DocCount()
	var ws []weighted
	for t, f := range tf {
		df := s.docFreq(t)
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

// docFreq is the number of passages whose text holds term (0 when the index
// cannot say, e.g. an alias over several indexes).
func (s *Searcher) docFreq(term string) int {
	d, err := s.idx.FieldDictRange(indexer.FieldText, []byte(term), []byte(term))
	if err != nil {
		return 0
	}
	defer d.Close()
	for {
		e, err := d.Next()
		if err != nil || e == nil {
			return 0
		}
		if e.Term == term {
			return int(e.Count)
		}
	}
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
