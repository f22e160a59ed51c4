package browser

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"seisaku/search"
)

func TestURLStateRestoresSearch(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("市民"))
	tb.waitFor(statusDone)
	page1 := s.searchAPI(t, fullParams("q=市民"))
	page2 := s.searchAPI(t, "facets=city,department,year,issue_type&page=2&hitsPerPage=20&cropLength=160&q=市民")
	if page1.TotalPages < 2 {
		t.Fatalf("市民 has %d pages, want several", page1.TotalPages)
	}
	firstTitle := `txt($(".hit h3 a"))`
	firstSnippet := `marked($(".hit .snippet"))`

	tb.click(`$("nav.pager button[aria-label='2ページ']")`)
	tb.waitFor(`$("nav.pager button[aria-current=page]") && txt($("nav.pager button[aria-current=page]")) === "2"`)
	tb.waitFor(statusDone)
	if got, w := tb.str(firstSnippet), markedText(page2.Hits[0].Formatted.Text); got != w {
		t.Errorf("page 2 starts with %q, want %q", got, w)
	}
	if got := tb.str(`R.activeElement && R.activeElement.textContent`); got != "検索結果" {
		t.Errorf("focus after paging = %q, want the results heading", got)
	}

	// Reload: the same page of the same search.
	tb.navigate(tb.str(`location.href`))
	tb.waitFor(statusDone)
	if got, w := tb.str(firstSnippet), markedText(page2.Hits[0].Formatted.Text); got != w {
		t.Errorf("after reload page starts with %q, want page 2's %q", got, w)
	}
	if got := tb.str(`$("input[type=search]").value`); got != "市民" {
		t.Errorf("after reload the box holds %q", got)
	}

	// Back: page 1 again, from the history entry.
	tb.eval(`(history.back(), true)`, nil)
	tb.waitFor(`!new URLSearchParams(location.search).has("page")`)
	tb.waitFor(statusDone + ` && txt($("nav.pager button[aria-current=page]")) === "1"`)
	if got, w := tb.str(firstTitle), page1.Hits[0].Title; got != w {
		t.Errorf("after Back the first title is %q, want %q", got, w)
	}

	// A shared link with filters, sort and a year range.
	year := newestYear(page1.FacetDistribution["year"])
	link := fmt.Sprintf("/?q=%s&sort=year&year=%s..%s&issue_type=%s", url.QueryEscape("市民"), year, year, url.QueryEscape(topValue(page1.FacetDistribution["issue_type"])))
	tb.navigate(s.api.URL + link)
	tb.waitFor(statusDone)
	state := tb.strs(`[$("input[type=search]").value, $("select").value, ...$$("input[type=number]").map((i) => i.value),
	  ...$$(".facet[aria-pressed=true]").map((b) => b.firstChild.textContent)]`)
	want := []string{"市民", "year", year, year, year + "年度", topValue(page1.FacetDistribution["issue_type"])}
	if !slices.Equal(state, want) {
		t.Errorf("restored controls = %q, want %q", state, want)
	}
	calls := s.calls("/api/search")
	last := calls[len(calls)-1]
	if last.Get("sort") != "year" || last.Get("year") != year || last.Get("issue_type") != want[5] {
		t.Errorf("restored search sent %v", last)
	}
	wantRes := s.searchAPI(t, fmt.Sprintf("q=市民&sort=year&year=%s&issue_type=%s&facets=city,department,year,issue_type&page=1&hitsPerPage=20&cropLength=160", year, url.QueryEscape(want[5])))
	if got, w := tb.str(`txt($("[role=status]"))`), fmt.Sprintf("段落 %d件見つかりました", wantRes.TotalHits); got != w {
		t.Errorf("status = %q, want %q", got, w)
	}
}

func newestYear(counts map[string]int) string {
	best := ""
	for k := range counts {
		if k != "unknown" && k > best {
			best = k
		}
	}
	return best
}

func topValue(counts map[string]int) string {
	best, bn := "", 0
	for k, n := range counts {
		if k != "unknown" && (n > bn || n == bn && k < best) {
			best, bn = k, n
		}
	}
	return best
}

func TestDocumentView(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("市政改革"))
	tb.waitFor(statusDone)
	res := s.searchAPI(t, fullParams("q=市政改革"))
	hit := res.Hits[0]
	var doc search.DocumentView
	s.get(t, "/api/documents/"+url.PathEscape(hit.DocID), &doc)
	searches := len(s.calls("/api/search"))

	tb.click(`$(".hit h3 a")`)
	tb.waitFor(`visible($("article.doc h2"))`)
	checkDocument(t, tb, doc, hit)
	u, _ := url.Parse(tb.str(`location.href`))
	if u.Query().Get("doc") != hit.DocID || u.Query().Get("q") != "市政改革" || "/documents/"+url.PathEscape(hit.DocID)+"#"+u.Fragment != hit.Permalink {
		t.Errorf("document URL = %s, want doc=%s and the passage of %s", u, hit.DocID, hit.Permalink)
	}

	// Back to the results: shown again without a new search.
	tb.click(`$("article.doc button")`)
	tb.waitFor(`visible($(".hit")) && !visible($("article.doc"))`)
	if n := len(s.calls("/api/search")); n != searches {
		t.Errorf("%d searches after returning from the document, want %d (no refetch)", n, searches)
	}
	// Browser Back returns to the document.
	tb.eval(`(history.back(), true)`, nil)
	tb.waitFor(`visible($("article.doc h2"))`)

	// A permalink, as the CSV export and the widget give it, opens the
	// document directly.
	tb.navigate(s.api.URL + hit.Permalink)
	tb.waitFor(`visible($("article.doc h2")) && $$(".passage").length > 0`)
	if got := tb.str(`txt($("article.doc h2"))`); got != doc.Title {
		t.Errorf("permalink shows %q, want %q", got, doc.Title)
	}
}

