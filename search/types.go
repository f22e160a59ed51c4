package search

import (
	"slices"

	"seisaku/indexer"
	"seisaku/search/hit"
	"seisaku/search/plan"
	"seisaku/search/query"
)

// The query language (package search/query).
type (
	Query       = query.Query  // a parsed query
	Clause      = query.Clause // one required clause: any of its alternatives
	Word        = query.Word   // a query word or quoted phrase
	QueryFilter = query.Filter // a filter written in the query

	scope = query.Scope // what a search is restricted to
)

// Query limits (package search/query).
const (
	MaxQueryWords = query.MaxWords
	MaxQueryRunes = query.MaxRunes
)

// ParseQuery parses the query language (package search/query); a malformed
// query is an *Error with code EInvalid.
func ParseQuery(q string) (*Query, error) { return query.Parse(q) }

// Request is one search, as the HTTP API and the CLI receive it. Names follow
// Meilisearch's conventions (q, page, hitsPerPage, highlightPreTag, …).
type Request struct {
	Q             string   // query: words ANDed, OR, -exclude, "phrase"
	City          []string // filter: any of these cities (ORed); facets are ANDed with each other
	Department    []string
	IssueType     []string
	Prefecture    []string
	Speaker       []string // minutes: who spoke (渡辺恒)
	Role          []string // minutes: question, answer, chair
	Session       []string // minutes: the meeting (平成28年第4回定例会)
	YearFrom      int      // inclusive; 0 = open
	YearTo        int      // inclusive; 0 = open
	YearUnknown   bool     // only passages whose fiscal year is unknown (year=unknown)
	Sort          string   // "relevance" (default), "year" or "date": newest first
	Page          int      // 1-based
	HitsPerPage   int
	Facets        []string // which of city, department, year, issue_type to count; nil = none
	Distinct      string   // "" or "document": at most one passage per document on a page
	Expand        bool     // theme expansion on (the HTTP default is true)
	HighlightPre  string   // default "<mark>"
	HighlightPost string   // default "</mark>"
	CropLength    int      // characters of context in _formatted.text; 0 = whole passage
	Matching      string   // "relaxed" (default): relax a query that finds little; "all": every word as typed
	Synonyms      bool     // expand words with the Sudachi synonym dictionary (the HTTP default is true)
	PerDocument   int      // relevance pages: a document's passages after this many move back (hit.Diversify); 0: DefaultPerDocument, -1: no cap
	// Export: the request of an export (a CSV file), whose pages may hold
	// up to MaxWindow hits rather than MaxHitsPerPage. Every page size
	// gives the same order, so an export cut in pages of 1,000 is the pages
	// of 100 a reader would turn, read at a tenth of the searches.
	Export bool
}

// Facets returns the facets a request may filter by and count, in the
// order facets=* lists them (indexer.Facets).
func Facets() []indexer.Facet { return slices.Clone(indexer.Facets) }

// Unknown is the facet value of passages without one, in counts and in
// filters.
const Unknown = indexer.Unknown

// Filter returns the filter values of the keyword facet called name (see
// indexer.Facets; the value indexer.Unknown finds the passages without
// one), or nil for a name that is not one.
func (r *Request) Filter(name string) *[]string {
	switch name {
	case "city":
		return &r.City
	case "department":
		return &r.Department
	case "issue_type":
		return &r.IssueType
	case "prefecture":
		return &r.Prefecture
	case "speaker":
		return &r.Speaker
	case "role":
		return &r.Role
	case "session":
		return &r.Session
	}
	return nil
}

// Asked names the question words a query typed as spoken (避難所 どこ,
// 人口 推計 何人) left out: they say what kind of answer is wanted, not
// what it is about, and documents seldom write them.
type Asked struct {
	Words   []string `json:"words"`
	Message string   `json:"message"`
}

// Result is one page of hits plus facet counts over the whole result.
type Result struct {
	Query             string                    `json:"query"`
	Hits              []Hit                     `json:"hits"`
	TotalHits         int                       `json:"totalHits"`
	TotalPages        int                       `json:"totalPages"`
	Page              int                       `json:"page"`
	HitsPerPage       int                       `json:"hitsPerPage"`
	ProcessingTimeMs  int64                     `json:"processingTimeMs"`
	FacetDistribution map[string]map[string]int `json:"facetDistribution,omitempty"`
	FacetCounts       string                    `json:"facetCounts,omitempty"` // what the facets count: "passages" or "documents"
	Expansions        []Expansion               `json:"expansions,omitempty"`
	Synonyms          []SynonymUse              `json:"synonyms,omitempty"`     // the variants and synonyms the words were expanded with
	Relaxed           *Relaxation               `json:"relaxed,omitempty"`      // nil: every hit holds every word as typed (or its theme)
	Diversified       *Diversity                `json:"diversified,omitempty"`  // nil: the page is in plain rank order
	MatchCounts       *MatchCounts              `json:"matchCounts,omitempty"`  // the passages by how they match; nil when every one holds every word
	DidYouMean        []Correction              `json:"didYouMean,omitempty"`   // もしかして: corrected words from the index's vocabulary (didyoumean.go)
	QueryFilters      []QueryFilter             `json:"queryFilters,omitempty"` // filters read from q
	Asked             *Asked                    `json:"asked,omitempty"`        // question words (どこ, 何人, 知りたい) left out of the query (searcher.go noteAsked)
}

// Expansion reports a theme expansion the search applied: the query word
// named a theme, so passages tagged with it matched too.
type Expansion = plan.Expansion

// SynonymUse reports one alternative a query word was expanded with.
type SynonymUse = plan.SynonymUse

// The presentation of passages (package search/hit).
type (
	Hit          = hit.Hit          // one passage with its document's metadata
	Formatted    = hit.Formatted    // a hit's fields highlighted, escaped and cropped
	Match        = hit.Match        // how a hit holds each query word
	WordMatch    = hit.WordMatch    // how a hit holds one query word
	Diversity    = hit.Diversity    // the reordering of a page's window
	DocumentView = hit.DocumentView // a whole document
	PassageView  = hit.PassageView  // one passage of a DocumentView
	Precedent    = hit.Precedent    // a passage similar to a source, and why
	Relaxation   = hit.Relaxation   // how a query that found little was relaxed
)

// Permalink is the address of a passage in the web UI:
// /documents/<docID>#p<seq>, the document page scrolled to the passage.
func Permalink(docID string, seq int) string { return hit.Permalink(docID, seq) }
