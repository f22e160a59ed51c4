package search

import (
	"context"
	"errors"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/indexer"
	"seisaku/search/internal/engine"
)

// DefaultPostingsCacheBytes bounds the decoded postings a Searcher keeps.
const DefaultPostingsCacheBytes = engine.DefaultCacheBytes

// newEngine returns the fast path (package engine) for this schema.
func newEngine(cacheBytes int) *engine.Engine {
	return engine.New(engine.Config{
		CacheBytes: cacheBytes,
		Located:    []string{indexer.FieldText, indexer.FieldTitle, indexer.FieldHeadings},
		YearTerms:  indexer.FieldYearFacet,
	})
}

// view opens the current snapshots of the Searcher's indexes for the
// engine; close it after use.
func (rn *runner) view() (*engine.View, error) {
	if len(rn.members) > 0 {
		return engine.Open(rn.members...)
	}
	return engine.Open(rn.idx)
}

// fastPage is searchPage through the engine, for any page checkPage
// allows. An error wrapping engine.ErrUnsupported says why the engine
// does not serve the index or the query; the caller then lets bleve run
// it.
func (rn *runner) fastPage(ctx context.Context, q query.Query, p *spec) (*Result, error) {
	v, err := rn.view()
	if err != nil {
		return nil, err
	}
	defer v.Close()
	cq, err := rn.engine.Compile(q, rn.mapping())
	if err != nil {
		return nil, err
	}
	page := engine.Page{From: (p.page - 1) * p.hitsPerPage, Size: p.hitsPerPage, Distinct: p.distinct,
		Fields: storedFields, Terms: indexer.TermValuedFields, MinTotal: p.minTotal}
	switch p.sortBy {
	case "year":
		page.Sort = &engine.SortField{Field: indexer.FieldYearFacet, Year: true}
	case "date":
		page.Sort = &engine.SortField{Field: indexer.FieldPublished}
	}
	for _, name := range p.facets {
		f, _ := indexer.FacetNamed(name)
		page.Facets = append(page.Facets, engine.FacetField{Name: name, Field: f.Field, Size: f.Size})
	}
	er, err := rn.engine.Search(ctx, v, cq, page)
	if err != nil {
		if ctx.Err() != nil {
			return nil, canceled(ctx)
		}
		return nil, err
	}
	ms := bsearch.DocumentMatchCollection(er.Hits)
	if err := rn.completeMatches(ms); err != nil {
		return nil, err
	}
	if err := rn.withDocuments(ctx, ms); err != nil {
		return nil, err
	}
	res := &Result{TotalHits: er.Total, Hits: p.hits(ms)}
	if len(p.facets) > 0 {
		res.FacetDistribution = map[string]map[string]int{}
		for name, fc := range er.Facets {
			d := fc.Terms
			if fc.Missing > 0 {
				d[indexer.Unknown] += fc.Missing
			}
			res.FacetDistribution[name] = d
		}
	}
	return res, nil
}

// fastOrFallback runs fastPage and tells apart an answer (ok), a failure
// (err) and a query or index the engine does not serve, which it counts
// and reports to the fallback hook before the caller lets bleve run it.
func (rn *runner) fastOrFallback(ctx context.Context, q query.Query, p *spec) (res *Result, ok bool, err error) {
	res, err = rn.fastPage(ctx, q, p)
	if errors.Is(err, engine.ErrUnsupported) {
		rn.fallbacks.Add(1)
		if rn.onFallback != nil {
			rn.onFallback(err)
		}
		return nil, false, nil
	}
	return res, err == nil, err
}

// canceled reports a canceled or timed-out request as bleve's path does.
func canceled(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return &Error{Code: EInternal, Message: "検索が中断されました (search canceled)", Err: err}
	}
	return nil
}

// mapping is the index mapping (the same for every index of a NewMulti).
func (rn *runner) mapping() mapping.IndexMapping {
	if len(rn.members) > 0 {
		return rn.members[0].Mapping()
	}
	return rn.idx.Mapping()
}