func checkDocument(t *testing.T, tb *tab, doc search.DocumentView, hit search.Hit) {
	t.Helper()
	if got := tb.str(`txt($("article.doc h2"))`); got != doc.Title {
		t.Errorf("document title = %q, want %q", got, doc.Title)
	}
	if tb.str(`visible($(".results")) || visible($(".facets")) ? "shown" : "hidden"`) != "hidden" {
		t.Error("the results stay on screen beside the document")
	}
	meta := tb.strs(`$$("article.doc dt").map((dt) => txt(dt) + "=" + txt(dt.nextElementSibling))`)
	source := "出典=" + doc.Title // the title and the city's site, where the document states no address
	if doc.CitySite != "" {
		source += " (" + strings.TrimPrefix(doc.CitySite, "https://") + ")"
	}
	for _, w := range []string{"市町村=" + doc.City, "部署=" + doc.Department, fmt.Sprintf("年度=%d年度", doc.Year), source} {
		if !slices.Contains(meta, w) {
			t.Errorf("document metadata %q lacks %q", meta, w)
		}
	}
	if n := tb.num(`$$(".passage").length`); n != len(doc.Passages) {
		t.Errorf("%d passages shown, want %d", n, len(doc.Passages))
	}
	seq := hit.Permalink[strings.LastIndex(hit.Permalink, "#")+1:]
	if got := tb.str(fmt.Sprintf(`R.getElementById(%q).className + (R.activeElement === R.getElementById(%q) ? " focused" : "")`, seq, seq)); got != "passage match focused" {
		t.Errorf("the hit's passage %s: %q, want it marked as a match and focused", seq, got)
	}
	if marks := tb.strs(`[...new Set($$(".passage mark").map((m) => m.textContent))]`); !slices.Equal(marks, []string{"市政改革"}) {
		t.Errorf("words marked in the document = %q, want [市政改革]", marks)
	}
	outline := tb.strs(`$$(".outline button").map((b) => b.title)`)
	if len(outline) == 0 || !slices.Contains(outline, strings.Join(hit.Headings, " › ")) {
		t.Errorf("outline %q lacks the hit's heading path %q", outline, hit.Headings)
	}
}

func TestNoResultsAndErrors(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 375, 667)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("ズンドコベロンチョ"))
	tb.waitFor(statusDone)
	if got := tb.str(`txt($(".empty"))`); !strings.Contains(got, "表記ゆれ") || !strings.Contains(got, "言葉を減らす") {
		t.Errorf("no-results message = %q", got)
	}
	// Said once (the status line), and no empty 絞り込み under it.
	none := "「ズンドコベロンチョ」に一致する文書は見つかりませんでした。"
	if got := tb.str(`R.querySelector(".results").textContent + "|" + R.querySelector("[role=status]").textContent`); strings.Count(got, none) != 1 {
		t.Errorf("the no-result message is said %d times: %q", strings.Count(got, none), got)
	}
	if tb.str(`visible($("details.facets")) ? "shown" : "hidden"`) != "hidden" {
		t.Error("an empty 絞り込み is shown above a search that found nothing")
	}
	// The server refuses a query over 1,000 bytes; its message is shown as text.
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(strings.Repeat("子育て", 120)))
	tb.waitFor(statusDone)
	if got := tb.strs(`$$(".error p, .error li").map(txt)`); len(got) < 3 || got[0] != "検索できませんでした。" || !strings.HasPrefix(got[1], "検索語が長すぎます") || !strings.Contains(got[2], "言葉を減らす") && !strings.Contains(strings.Join(got, ""), "言葉を減らす") {
		t.Errorf("error message = %q", got)
	}
	// Markup in the query is text, never HTML.
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(`<img src=x onerror="document.title='pwned'">子育て`))
	tb.waitFor(statusDone)
	if n := tb.num(`R.querySelectorAll("img").length + document.querySelectorAll("img").length`); n != 0 || tb.str(`document.title`) == "pwned" {
		t.Error("the query's markup became elements")
	}
}

// The pager shows every page near the current one and marks a gap with …:
// page 1 of 5 showed 1 2 3 5, hiding page 4.
func TestPagerShowsNoUnmarkedGap(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("市民"))
	tb.waitFor(statusDone)
	for _, c := range []struct {
		page, pages int
		want        string
	}{
		{1, 5, "1 2 3 4 5"},
		{1, 6, "1 2 3 … 6"},
		{3, 5, "1 2 3 4 5"},
		{5, 10, "1 2 3 4 5 6 7 … 10"},
		{10, 10, "1 … 8 9 10"},
		{1, 1, "1"},
	} {
		got := tb.str(fmt.Sprintf(`customElements.get("seisaku-search").pagerItems(%d, %d).map((n) => n || "…").join(" ")`, c.page, c.pages))
		if got != c.want {
			t.Errorf("pager for page %d of %d: %q, want %q", c.page, c.pages, got, c.want)
		}
	}
}

// A question word typed as spoken is left out of the search, and the page
// says so.
func TestQuestionWordNotice(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("子育て どこ"))
	tb.waitFor(statusDone + ` && $(".hit")`)
	if got := tb.str(`txt($(".expansions"))`); !strings.Contains(got, "「どこ」は質問の言葉として、検索には使っていません。") {
		t.Errorf("notices %q do not say that どこ was left out", got)
	}
}
