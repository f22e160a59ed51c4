package search

// Request is one search, as the HTTP API and the CLI receive it. Names follow
// Meilisearch's conventions (q, page, hitsPerPage, highlightPreTag, …).
type Request struct {
	Q             string   // query: words ANDed, OR, -exclude, "phrase"
	City          []string // filter: any of these cities (ORed); facets are ANDed with each other
	Department    []string
	IssueType     []string
	YearFrom      int    // inclusive; 0 = open
	YearTo        int    // inclusive; 0 = open
	Sort          string // "relevance" (default), "year" or "date": newest first
	Page          int    // 1-based
	HitsPerPage   int
	Facets        []string // which of city, department, year, issue_type to count; nil = none
	Distinct      string   // "" or "document": at most one passage per document on a page
	Expand        bool     // theme expansion on (the HTTP default is true)
	HighlightPre  string   // default "<mark>"
	HighlightPost string   // default "</mark>"
	CropLength    int      // characters of context in _formatted.text; 0 = whole passage
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
	QueryFilters      []QueryFilter             `json:"queryFilters,omitempty"` // filters read from q
}

// Expansion reports a theme expansion the search applied: the query word
// named a theme, so passages tagged with it matched too.
type Expansion struct {
	Word  string `json:"word"`
	Theme string `json:"theme"`
}

// Hit is one passage with its document's metadata.
type Hit struct {
	ID         string    `json:"id"` // passage ID
	Text       string    `json:"text"`
	Headings   []string  `json:"headings"`
	DocID      string    `json:"documentId"`
	Title      string    `json:"title"`
	City       string    `json:"city,omitempty"`       // omitted when unknown
	Department string    `json:"department,omitempty"` // omitted when unknown
	Year       int       `json:"year,omitempty"`       // omitted when unknown
	Published  string    `json:"published,omitempty"`
	IssueTypes []string  `json:"issueTypes"`
	Source     string    `json:"source"`
	URL        string    `json:"url,omitempty"`
	Permalink  string    `json:"permalink"`
	Score      float64   `json:"score"`
	Match      string    `json:"match,omitempty"` // how the passage matched the query; empty when not told
	Formatted  Formatted `json:"_formatted"`
}

// Formatted holds the highlighted, HTML-escaped, cropped versions of a hit's
// fields, safe to insert into a page as HTML.
type Formatted struct {
	Text     string   `json:"text"`
	Title    string   `json:"title"`
	Headings []string `json:"headings"`
}

// DocumentView is a whole document: metadata and passages in order.
type DocumentView struct {
	ID         string        `json:"id"`
	Title      string        `json:"title"`
	City       string        `json:"city,omitempty"`
	Department string        `json:"department,omitempty"`
	Year       int           `json:"year,omitempty"`
	Published  string        `json:"published,omitempty"`
	Source     string        `json:"source"`
	URL        string        `json:"url,omitempty"`
	IssueTypes []string      `json:"issueTypes"`
	Passages   []PassageView `json:"passages"`
}

// PassageView is one passage of a DocumentView.
type PassageView struct {
	ID         string   `json:"id"`
	Seq        int      `json:"seq"`
	Text       string   `json:"text"`
	Headings   []string `json:"headings"`
	IssueTypes []string `json:"issueTypes"`
}

// Suggestion is one completion for search as you type.
type Suggestion struct {
	Text  string `json:"text"`
	Kind  string `json:"kind"`  // "term" or "title"
	Count int    `json:"count"` // passages (terms) or 1 (titles)
}
