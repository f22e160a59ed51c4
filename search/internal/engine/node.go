package engine

import (
	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// node is a compiled query clause. Each kind of clause is one type that
// holds, next to each other, how it matches (exact), how the first phase
// scores it (first) and how it is scored exactly with its locations
// (prepare, score), with bleve's semantics for the query it comes from.
type node interface {
	// String renders the node compactly, for tests and debugging.
	String() string
	// costly reports whether matching reads positions (a phrase, the
	// first time in a segment): such nodes go after the cheap ones.
	costly() bool
	// exact returns the members of cand that the node matches.
	exact(e *segEval, cand *roaring.Bitmap) (*roaring.Bitmap, error)
	// first returns the members of cand that the node matches, as far as
	// the first phase can tell, and an array of their scores by document
	// number.
	first(f *firstPhase, cand *roaring.Bitmap) (*roaring.Bitmap, []float32, error)
	// prepare loads what score needs for the passages of a pool and adds
	// the node's terms to the query norm.
	prepare(r *rescorer) error
	// score returns passage num's exact score and whether the node
	// matches it; with locs, it adds the locations of the matched terms.
	score(r *rescorer, num uint64, locs bsearch.FieldTermLocationMap) (float64, bool)
}

// A unit is a node whose matches and first-phase scores do not depend on
// the rest of the query: a term, a phrase, or a conjunction of terms (a
// word's bigrams). Its documents and scores are kept in the cache under a
// key that holds the terms' weights, so a change of IDF makes a new entry.
type unit interface {
	node
	// unitTerms are the terms whose weighted scores add up to the unit's.
	unitTerms() []termNode
	// unitKey identifies the unit's documents, without the weights.
	unitKey() string
	// unitDocs returns the unit's documents in the segment, deleted ones
	// included; callers must not modify it.
	unitDocs(e *segEval) (*roaring.Bitmap, error)
}
