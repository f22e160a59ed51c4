package browser

import (
	"net/url"
	"testing"
)

// TestPhoneShowsFirstHitEarly: on a 375 px phone, a theme search that
// reads several notices and has a chart starts its first hit within the
// first screen and a half: the notices fold into one line, the chart into
// one line that opens it (and then asks for its data).
func TestPhoneShowsFirstHitEarly(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 375, 667)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("多文化共生 子育て"))
	tb.waitFor(statusDone + ` && $(".hit")`)
	if top := tb.num(`Math.round($(".hit").getBoundingClientRect().top + scrollY)`); top > 800 {
		t.Errorf("the first hit starts %d px down on a phone, want at most 800", top)
	}
	if n := tb.num(`$$(".expansions .notice").length`); n > 1 && tb.num(`$$(".expansions details.notices").length`) != 1 {
		t.Errorf("%d notice lines not folded into one", n)
	}
	if n := len(s.chartCalls()); n != 0 {
		t.Errorf("%d chart requests before the chart was opened", n)
	}
	tb.click(`$(".chart-open")`)
	tb.waitFor(`$(".chart svg")`)
	if got := tb.str(`$(".chart-open").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("the opened chart's button says aria-expanded=%s", got)
	}
	tb.click(`$(".chart-open")`)
	tb.waitFor(`!$(".chart svg")`)
}
