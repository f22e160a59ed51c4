// Package engine answers a page of a search (by relevance, year or date)
// by reading bleve's scorch segments directly, without bleve's searchers,
// which have no top-k pruning and visit every matching passage through
// every searcher of the query (tens of thousands for a common word). It
// computes bleve's own answer:
//
//  1. the exact set of matching passages, as roaring bitmaps over the
//     postings, gives the total and the facet counts (AND, OR and NOT are
//     bitmap operations; only a phrase reads positions, once per segment);
//  2. a first phase scores every match with bleve's TF-IDF in float32 and
//     keeps a pool of the best (after the sort field, if any), ties by
//     passage ID as bleve breaks them;
//  3. the pool is scored again exactly, ordered, and the page gets its
//     stored fields and term locations.
//
// A query is compiled (Compile) into a tree of nodes, one type per kind of
// clause (term, phrase, conjunction, disjunction, "at least k of n",
// boolean, fiscal-year range, keyword prefix — the empty prefix is "has a
// value", under a MustNot the filter for a facet's unknown value), each
// holding its matching,
// first-phase scoring, exact scoring and locations together. Search is the
// one call: segments (View), a compiled query and a Page request in, the
// total, the facet counts and the ranked page out. A query or index it
// cannot serve gives an error wrapping ErrUnsupported that says why; the
// caller then runs the query through bleve.
//
// With Page.Distinct the pool holds the best passage of each of the best
// documents by the first phase, and all their matching passages are scored
// exactly. The Engine owns a bounded cache of what it decodes from the
// immutable segments (postings, phrase matches, facet values per passage)
// and the passage ID order of the current snapshot.
//
// search's TestFastPathAgrees holds the package to bleve's answers:
// totals, facets, hits, order, scores and highlights.
package engine
