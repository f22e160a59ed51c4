package browser

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// cityPage is a city's website on another origin, with hostile styles
// that must not reach the widget, embedding it with the documented two
// lines (no api attribute: the API is where widget.js came from).
const cityPage = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>大阪市ホームページ</title>
<script>window.__before = Object.getOwnPropertyNames(window);</script>
<style>
body { color: rgb(255, 0, 0); font: 40px/1 serif; background: rgb(240, 240, 200); }
a, mark, input, button, li, p, h3 { color: rgb(255, 0, 0); background: rgb(0, 0, 0); font-size: 40px; }
input { display: none; }
</style>
<script src="{{API}}/widget.js" defer></script>
</head><body>
<h1>大阪市</h1>
<p>市の政策を探す</p>
<seisaku-search city="大阪市"></seisaku-search>
<p><a href="#top">ページの先頭へ</a></p>
</body></html>`

func TestWidgetEmbeddedOnAnotherOrigin(t *testing.T) {
	s := newStack(t, cityPage)
	tb := newTab(t, 1280, 900)
	tb.navigate(s.host.URL + "/?page=home")
	tb.focusInput()
	tb.insertText("市民")
	tb.waitFor(statusDone)

	want := s.searchAPI(t, "q=市民&city=大阪市&facets=department,year,issue_type&page=1&hitsPerPage=5&cropLength=80")
	if got, w := tb.str(`txt($("[role=status]"))`), fmt.Sprintf("段落 %d件見つかりました", want.TotalHits); got != w || want.TotalHits == 0 {
		t.Errorf("status = %q, want %q", got, w)
	}
	if metas := tb.strs(`$$(".hit .meta").map(txt)`); len(metas) != len(want.Hits) || slices.ContainsFunc(metas, func(m string) bool { return !strings.HasPrefix(m, "大阪市") }) {
		t.Errorf("hits of the 大阪市 widget: %q", metas)
	}
	for _, c := range s.calls("/api/search") {
		if !slices.Equal(c["city"], []string{"大阪市"}) {
			t.Errorf("the widget searched %v, want city=大阪市 always", c)
		}
	}
	for _, o := range s.origins("/api/search") {
		if o != s.host.URL {
			t.Errorf("request Origin = %q, want the city's page %s (a cross-origin request)", o, s.host.URL)
		}
	}
	if groups := tb.strs(`$$(".facets h3").map(txt)`); slices.Contains(groups, "市町村") {
		t.Errorf("facet groups %q: the fixed city needs no city facet", groups)
	}
	// The host page's URL keeps its own parameters and gains the widget's,
	// prefixed so as not to clash.
	q, _ := url.ParseQuery(strings.TrimPrefix(tb.str(`location.search`), "?"))
	if q.Get("page") != "home" || q.Get("ss-q") != "市民" || q.Has("q") {
		t.Errorf("host URL query = %v, want page=home kept and ss-q=市民 added", q)
	}
	// Styles are isolated both ways.
	styles := tb.strs(`(() => { const cs = (el) => getComputedStyle(el);
	  const a = $(".hit h3 a"), m = $(".hit mark"), i = $("input[type=search]"), p = $(".snippet");
	  return [cs(a).color, cs(m).backgroundColor, cs(i).display, cs(p).fontSize, cs(p).color,
	    getComputedStyle(document.querySelector("body > p")).fontSize]; })()`)
	if w := []string{"rgb(10, 88, 202)", "rgb(255, 230, 128)", "inline-block", "16px", "rgb(27, 31, 36)", "40px"}; !slices.Equal(styles, w) {
		t.Errorf("styles (link, mark, input, snippet size, snippet colour, host p size) = %q, want %q", styles, w)
	}
	// The only global the script adds is the custom element.
	if leaked := tb.strs(`Object.getOwnPropertyNames(window).filter((k) => !__before.includes(k) && k !== "__before")`); len(leaked) != 0 {
		t.Errorf("globals added by widget.js: %q", leaked)
	}
	// Reload: the widget restores its search from the host page's URL.
	tb.navigate(tb.str(`location.href`))
	tb.waitFor(statusDone)
	if v := tb.str(`$("input[type=search]").value`); v != "市民" {
		t.Errorf("after reload the widget shows %q, want 市民", v)
	}
}

// A page on an origin the operator did not allow gets no results, and the
// widget says so in plain Japanese.
func TestWidgetOnDisallowedOrigin(t *testing.T) {
	s := newStack(t, "") // allows only its own host origin
	// other's host page embeds the widget from s, which does not allow it.
	other := newStack(t, strings.ReplaceAll(cityPage, "{{API}}", s.api.URL))
	tb := newTab(t, 1280, 900)
	tb.navigate(other.host.URL + "/")
	tb.eval(`(document.querySelector("seisaku-search").setAttribute("url-state", "off"), true)`, nil)
	tb.focusInput()
	tb.insertText("市民")
	tb.waitFor(`visible($(".error"))`)
	if got := tb.str(`txt($(".error"))`); !strings.Contains(got, "検索できませんでした。") || !strings.Contains(got, "時間をおいて") {
		t.Errorf("error shown = %q", got)
	}
	if n := len(s.calls("/api/search")); n == 0 {
		t.Error("the request never reached the service")
	}
}
