package browser

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// A relaxed search says so above the results, and each hit that holds only
// parts of a word says which (犯罪被害者支援 is written 犯罪被害者等… in the
// samples); the phone width is checked too, with a screenshot.
func TestRelaxedSearchExplainsItself(t *testing.T) {
	s := newStack(t, "")
	for _, width := range []int{1280, 375} {
		tb := newTab(t, width, 900)
		tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("犯罪被害者支援"))
		tb.waitFor(statusDone)
		want := s.searchAPI(t, fullParams("q=犯罪被害者支援"))
		if want.Relaxed == nil {
			t.Fatal("the API did not relax 犯罪被害者支援")
		}
		if got := tb.str(`txt($(".notice.relaxed"))`); got != want.Relaxed.Message {
			t.Errorf("%d px: relaxed notice %q, want %q", width, got, want.Relaxed.Message)
		}
		badges := tb.strs(`$$(".hit .badges .badge").map(txt)`)
		if len(badges) == 0 || !strings.HasPrefix(badges[0], "「犯罪被害者支援」の一部（") {
			t.Errorf("%d px: badges %q", width, badges)
		}
		for i, h := range want.Hits {
			if h.Match == nil || (h.Match.Kind == "exact") != (tb.num(`$$(".hit")[`+itoa(i)+`].querySelectorAll(".badge").length`) == 0) {
				t.Errorf("%d px: hit %d (%s, %+v) badges disagree with its match", width, i, h.ID, h.Match)
			}
		}
		if n := tb.num(`document.documentElement.scrollWidth - innerWidth`); n > 0 {
			t.Errorf("%d px: the page is %d px wider than the window", width, n)
		}
		t.Logf("%s", tb.screenshot("relaxed-"+itoa(width)))
	}
}

// もしかして: a typo offers the corrected query as one click, which searches it.
func TestDidYouMeanIsOneClick(t *testing.T) {
	s := newStack(t, "")
	tb := newTab(t, 1280, 900)
	tb.navigate(s.api.URL + "/?q=" + url.QueryEscape("多文化共性"))
	tb.waitFor(statusDone)
	if got := tb.str(`txt($(".didyoumean"))`); got != "もしかして：多文化共生" {
		t.Fatalf("did you mean = %q", got)
	}
	tb.click(`$(".didyoumean .fix")`)
	tb.waitFor(`new URLSearchParams(location.search).get("q") === "多文化共生"`)
	tb.waitFor(statusDone)
	if got := tb.str(`R.querySelector("input[type=search], input").value`); got != "多文化共生" {
		t.Errorf("input = %q after the click", got)
	}
	if tb.num(`$$(".hit").length`) == 0 || tb.str(`txt($(".didyoumean"))`) != "" {
		t.Error("the corrected search shows no hits, or still offers a correction")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
