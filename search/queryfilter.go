package search

import (
	"time"

	"github.com/blevesearch/bleve/v2/search/query"

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
