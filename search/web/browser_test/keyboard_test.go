package browser

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"seisaku/search"
)

func TestFacetClickFilters(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/")
	tb.focusInput()
	tb.insertText("市民")
	tb.waitFor(statusDone)
	all := s.searchAPI(t, fullParams("q=市民"))
	city, n := smallestFacet(all.FacetDistribution["city"])
	if city == "" || n >= all.TotalHits {
		t.Fatalf("no city narrows 市民: %v", all.FacetDistribution["city"])
	}

	tb.click(fmt.Sprintf(`$$(".facet").find((b) => b.closest("[role=group]").querySelector("h3").textContent === "市町村" && b.firstChild.textContent === %q)`, city))
	tb.waitFor(fmt.Sprintf(`txt($("[role=status]")) === "段落 %d件見つかりました"`, n))
	last := s.calls("/api/search")
	if got := last[len(last)-1]["city"]; !slices.Equal(got, []string{city}) {
		t.Errorf("city sent = %q, want [%s]", got, city)
	}
	if metas := tb.strs(`$$(".hit .meta").map(txt)`); len(metas) == 0 || slices.ContainsFunc(metas, func(m string) bool { return !strings.HasPrefix(m, city) }) {
		t.Errorf("hits after filtering on %s: %q", city, metas)
	}
	if got := tb.str(fmt.Sprintf(`$$(".facet").find((b) => b.firstChild.textContent === %q).getAttribute("aria-pressed")`, city)); got != "true" {
		t.Errorf("aria-pressed of the chosen city = %q, want true", got)
	}
	if q, _ := url.ParseQuery(strings.TrimPrefix(tb.str(`location.search`), "?")); q.Get("city") != city || q.Get("q") != "市民" {
		t.Errorf("URL state = %v, want q=市民 and city=%s", q, city)
	}
	// Clicking again removes the filter.
	tb.click(fmt.Sprintf(`$$(".facet").find((b) => b.firstChild.textContent === %q)`, city))
	tb.waitFor(fmt.Sprintf(`txt($("[role=status]")) === "段落 %d件見つかりました"`, all.TotalHits))
}

// smallestFacet is the known value with the fewest hits.
func smallestFacet(counts map[string]int) (string, int) {
	best, bn := "", 0
	for k, n := range counts {
		if k != "unknown" && (best == "" || n < bn || n == bn && k < best) {
			best, bn = k, n
		}
	}
	return best, bn
}

func TestSuggestionsKeyboard(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/")
	tb.focusInput()
	tb.insertText("子")
	tb.waitFor(`visible($("[role=listbox]")) && $$("[role=option]").length > 1`)

	var want []string
	for _, sg := range suggestAPI(t, s, "子") {
		if sg.Text == "子" {
			continue
		}
		kind := fmt.Sprint(sg.Count)
		if sg.Kind == "title" {
			kind = "文書名"
		}
		want = append(want, sg.Text+" "+kind)
	}
	if got := tb.strs(`$$("[role=option]").map((o) => [...o.children].map(txt).join(" "))`); !slices.Equal(got, want) {
		t.Errorf("options = %q, want %q", got, want)
	}
	combobox := `(() => { const i = $("input[type=search]"), a = i.getAttribute("aria-activedescendant");
	  return [i.getAttribute("role"), i.getAttribute("aria-expanded"), i.getAttribute("aria-controls") === $("[role=listbox]").id ? "controls" : "-",
	    a ? String($$("[role=option]").findIndex((o) => o.id === a)) : "none",
	    $$("[role=option]").map((o) => o.getAttribute("aria-selected") === "true" ? "S" : ".").join(""),
	    visible($("[role=listbox]")) ? "open" : "closed"].join(" "); })()`
	opts := len(want)
	steps := []struct{ key, want string }{
		{"", "combobox true controls none " + strings.Repeat(".", opts) + " open"},
		{kb.ArrowDown, "combobox true controls 0 S" + strings.Repeat(".", opts-1) + " open"},
		{kb.ArrowDown, "combobox true controls 1 .S" + strings.Repeat(".", opts-2) + " open"},
		{kb.ArrowUp, "combobox true controls 0 S" + strings.Repeat(".", opts-1) + " open"},
		{kb.Escape, "combobox false controls none " + strings.Repeat(".", opts) + " closed"},
		{kb.ArrowDown, "combobox true controls 0 S" + strings.Repeat(".", opts-1) + " open"},
	}
	for i, st := range steps {
		if st.key != "" {
			tb.key(st.key)
		}
		if got := tb.str(combobox); got != st.want {
			t.Errorf("step %d (%q): %s, want %s", i, st.key, got, st.want)
		}
	}
	if v := tb.str(`$("input[type=search]").value`); v != "子" {
		t.Errorf("moving through the options changed the input to %q", v)
	}
	tb.key(kb.Enter) // picks 子ども
	tb.waitFor(`txt($("[role=status]")) !== "" && $("input[type=search]").value === "子ども"`)
	tb.waitFor(statusDone)
	if got := tb.str(combobox); got != "combobox false controls none  closed" && !strings.HasPrefix(got, "combobox false controls none") {
		t.Errorf("after Enter: %s, want the listbox closed", got)
	}
	if got := tb.str(`R.activeElement && R.activeElement.type`); got != "search" {
		t.Errorf("focus after choosing = %q, want the search box", got)
	}
	n := 0
	for _, c := range s.calls("/api/search") {
		if c.Get("q") == "子ども" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d searches for 子ども, want 1", n)
	}
}

