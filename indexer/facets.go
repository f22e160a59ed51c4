package indexer

// Facets declares every facet, once: the request parameter and response
// key, the keyword field counted and filtered, what users call it, how many
// values a count lists, and the value that stands for "no value". The
// mapping indexes each facet's field, search counts and filters with it,
// the HTTP API parses its parameters, the CSV export has a column per
// facet and the OpenAPI document is tested against it, so a new facet is
// one entry here plus the extraction of its value (Document.Fields) and
// the hit field that shows it (search.Hit.FacetValues).
//
// Unknown metadata is left out of a passage (see schema.go), so a facet's
// Unknown value counts the matched passages without the field, and as a
// filter value (city=unknown) finds them.
var Facets = []Facet{
	{Name: "city", Field: FieldCity, Column: "city", Label: "自治体 (city)", Size: 50},
	{Name: "department", Field: FieldDepartment, Column: "department", Label: "部局 (department)", Size: 100},
	{Name: "year", Field: FieldYearFacet, Column: "year", Label: "年度 (fiscal year)", Size: 60, Year: true},
	{Name: "issue_type", Field: FieldIssueType, Column: "issue_types", Label: "テーマ (policy theme)", Size: 30, Multi: true},
	{Name: "prefecture", Field: FieldPrefecture, Column: "prefecture", Label: "都道府県 (prefecture)", Size: 50},
	// minutes only: other passages count as unknown
	{Name: "speaker", Field: FieldSpeaker, Column: "speaker", Label: "発言者 (speaker)", Size: 100},
	{Name: "role", Field: FieldRole, Column: "role", Label: "発言区分 (role)", Size: 3},
	{Name: "session", Field: FieldSession, Column: "session", Label: "会議 (session)", Size: 50},
}

// Unknown is the value of a facet that stands for passages without one.
const Unknown = "unknown"

// Facet is one entry of Facets.
type Facet struct {
	Name   string // request parameter (filter, facets=) and facetDistribution key
	Field  string // the keyword field holding the values
	Column string // the CSV export's column
	Label  string // what users call it, Japanese (English)
	Size   int    // at most this many values are counted, the most frequent
	// Year: the values are fiscal years ("2022"); the filter is a range
	// of FieldYearFacet's terms (year=2019..2022), not a list of values.
	Year bool
	// Multi: a passage may hold several values (a facet counts each).
	Multi bool
}

// FacetNamed returns the facet called name.
func FacetNamed(name string) (Facet, bool) {
	for _, f := range Facets {
		if f.Name == name {
			return f, true
		}
	}
	return Facet{}, false
}

// FacetNames returns the facets' names in table order.
func FacetNames() []string {
	out := make([]string, len(Facets))
	for i, f := range Facets {
		out[i] = f.Name
	}
	return out
}
