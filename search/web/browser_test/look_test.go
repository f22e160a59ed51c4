package browser

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// contrastJS lists the visible text in the shadow root whose contrast with
// its background is under 4.5:1 (WCAG 2.1 AA), as "text colour/background
// ratio". Backgrounds are looked up through the ancestors, across the shadow
// boundary; the page's own background is white.
const contrastJS = `(() => {
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const bg = (el) => { for (let e = el; e; e = e.parentElement || (e.getRootNode().host || null)) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const out = [];
  const walker = document.createTreeWalker(R, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !visible(el) || el.closest(".vh")) continue;
    const fg = rgb(getComputedStyle(el).color).slice(0, 3), b = bg(el);
    const [l1, l2] = [lum(fg), lum(b)].sort((x, y) => y - x), ratio = (l1 + 0.05) / (l2 + 0.05);
    if (ratio < 4.5) out.push(n.textContent.trim().slice(0, 20) + " " + fg + "/" + b + " " + ratio.toFixed(2));
  }
  return out;
})()`

// TestLooks saves screenshots of the page and the widget, desktop and
// phone sized, and checks contrast and that nothing overflows a phone screen.
func TestLooks(t *testing.T) {
	s := newStack(t, "")
	for _, size := range []struct{ w, h int }{{1280, 900}, {375, 667}} {
		t.Run(fmt.Sprint(size.w), func(t *testing.T) {
			tb := newTab(t, size.w, size.h)
			tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("子育て 支援"))
			tb.waitFor(statusDone)
			if size.w < 640 {
				tb.click(`$("details.facets summary")`) // folded on a phone
			}
			tb.click(`$$(".facet")[0]`) // a pressed facet has its own colours
			tb.waitFor(statusDone + ` && $(".facet[aria-pressed=true]")`)
			checkLayout(t, tb, size.w)
			t.Logf("page: %s", tb.screenshot(fmt.Sprintf("page-%d", size.w)))

			tb.focusInput()
			tb.eval(`($("input[type=search]").value = "", true)`, nil)
			tb.insertText("子")
			tb.waitFor(`visible($("[role=listbox]"))`)
			tb.key(kb.ArrowDown) // an active option
			checkContrast(t, tb, "suggestions")
			t.Logf("suggestions: %s", tb.screenshot(fmt.Sprintf("suggest-%d", size.w)))
			tb.key(kb.Escape)

			tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("市政改革"))
			tb.waitFor(statusDone)
			tb.click(`$(".hit h3 a")`)
			tb.waitFor(`visible($("article.doc h2"))`)
			checkContrast(t, tb, "document")
			checkLayout(t, tb, size.w)
			t.Logf("document: %s", tb.screenshot(fmt.Sprintf("document-%d", size.w)))
			tb.eval(`(scrollTo(0, 0), true)`, nil)
			t.Logf("document top: %s", tb.screenshot(fmt.Sprintf("document-top-%d", size.w)))

			// The journalist's chart and the staff member's precedents.
			tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("子育て"))
			if size.w < 640 { // a phone shows the chart as one line that opens it
				tb.waitFor(statusDone + ` && $(".chart-open")`)
				tb.click(`$(".chart-open")`)
			}
			tb.waitFor(statusDone + ` && $(".chart svg")`)
			tb.eval(`($(".chart").scrollIntoView(), true)`, nil)
			checkContrast(t, tb, "chart")
			checkLayout(t, tb, size.w)
			if w, box := tb.num(`Math.round($(".chart svg").getBoundingClientRect().right)`), tb.num(`Math.round($(".chart").getBoundingClientRect().right)`); w > box || w > size.w {
				t.Errorf("the chart is %dpx wide past its %dpx box", w, box)
			}
			t.Logf("chart: %s", tb.screenshot(fmt.Sprintf("chart-%d", size.w)))
			tb.click(`$(".chart .table-toggle")`) // the table
			tb.waitFor(`visible($(".chart table"))`)
			checkContrast(t, tb, "chart table")
			checkLayout(t, tb, size.w)
			t.Logf("chart table: %s", tb.screenshot(fmt.Sprintf("chart-table-%d", size.w)))
			tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("多文化共生 大阪市"))
			tb.waitFor(statusDone + ` && $(".hit .similar")`)
			tb.click(`$(".hit .similar")`)
			tb.waitFor(`$$(".precedents li").length > 0`)
			tb.eval(`($(".precedents").scrollIntoView(), true)`, nil)
			checkContrast(t, tb, "similar")
			checkLayout(t, tb, size.w)
			t.Logf("similar: %s", tb.screenshot(fmt.Sprintf("similar-%d", size.w)))

			// One result per document, and a query read as a filter.
			tb.navigate(s.api.URL + "/?group=document&q=" + url.QueryEscape("子育て -倉敷市"))
			tb.waitFor(statusDone + ` && $(".expansions .notice")`)
			checkContrast(t, tb, "grouped")
			checkLayout(t, tb, size.w)
			t.Logf("grouped: %s", tb.screenshot(fmt.Sprintf("grouped-%d", size.w)))

			tb.navigate(s.api.URL + "/demo")
			tb.focusInput()
			tb.insertText("区役所")
			tb.waitFor(statusDone)
			tb.click(`$("details.facets summary")`)
			tb.eval(`(document.querySelector("seisaku-search").scrollIntoView(), true)`, nil)
			checkContrast(t, tb, "widget")
			checkLayout(t, tb, size.w)
			t.Logf("widget: %s", tb.screenshot(fmt.Sprintf("widget-%d", size.w)))
		})
	}
}

func checkContrast(t *testing.T, tb *tab, what string) {
	t.Helper()
	if low := tb.strs(contrastJS); len(low) > 0 {
		t.Errorf("%s: text under 4.5:1 contrast:\n%s", what, strings.Join(low, "\n"))
	}
}

// checkLayout: no horizontal scrolling, and on a phone the filters sit
// above the results, not beside them.
func checkLayout(t *testing.T, tb *tab, width int) {
	t.Helper()
	if junk := tb.str(`(R.textContent.match(/null|undefined|NaN|\[object/) || [""])[0]`); junk != "" {
		t.Errorf("the page shows %q", junk)
	}
	if w := tb.num(`document.documentElement.scrollWidth`); w > width {
		t.Errorf("page is %dpx wide in a %dpx window", w, width)
	}
	if width > 640 {
		return
	}
	if side := tb.num(`(() => { const f = $(".facets"), r = $(".results"); return visible(f) && visible(r) && f.getBoundingClientRect().bottom > r.getBoundingClientRect().top + 1 ? 1 : 0; })()`); side != 0 {
		t.Error("on a phone the filters sit beside the results")
	}
}
