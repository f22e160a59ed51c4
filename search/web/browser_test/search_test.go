package browser

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"seisaku/search"
)

// markedText renders server-highlighted HTML as the tests read the page:
// marks in brackets, entities decoded.
func markedText(s string) string {
	s = strings.NewReplacer("<mark>", "[", "</mark>", "]").Replace(s)
	return html.UnescapeString(s)
}

// fullParams are the API parameters the full page sends for a query.
func fullParams(extra string) string {
	return "facets=city,department,year,issue_type&page=1&hitsPerPage=20&cropLength=160&" + extra
}

func TestTypingShowsHighlightedResultsAndFacets(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/")
	tb.focusInput()
	// Four characters typed 60 ms apart make one search: the debounce.
	for _, r := range "市政改革" {
		tb.insertText(string(r))
		time.Sleep(60 * time.Millisecond)
	}
	tb.waitFor(statusDone)

	calls := s.calls("/api/search")
	if len(calls) != 1 || calls[0].Get("q") != "市政改革" {
		t.Errorf("searches sent = %v, want one for 市政改革", calls)
	}
	want := s.searchAPI(t, fullParams("q=市政改革"))
	if got, w := tb.str(`txt($("[role=status]"))`), fmt.Sprintf("段落 %d件見つかりました", want.TotalHits); got != w {
		t.Errorf("status = %q, want %q", got, w)
	}
	if n := tb.num(`$$(".hit").length`); n != len(want.Hits) || n == 0 {
		t.Fatalf("%d hits shown, want %d", n, len(want.Hits))
	}
	first := want.Hits[0]
	if got, w := tb.str(`marked($(".hit h3 a"))`), markedText(first.Formatted.Title); got != w {
		t.Errorf("first title = %q, want %q", got, w)
	}
	if got, w := tb.str(`marked($(".hit .snippet"))`), markedText(first.Formatted.Text); got != w {
		t.Errorf("first snippet = %q, want %q", got, w)
	}
	if got, w := tb.str(`marked($(".hit .path"))`), markedText(strings.Join(first.Formatted.Headings, " › ")); got != w {
		t.Errorf("first heading path = %q, want %q", got, w)
	}
	if got, w := tb.str(`txt($(".hit .meta"))`), metaLine(first); got != w {
		t.Errorf("first meta = %q, want %q", got, w)
	}
	marks := tb.strs(`[...new Set($$(".hit mark").map((m) => m.textContent))]`)
	if !slices.Contains(marks, "市政改革") {
		t.Errorf("highlighted words = %q, want 市政改革 among them", marks)
	}
	if got, w := tb.strs(facetJS), facetWant(want.FacetDistribution); !slices.Equal(got, w) {
		t.Errorf("facets shown:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
	}
	if u := tb.str(`location.search`); u != "?q=%E5%B8%82%E6%94%BF%E6%94%B9%E9%9D%A9" {
		t.Errorf("URL query = %q, want the search in it", u)
	}
}

func metaLine(h search.Hit) string {
	year := "年度不明"
	if h.Year != 0 {
		year = fmt.Sprintf("%d年度", h.Year)
	}
	var parts []string
	for _, p := range []string{h.City, h.Department, year, h.Published} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ・ ")
}

// facetJS lists the facet values shown, "group label count pressed".
const facetJS = `$$(".facets [role=group]").flatMap((g) => [...g.querySelectorAll("li")].map((li) => {
  const b = li.querySelector("button");
  return txt(g.querySelector("h3")) + " " + txt(li.firstChild.firstChild) + " " + txt(li.querySelector(".n")) + (b ? " " + b.getAttribute("aria-pressed") : "");
}))`

var facetTitles = map[string]string{"city": "市町村", "department": "部署", "year": "年度", "issue_type": "分野"}

// facetWant is facetJS's answer for an API facet distribution with nothing
// selected: groups in order, values by count (years newest first), 不明 for
// "unknown" last, and not a button.
func facetWant(dist map[string]map[string]int) []string {
	var out []string
	for _, f := range []string{"city", "department", "year", "issue_type"} {
		type kv struct {
			k string
			n int
		}
		var vs []kv
		for k, n := range dist[f] {
			vs = append(vs, kv{k, n})
		}
		slices.SortFunc(vs, func(a, b kv) int {
			if (a.k == "unknown") != (b.k == "unknown") {
				if a.k == "unknown" {
					return 1
				}
				return -1
			}
			if f == "year" {
				return strings.Compare(b.k, a.k)
			}
			if a.n != b.n {
				return b.n - a.n
			}
			return strings.Compare(a.k, b.k)
		})
		for i, v := range vs {
			if i == 12 {
				break
			}
			label, pressed := v.k, " false"
			if f == "year" && v.k != "unknown" {
				label += "年度"
			}
			if v.k == "unknown" {
				label, pressed = "不明", ""
			}
			out = append(out, fmt.Sprintf("%s %s %d%s", facetTitles[f], label, v.n, pressed))
		}
	}
	return out
}

var countRE = regexp.MustCompile(`^(?:段落|文書) (\d+)件見つかりました$`)
