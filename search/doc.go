// Package search turns a search request into a ranked, filtered, faceted and
// highlighted page of passages over a bleve index built by package indexer.
//
// A request flows one way through stages, each a package with a plain input
// and output, which Searcher only wires together (Searcher.Search):
//
//	query          the query language: words, phrases, OR, exclusions,
//	               filters written in the query, limits → a parsed Query
//	plan           what the query means against the index: fields, readings,
//	               variants and synonyms, themes, relaxation levels → a Plan
//	               of bleve queries and what each word became
//	run (run.go)   the plan's levels until one finds enough: through the
//	               fast path, internal/engine, which reads the segments
//	               directly, or bleve's searchers → matches, totals, facets
//	hit            matches → hits, highlighted, explained, cropped,
//	               diversified; facet counts; precedents
//
// and the result is annotated with how the query was matched (match counts,
// what a relaxed query lacks, もしかして corrections: relax.go,
// didyoumean.go). The index's words (titles, terms, readings, cities, the
// spelling index) are read once into a vocabulary (internal/vocab) that
// suggestions, もしかして and reading splits share; Refresh rereads it.
//
// The fast path answers relevance-, year- and date-ordered pages on scorch
// indexes with bleve's own answer. When it does not serve an index or a
// query it says why (an error wrapping engine.ErrUnsupported, counted by
// FastPathCounts and passed to SetFallbackHook) and bleve's searchers run
// the query.
//
// Facet counts cover the whole result; passages without a value are counted
// under "unknown" (Unknown). With Distinct "document" a page holds at most
// one passage (the best) per document; see runner.searchDistinct for how
// TotalHits is counted then. Errors are *Error with a code (errors.go) that
// search/web maps to HTTP statuses in one place.
package search
