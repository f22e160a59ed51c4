package web

import (
	"fmt"
	"strings"

	"seisaku/search"
)

// describe is a compact, stable rendering of a Request for table tests.
func describe(r search.Request) string {
	var b strings.Builder
	fmt.Fprintf(&b, "q=%q", r.Q)
	add := func(k string, vs []string) {
		if len(vs) > 0 {
			fmt.Fprintf(&b, " %s=%s", k, strings.Join(vs, "|"))
		}
	}
	add("city", r.City)
	add("dept", r.Department)
	add("issue", r.IssueType)
	add("pref", r.Prefecture)
	if r.YearFrom != 0 || r.YearTo != 0 {
		fmt.Fprintf(&b, " year=%d..%d", r.YearFrom, r.YearTo)
	}
	if r.YearUnknown {
		b.WriteString(" year=unknown")
	}
	add("facets", r.Facets)
	fmt.Fprintf(&b, " sort=%s page=%d/%d", r.Sort, r.Page, r.HitsPerPage)
	if r.Distinct != "" {
		fmt.Fprintf(&b, " distinct=%s", r.Distinct)
	}
	if !r.Expand {
		b.WriteString(" noexpand")
	}
	if r.HighlightPre != "<mark>" || r.HighlightPost != "</mark>" {
		fmt.Fprintf(&b, " tags=%s%s", r.HighlightPre, r.HighlightPost)
	}
	if r.CropLength != 0 {
		fmt.Fprintf(&b, " crop=%d", r.CropLength)
	}
	return b.String()
}
