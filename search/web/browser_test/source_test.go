package browser

import (
	"net/url"
	"strings"
	"testing"
)

// A hit's 出典 is its document's title and its city's official site,
// linked, where the document states no address: 広報くらしき's articles
// showed their file, 「kurashiki-2024-10.csv 10件目」. The file name stays in
// the API's source field (and the CSV).
func TestSourceIsTitleAndCitySite(t *testing.T) {
	s := newStack(t, "")
	const q = "男女共同参画"
	want := s.searchAPI(t, fullParams("q="+q))
	for _, width := range []int{1280, 375} {
		tb := newTab(t, width, 900)
		tb.navigate(s.api.URL + "/?q=" + url.QueryEscape(q))
		tb.waitFor(statusDone)
		got := tb.strs(`$$(".hit .links .source").map(txt)`)
		hrefs := tb.strs(`$$(".hit .links .source a").map((a) => a.href)`)
		if len(got) != len(want.Hits) {
			t.Fatalf("%d px: %d sources for %d hits: %q", width, len(got), len(want.Hits), got)
		}
		kurashiki := 0
		for i, h := range want.Hits {
			if strings.Contains(got[i], ".csv") || strings.Contains(got[i], "件目") {
				t.Errorf("%d px: hit %d shows its file: %q", width, i, got[i])
			}
			if h.URL != "" || h.CitySite == "" {
				continue
			}
			w := "出典: " + h.Title + " (" + strings.TrimPrefix(h.CitySite, "https://") + ")"
			if got[i] != w {
				t.Errorf("%d px: hit %d source %q, want %q", width, i, got[i], w)
			}
			if h.CitySite == "https://www.city.kurashiki.okayama.jp/" {
				kurashiki++
			}
		}
		if kurashiki == 0 {
			t.Errorf("%d px: no 倉敷市 hit without an address: the test proves nothing", width)
		}
		for _, u := range hrefs {
			if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
				t.Errorf("%d px: source link %q", width, u)
			}
		}
		if n := tb.num(`document.documentElement.scrollWidth - innerWidth`); n > 0 {
			t.Errorf("%d px: the page is %d px wider than the window", width, n)
		}
		tb.eval(`($$(".hit")[0].scrollIntoView(), true)`, nil)
		t.Logf("%s", tb.screenshot("source-"+itoa(width)))
	}
	for _, h := range want.Hits {
		if h.CitySite != "" && h.URL == "" && !strings.Contains(h.Source, ".") {
			t.Errorf("API source %q of %s is no longer the file", h.Source, h.ID)
		}
	}
}
