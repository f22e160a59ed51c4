package search

import (
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"seisaku/analyzers"
	"seisaku/indexer"
)

// excludeFacets adds the query's facet exclusions (-city:倉敷市) to the
// query b.build made: a BooleanQuery, or MatchAll for a query of filters
// alone.
func excludeFacets(q query.Query, pq *Query) query.Query {
	not := anyOf(indexer.FieldCity, pq.Excluded("city"))
	notDept := anyOf(indexer.FieldDepartment, pq.Excluded("department"))
	if not == nil && notDept == nil {
		return q
	}
	bq, ok := q.(*query.BooleanQuery)
	if !ok {
		bq = query.NewBooleanQuery([]query.Query{q}, nil, nil)
	}
	for _, n := range []query.Query{not, notDept} {
		if n != nil {
			bq.AddMustNot(n)
		}
	}
	return bq
}

// isCity reports whether word names a city of the index, and which.
func (s *Searcher) isCity(word string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.cities[analyzers.Fold(word)]
	return c, ok
}

// loadCities reads the city values of the index, by their folded form.
func loadCities(fieldDict func(string) (index.FieldDict, error)) map[string]string {
	m := map[string]string{}
	_ = eachTerm(fieldDict, indexer.FieldCity, func(e *index.DictEntry) {
		m[analyzers.Fold(e.Term)] = e.Term
	})
	return m
}

// nothing is the empty answer to a request whose filters cannot all hold.
func (s *Searcher) nothing(r Request, p *plan, start time.Time) *Result {
	res := &Result{Query: r.Q, Hits: []Hit{}, Page: p.page, HitsPerPage: p.hitsPerPage,
		QueryFilters: p.query.Filters, ProcessingTimeMs: time.Since(start).Milliseconds()}
	if len(p.facets) > 0 {
		res.FacetDistribution = map[string]map[string]int{}
		for _, f := range p.facets {
			res.FacetDistribution[f] = map[string]int{}
		}
	}
	return res
}
