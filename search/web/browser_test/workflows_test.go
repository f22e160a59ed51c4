package browser

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"seisaku/search"
)

// The staff and journalist workflows of the full page (widget-full.js):
// similar precedents, the chart of a theme across years and cities, one
// result per document, and the filters read from the query.

// TestSimilarPrecedents: a member of 大阪市市民局 opens 類似の取り組み on a
// passage of their own and gets the API's precedents, other cities first,
// each saying where it is from and which words it shares (marked), and a
// link that opens the document at the passage.
func TestSimilarPrecedents(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("多文化共生 city:大阪市"))
	tb.waitFor(statusDone + ` && $(".hit .similar")`)
	res := s.searchAPI(t, fullParams("q="+url.QueryEscape("多文化共生 city:大阪市")))
	hit := res.Hits[0]
	var want search.SimilarResult
	s.get(t, "/api/similar/"+url.PathEscape(hit.ID)+"?n=5", &want)
	if len(want.Hits) < 2 || want.Hits[0].Elsewhere != "city" {
		t.Fatalf("the samples give %s no precedent from another city first: %+v", hit.ID, want.Hits)
	}

	tb.click(`$(".hit .similar")`)
	tb.waitFor(`$$(".hit .precedents li").length > 0`)
	if got := tb.str(`$(".hit .similar").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded = %q after opening", got)
	}
	if got, w := tb.str(`txt($(".precedents .why"))`), hit.City+" "+hit.Department+"のこの段落に似た段落です。ほかの市町村、ほかの部署のものを先に並べています。"; got != w {
		t.Errorf("intro = %q, want %q", got, w)
	}
	var shown []struct{ Title, Meta, Why, Text, Href string }
	tb.eval(`$$(".precedents li").map((li) => ({Title: txt(li.querySelector("a")), Meta: txt(li.querySelector(".meta")),
		Why: txt(li.querySelector(".why")), Text: marked(li.querySelector(".snippet")), Href: li.querySelector("a").href}))`, &shown)
	if len(shown) != len(want.Hits) {
		t.Fatalf("%d precedents shown, want %d", len(shown), len(want.Hits))
	}
	for i, p := range want.Hits {
		got := shown[i]
		where := map[string]string{"city": "ほかの市町村（" + p.City + "）", "department": "同じ市町村のほかの部署（" + p.Department + "）"}[p.Elsewhere]
		why := strings.TrimPrefix(where+" ・ 共通する語："+strings.Join(p.Shared, "、"), " ・ ")
		// white space is layout: a packed passage's lines, a title's full-width space
		if oneLine(got.Title) != oneLine(p.Title) || got.Meta != metaLine(p.Hit) || oneLine(got.Text) != oneLine(markedText(p.Formatted.Text)) {
			t.Errorf("precedent %d = %+v, want %s / %s / %s", i, got, p.Title, metaLine(p.Hit), markedText(p.Formatted.Text))
		}
		if !strings.HasPrefix(got.Why, strings.TrimSuffix(why, " ・ ")) {
			t.Errorf("precedent %d says %q, want %q", i, got.Why, why)
		}
		for _, w := range p.Shared {
			if !strings.Contains(got.Text, w) {
				t.Errorf("precedent %d: shared word %s not in its text %s", i, w, got.Text)
			}
		}
	}
	// Closed and opened again without another request.
	tb.click(`$(".hit .similar")`)
	tb.waitFor(`!visible($(".precedents"))`)
	tb.click(`$(".hit .similar")`)
	tb.waitFor(`visible($(".precedents"))`)
	if n := len(s.calls("/api/similar/" + hit.ID)); n != 1 {
		t.Errorf("%d similar requests, want 1", n)
	}

	// The link opens the precedent's document at its passage.
	first := want.Hits[0]
	tb.click(`$(".precedents li a")`)
	tb.waitFor(`visible($("article.doc h2")) && $$(".passage").length > 0`)
	seq := first.Permalink[strings.LastIndex(first.Permalink, "#")+1:]
	if got := tb.str(`R.activeElement ? R.activeElement.id : ""`); got != seq {
		t.Errorf("focused passage %q, want %q (%s)", got, seq, first.Permalink)
	}
	if u, _ := url.Parse(tb.str(`location.href`)); u.Query().Get("doc") != first.DocID || "#"+u.Fragment != first.Permalink[strings.Index(first.Permalink, "#"):] {
		t.Errorf("document URL %s, want doc=%s at %s", u, first.DocID, first.Permalink)
	}
}

// chartJS reads the chart's table: the header, then one row per year.
const chartJS = `$$(".chart tr").map((tr) => [...tr.children].map(txt).join("|"))`

// TestChartAcrossYearsAndCities: the chart's numbers are the API's, per
// year and city; a year or a city in it filters the results; two chosen
// cities are put side by side.
func TestChartAcrossYearsAndCities(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	q := "子育て"
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(q))
	tb.waitFor(statusDone + ` && $(".chart svg")`)
	all := s.searchAPI(t, fullParams("q="+url.QueryEscape(q)))
	cities := topCities(all.FacetDistribution["city"], 5)
	want := chartTable(t, s, q, cities, all.FacetDistribution["year"], true)
	if got := tb.strs(chartJS); !slices.Equal(got, want) {
		t.Errorf("chart table:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(s.chartCalls()); n != len(cities)+1 {
		t.Errorf("%d chart requests, want one per city (%d) and one for the years the index holds", n, len(cities))
	}
	if n := tb.num(`$$(".chart svg rect:not(.col), .chart svg polyline").length`); n == 0 {
		t.Error("the chart draws nothing")
	}

	// A year of the chart filters the results by it.
	year := newestYear(all.FacetDistribution["year"])
	tb.click(fmt.Sprintf(`$$(".chart svg .col")[%d]`, slices.Index(chartYears(all.FacetDistribution["year"]), year)))
	tb.waitFor(fmt.Sprintf(`%s && txt($("[role=status]")) === "段落 %d件見つかりました"`, statusDone, all.FacetDistribution["year"][year]))
	if u, _ := url.Parse(tb.str(`location.href`)); u.Query().Get("year") != year {
		t.Errorf("after clicking %s: URL %s", year, u)
	}

	// Two cities side by side: the legend's city filters, then another.
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(q))
	tb.waitFor(statusDone + ` && $(".legend button")`)
	tb.click(`$$(".legend button")[0]`)
	tb.waitFor(fmt.Sprintf(`%s && txt($("[role=status]")) === "段落 %d件見つかりました"`, statusDone, all.FacetDistribution["city"][cities[0]]))
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(q) + "&city=" + url.QueryEscape(cities[0]) + "&city=" + url.QueryEscape(cities[1]))
	tb.waitFor(statusDone + ` && $$(".legend li").length === 2`)
	if got := tb.strs(`$$(".legend li").map(txt)`); !slices.Equal(got, cities[:2]) {
		t.Errorf("legend %q, want the two chosen cities %q", got, cities[:2])
	}
	want = chartTable(t, s, q, cities[:2], nil, false)
	if got := tb.strs(chartJS); !slices.Equal(got, want) {
		t.Errorf("two cities side by side:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The table is for screen readers, and shown on request.
	if !tb.bool(`$(".chart table").closest(".vh") && $$(".chart table button").every((b) => b.tabIndex === -1)`) {
		t.Error("the table is visible, or its buttons are in the Tab order, before it is asked for")
	}
	tb.click(`$(".chart .table-toggle")`)
	tb.waitFor(`!$(".chart table").closest(".vh") && $(".chart svg").style.display === "none" && $$(".chart table button").every((b) => b.tabIndex === 0)`)
}

// oneLine collapses white space as the page's txt does.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (tb *tab) bool(expr string) bool {
	tb.t.Helper()
	var b bool
	tb.eval(expr, &b)
	return b
}

// topCities are the n cities with most passages, most first.
func topCities(counts map[string]int, n int) []string {
	var cs []string
	for c := range counts {
		if c != "unknown" {
			cs = append(cs, c)
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		return counts[cs[i]] > counts[cs[j]] || counts[cs[i]] == counts[cs[j]] && cs[i] < cs[j]
	})
	return cs[:min(n, len(cs))]
}

// chartYears are the years from the first to the last known one.
func chartYears(counts map[string]int) []string {
	var ys []int
	for y := range counts {
		if n, err := strconv.Atoi(y); err == nil {
			ys = append(ys, n)
		}
	}
	slices.Sort(ys)
	var out []string
	for y := ys[0]; y <= ys[len(ys)-1]; y++ {
		out = append(out, strconv.Itoa(y))
	}
	return out
}

// chartTable is the table the page should show for q and cities, each
// city's years asked of the API, a row per year with passages; with rest, a
// column for the other cities (total minus the cities shown) if they have
// any.
func chartTable(t *testing.T, s *stack, q string, cities []string, total map[string]int, rest bool) []string {
	t.Helper()
	per := map[string]map[string]int{}
	years := map[string]int{}
	for _, c := range cities {
		r := s.searchAPI(t, "facets=year&hitsPerPage=1&q="+url.QueryEscape(q)+"&city="+url.QueryEscape(c))
		per[c] = r.FacetDistribution["year"]
		for y, n := range per[c] {
			years[y] += n
		}
	}
	head := append([]string{"年度"}, cities...)
	if total == nil {
		total = years
	}
	left := false
	for y, n := range total {
		left = left || y != "unknown" && n > years[y]
	}
	rest = rest && left
	if rest {
		head = append(head, "その他・市町村不明")
	}
	head = append(head, "計")
	out := []string{strings.Join(head, "|")}
	for _, y := range chartYears(total) {
		if total[y] == 0 {
			continue
		}
		row := []string{y + "年度"}
		sum := 0
		for _, c := range cities {
			row = append(row, strconv.Itoa(per[c][y]))
			sum += per[c][y]
		}
		if rest {
			row = append(row, strconv.Itoa(total[y]-sum))
			sum = total[y]
		}
		out = append(out, strings.Join(append(row, strconv.Itoa(sum)), "|"))
	}
	return out
}

// TestGroupByDocument: the switch shows one result per document, and the
// total, the facets and the chart count documents and say so; the choice
// is in the URL; the widget's group attribute does the same.
func TestGroupByDocument(t *testing.T) {
	s := newStack(t, `<!doctype html><meta charset="utf-8"><script src="{{API}}/widget.js" defer></script>
<seisaku-search group="document" api="{{API}}"></seisaku-search>`)
	tb := newTab(t, 1280, 900)
	q := "子育て"
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(q))
	tb.waitFor(statusDone)
	tb.click(`$$("[role=switch]")[1]`)
	docs := s.searchAPI(t, fullParams("distinct=document&q="+url.QueryEscape(q)))
	tb.waitFor(fmt.Sprintf(`%s && txt($("[role=status]")) === "文書 %d件見つかりました"`, statusDone, docs.TotalHits))
	ids := tb.strs(`$$(".hit h3 a").map((a) => new URL(a.href).searchParams.get("doc"))`)
	if len(ids) != len(docs.Hits) || len(ids) == 0 {
		t.Fatalf("%d results shown, want %d", len(ids), len(docs.Hits))
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] || id != docs.Hits[i].DocID {
			t.Errorf("result %d is document %s (seen before: %v), want %s", i, id, seen[id], docs.Hits[i].DocID)
		}
		seen[id] = true
	}
	if got := tb.str(`txt($(".facets .unit"))`); got != "数字は該当する文書の数" || docs.FacetCounts != search.CountDocuments {
		t.Errorf("facet note %q, API facetCounts %q", got, docs.FacetCounts)
	}
	// (as sets: the page orders equal counts in Japanese collation, facetWant by bytes)
	if got, w := tb.strs(facetJS), facetWant(docs.FacetDistribution); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(w))) {
		t.Errorf("facets by document:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
	}
	// the chart is redrawn when its own requests answer, after the results
	tb.waitFor(`$(".chart .note") && txt($(".chart .note")) === "該当する文書の数（年度別・市町村別）"`)
	if u, _ := url.Parse(tb.str(`location.href`)); u.Query().Get("group") != "document" {
		t.Errorf("URL %s has no group=document", u)
	}
	tb.navigate(tb.str(`location.href`)) // restored from the URL
	tb.waitFor(statusDone)
	if !tb.bool(`$$("[role=switch]")[1].checked`) || !strings.HasPrefix(tb.str(`txt($("[role=status]"))`), "文書 ") {
		t.Error("group=document not restored from the URL")
	}

	// The widget attribute on a city's page.
	tb.navigate(s.host.URL + "/")
	tb.focusInput()
	tb.insertText(q)
	tb.waitFor(statusDone)
	calls := s.calls("/api/search")
	if last := calls[len(calls)-1]; last.Get("distinct") != "document" {
		t.Errorf("widget with group=document sent %v", last)
	}
	if got := tb.str(`txt($("[role=status]"))`); !strings.HasPrefix(got, "文書 ") {
		t.Errorf("widget status %q, want a count of documents", got)
	}
}

// TestQueryFilterNotice: 子育て -倉敷市 excludes the city and the page says
// how it read the query; the filter is visible in the facets.
func TestQueryFilterNotice(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("子育て -倉敷市"))
	tb.waitFor(statusDone)
	want := s.searchAPI(t, fullParams("q="+url.QueryEscape("子育て -倉敷市")))
	if want.FacetDistribution["city"]["倉敷市"] != 0 || want.TotalHits == 0 {
		t.Fatalf("API: %d hits, cities %v", want.TotalHits, want.FacetDistribution["city"])
	}
	notices := tb.strs(`$$(".expansions .notice").map(txt)`)
	if !slices.Contains(notices, `「-倉敷市」を市町村の除外（倉敷市）として扱いました。語として探すときは "倉敷市" と引用符で囲みます。`) {
		t.Errorf("notices %q", notices)
	}
	if got := tb.strs(`$$(".facet").map(txt).filter((s) => s.startsWith("倉敷市"))`); len(got) != 0 {
		t.Errorf("倉敷市 still among the facets: %q", got)
	}
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("多文化共生 2022"))
	tb.waitFor(statusDone)
	if got := tb.strs(`$$(".expansions .notice").map(txt)`); !slices.Contains(got, "「2022」を年度の絞り込み（2022年度）として扱いました。") {
		t.Errorf("notices %q", got)
	}
	if got := tb.strs(`$$(".facet").map(txt).filter((s) => /年度/.test(s))`); len(got) != 1 || !strings.HasPrefix(got[0], "2022年度") {
		t.Errorf("year facets %q, want 2022 alone", got)
	}
}

// TestFullModeOnAnotherOrigin: a city's site embedding the full mode gets
// widget-full.js from the service across origins: the chart of its own
// city across the years, and 類似の取り組み from the other cities.
func TestFullModeOnAnotherOrigin(t *testing.T) {
	s := newStack(t, `<!doctype html><html lang="ja"><meta charset="utf-8"><title>大阪市</title>
<script src="{{API}}/widget.js" defer></script>
<seisaku-search mode="full" city="大阪市"></seisaku-search>`)
	tb := newTab(t, 1280, 900)
	tb.navigate(s.host.URL + "/")
	tb.focusInput()
	tb.insertText("多文化共生")
	tb.waitFor(statusDone + ` && $(".chart svg") && $(".hit .similar")`)
	want := s.searchAPI(t, "q="+url.QueryEscape("多文化共生")+"&city=大阪市&facets=department,year,issue_type&hitsPerPage=1")
	if got := tb.strs(`$$(".legend li").map(txt)`); !slices.Equal(got, []string{"大阪市"}) {
		t.Errorf("legend %q, want the fixed city alone", got)
	}
	var rows []string
	for _, y := range chartYears(want.FacetDistribution["year"]) {
		if n := want.FacetDistribution["year"][y]; n > 0 {
			rows = append(rows, y+"年度|"+strconv.Itoa(n))
		}
	}
	if got := tb.strs(chartJS)[1:]; !slices.Equal(got, rows) {
		t.Errorf("chart rows %q, want %q", got, rows)
	}
	words := 0
	for _, c := range s.chartCalls() {
		if c.Get("q") != "" {
			words++
		}
	}
	if words != 0 || len(s.chartCalls()) != 1 {
		t.Errorf("%d chart requests for one fixed city, %d with the words; want only the one for the years the index holds (the search's own year facet serves)", len(s.chartCalls()), words)
	}
	tb.click(`$(".hit .similar")`)
	tb.waitFor(`$$(".precedents li").length > 0`)
	if got := tb.str(`txt($(".precedents li .why"))`); !strings.HasPrefix(got, "ほかの市町村") {
		t.Errorf("first precedent %q, want one from another city", got)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.requests {
		if o := r.Header.Get("Origin"); strings.HasPrefix(r.URL.Path, "/api/similar/") && o != s.host.URL {
			t.Errorf("%s from origin %q, want the city's page", r.URL.Path, o)
		}
	}
}

// TestChartBarsInsidePlot: with exactly two years (空き家 on the samples)
// every bar lies between the y axis and the plot's right edge; bars centred
// on the plot's edges covered the axis and ran past the SVG.
func TestChartBarsInsidePlot(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("空き家"))
	tb.waitFor(statusDone + ` && $(".chart svg rect:not(.col)")`)
	if n := tb.num(`$$(".chart svg .col").length`); n != 2 {
		t.Fatalf("%d year columns for 空き家, want 2 (the samples hold it in 2023 and 2024)", n)
	}
	// the axis labels end at x = 30 (L - 4); the view box is the SVG's width
	out := tb.strs(`(() => { const svg = $(".chart svg"), w = svg.viewBox.baseVal.width;
	  return $$(".chart svg rect:not(.col):not(.nodata)").filter((r) => r.x.baseVal.value < 34 || r.x.baseVal.value + r.width.baseVal.value > w)
	    .map((r) => r.x.baseVal.value + "+" + r.width.baseVal.value + " of " + w); })()`)
	if len(out) > 0 {
		t.Errorf("bars outside the plot: %q", out)
	}
}

// TestChartYearsWithoutDocuments: a year inside the chart's span that the
// index holds no document of is drawn as no data, not as a bar of 0, and
// the note says so. The samples hold 2003, 2011 and 2022–2025.
func TestChartYearsWithoutDocuments(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	q := "市民"
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(q))
	tb.waitFor(statusDone + ` && $(".chart svg rect:not(.col)")`)
	all := s.searchAPI(t, "facets=year&hitsPerPage=1&q=")
	years := chartYears(s.searchAPI(t, fullParams("q="+url.QueryEscape(q))).FacetDistribution["year"])
	lo, _ := strconv.Atoi(years[0])
	hi, _ := strconv.Atoi(years[len(years)-1])
	var want []string
	for y := lo; y <= hi; y++ {
		if all.FacetDistribution["year"][strconv.Itoa(y)] == 0 {
			want = append(want, strconv.Itoa(y))
		}
	}
	if len(want) == 0 {
		t.Fatalf("the samples hold every year from %d to %d: the test needs a gap", lo, hi)
	}
	got := tb.strs(`$$(".chart svg .nodata").map((r) => r.dataset.year)`)
	if !slices.Equal(got, want) {
		t.Errorf("years drawn as no data %q, want the years without documents %q", got, want)
	}
	if note := tb.str(`txt($(".chart"))`); !strings.Contains(note, "資料なし") {
		t.Errorf("the chart does not explain 資料なし: %s", note)
	}
}