func suggestAPI(t *testing.T, s *stack, q string) []search.Suggestion {
	t.Helper()
	var out struct{ Suggestions []search.Suggestion }
	s.get(t, "/api/suggest?n=8&q="+url.QueryEscape(q), &out)
	return out.Suggestions
}

// focusJS names the focused control by kind, and flags a missing focus ring.
const focusJS = `(() => {
  const a = R.activeElement;
  if (!a) return "outside " + document.activeElement.tagName;
  const kind = a.classList.contains("facet") ? "facet" : a.closest(".hit") ? "hit-link" : a.closest(".pager") ? "page"
    : a.closest(".chart") ? "chart"
    : a.matches("input[type=search]") ? "search" : a.matches("button[type=submit]") ? "submit" : a.matches("select") ? "sort"
    : a.matches("input[type=number]") ? "year" : a.matches("[role=switch]") ? "expand" : a.matches("a.csv") ? "csv"
    : a.matches("button.more") ? "show-all" : a.matches("summary") ? "filters" : a.outerHTML.slice(0, 60);
  const cs = getComputedStyle(a);
  return kind + (cs.outlineStyle === "solid" && parseFloat(cs.outlineWidth) >= 2 ? "" : " (no focus ring)");
})()`

func TestTabOrder(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("市民"))
	tb.waitFor(statusDone)
	tb.waitFor(`$$(".chart button").length > 0`) // drawn after its own requests: count its buttons too
	tb.focusInput()
	total := tb.num(`$$("button:not([disabled]), a[href], input, select, summary").filter((e) => visible(e) && e.tabIndex >= 0).length`)
	var stops []string
	for range total {
		stops = append(stops, tb.str(focusJS))
		tb.key(kb.Tab)
	}
	stops = append(stops, tb.str(focusJS))
	var kinds []string
	for _, k := range stops {
		if k == "show-all" { // after the facet group it opens; checked below
			continue
		}
		if len(kinds) == 0 || kinds[len(kinds)-1] != k {
			kinds = append(kinds, k)
		}
	}
	want := []string{"search", "submit", "sort", "year", "expand", "csv", "filters", "facet", "chart", "hit-link", "page", "outside A"}
	if !slices.Equal(kinds, want) {
		t.Errorf("Tab order (runs collapsed):\n%s\nwant %s", strings.Join(kinds, "\n"), strings.Join(want, ", "))
	}
	if links, seen := tb.num(`$$(".hit a, .hit button").length`), count(stops, "hit-link"); seen != links {
		t.Errorf("Tab reached %d of the %d result links and actions", seen, links)
	}
	if n, seen := tb.num(`$$(".chart button").filter((b) => b.tabIndex >= 0).length`), count(stops, "chart"); seen != n || n == 0 {
		t.Errorf("Tab reached %d of the %d chart buttons (legend and table switch)", seen, n)
	}
	if facets, seen := tb.num(`$$(".facet").length`), count(stops, "facet"); seen != facets {
		t.Errorf("Tab reached %d of the %d facet buttons", seen, facets)
	}
	if more, seen := tb.num(`$$("button.more").length`), count(stops, "show-all"); seen != more || more == 0 {
		t.Errorf("Tab reached %d of the %d show-all buttons (市民 has more than 12 departments)", seen, more)
	}
	tb.do(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	if got := tb.str(focusJS); got != "page" {
		t.Errorf("Shift+Tab from after the widget lands on %q, want the last page button", got)
	}
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// TestIMECompositionDoesNotSearch types Japanese the way an IME does and
// counts, on the server, the requests the widget sends.
func TestIMECompositionDoesNotSearch(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/")
	tb.focusInput()
	apiCalls := func() int { return len(s.calls("/api/search")) + len(s.calls("/api/suggest")) }

	// 1. Synthetic events in Chrome's order: compositionstart, then
	// compositionupdate + input (isComposing) per keystroke, then the Enter
	// that confirms the conversion (isComposing, keyCode 229).
	var prevented bool
	tb.eval(`(() => {
	  const i = $("input[type=search]");
	  i.dispatchEvent(new CompositionEvent("compositionstart", {bubbles: true, composed: true, data: ""}));
	  for (const v of ["こ", "こそ", "こそだ", "こそだて", "子育て"]) {
	    i.dispatchEvent(new CompositionEvent("compositionupdate", {bubbles: true, composed: true, data: v}));
	    i.value = v;
	    i.dispatchEvent(new InputEvent("input", {bubbles: true, composed: true, isComposing: true, data: v, inputType: "insertCompositionText"}));
	  }
	  const enter = new KeyboardEvent("keydown", {bubbles: true, cancelable: true, composed: true, key: "Enter", code: "Enter", isComposing: true});
	  Object.defineProperty(enter, "keyCode", {value: 229});
	  i.dispatchEvent(enter);
	  return enter.defaultPrevented;
	})()`, &prevented)
	time.Sleep(800 * time.Millisecond) // three debounce periods
	if n := apiCalls(); n != 0 {
		t.Errorf("%d API requests while composing, want 0: %v %v", n, s.calls("/api/search"), s.calls("/api/suggest"))
	}
	if !prevented {
		t.Error("the Enter that confirms a conversion was not prevented from submitting the form")
	}
	if u := tb.str(`location.search`); u != "" {
		t.Errorf("URL changed while composing: %q", u)
	}
	tb.eval(`$("input[type=search]").dispatchEvent(new CompositionEvent("compositionend", {bubbles: true, composed: true, data: "子育て"}))`, nil)
	tb.waitFor(statusDone)
	if c := s.calls("/api/search"); len(c) != 1 || c[0].Get("q") != "子育て" {
		t.Errorf("searches after compositionend = %v, want one for 子育て", c)
	}

	// 2. Safari sends the confirming Enter after compositionend, with
	// isComposing false but keyCode 229: still not a submit.
	tb.eval(`(() => {
	  const i = $("input[type=search]");
	  i.value = "子育て 支援";
	  const enter = new KeyboardEvent("keydown", {bubbles: true, cancelable: true, composed: true, key: "Enter"});
	  Object.defineProperty(enter, "keyCode", {value: 229});
	  i.dispatchEvent(enter);
	  return enter.defaultPrevented;
	})()`, &prevented)
	time.Sleep(800 * time.Millisecond)
	if c := s.calls("/api/search"); len(c) != 1 {
		t.Errorf("the keyCode 229 Enter searched: %v", c)
	}
	if !prevented {
		t.Error("the keyCode 229 Enter was not prevented from submitting the form")
	}
	// A real Enter submits at once.
	tb.key(kb.Enter)
	tb.waitFor(`new URLSearchParams(location.search).get("q") === "子育て 支援"`)
	tb.waitFor(statusDone)
	if c := s.calls("/api/search"); len(c) != 2 || c[1].Get("q") != "子育て 支援" {
		t.Errorf("searches after Enter = %v, want a second one for 子育て 支援", c)
	}

	// 3. Chrome's own IME path (Input.imeSetComposition): trusted
	// composition events; the commit searches once.
	tb.eval(`($("input[type=search]").value = "", true)`, nil)
	before := len(s.calls("/api/search"))
	for _, text := range []string{"た", "たよ", "たよう", "多様"} {
		n := int64(len([]rune(text)))
		if _, err := chromedp.Call(tb.ctx, input.ImeSetComposition, input.ImeSetCompositionParams{Text: text, SelectionStart: n, SelectionEnd: n}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(600 * time.Millisecond)
	if c := s.calls("/api/search"); len(c) != before {
		t.Errorf("searches during the IME composition: %v", c[before:])
	}
	tb.insertText("多様性") // commits the composition
	tb.waitFor(`new URLSearchParams(location.search).get("q") === "多様性"`)
	tb.waitFor(statusDone)
	if c := s.calls("/api/search")[before:]; len(c) != 1 || c[0].Get("q") != "多様性" {
		t.Errorf("searches after the commit = %v, want one for 多様性", c)
	}
}

// Esc closes the suggestions; pressed again it keeps the query and its
// results (a search box's native Esc cleared both).
func TestEscapeKeepsQueryAndResults(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("市民"))
	tb.waitFor(statusDone)
	hits := tb.num(`$$(".hit").length`)
	if hits == 0 {
		t.Fatal("no hits for 市民")
	}
	tb.focusInput()
	tb.key(kb.Escape)
	tb.key(kb.Escape)
	tb.key(kb.Escape)
	if v := tb.str(`$("input[type=search]").value`); v != "市民" {
		t.Errorf("after Esc Esc Esc the box holds %q, want 市民", v)
	}
	tb.waitFor(statusDone)
	if got := tb.num(`$$(".hit").length`); got != hits {
		t.Errorf("after Esc Esc Esc %d hits shown, want %d", got, hits)
	}
}
