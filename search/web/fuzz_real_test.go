package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"seisaku/indexer"
	"seisaku/indexer/samples"
	"seisaku/search"
)

var (
	samplesOnce    sync.Once
	samplesBackend *search.Searcher
	samplesErr     error
)

// samplesSearcher is the real engine over the bundled samples, built once
// per test binary.
func samplesSearcher(tb testing.TB) *search.Searcher {
	tb.Helper()
	samplesOnce.Do(func() {
		idx, _, err := indexer.BuildMemory(context.Background(), samples.FS(), indexer.Options{})
		if err != nil {
			samplesErr = err
			return
		}
		samplesBackend = search.New(idx)
	})
	if samplesErr != nil {
		tb.Fatal(samplesErr)
	}
	return samplesBackend
}

// FuzzSearchAPI sends arbitrary query strings and paths to the API over
// the real engine and the bundled samples (the fast path and bleve's): no
// answer is a 5xx, every JSON answer parses and is valid UTF-8, a search
// never returns more hits than it counts or than a page holds, and without
// custom highlight tags the only markup in highlighted text is <mark>.
func FuzzSearchAPI(f *testing.F) {
	for _, s := range []string{
		"/api/search?q=%E5%A4%9A%E6%96%87%E5%8C%96%E5%85%B1%E7%94%9F&facets=*",
		"/api/search?q=%E5%B8%82%E6%B0%91+-%E5%A4%A7%E9%98%AA&year=2019..2022&sort=year",
		"/api/search?q=%22%E5%8C%BA%E6%94%BF%E4%BC%9A%E8%AD%B0%22&distinct=document&hitsPerPage=100",
		"/api/search?q=%E3%81%93%E3%81%86%E3%81%BB%E3%81%86%E3%81%97&page=2&hitsPerPage=1",
		"/api/search?q=a+OR+OR+-&cropLength=1&facets=city,year",
		"/api/search?q=%ff%fe&city=%00&year=..",
		"/api/search?q=" + strings.Repeat("%E5%B8%82+", 60),
		"/api/search?city=%E5%A4%A7%E9%98%AA%E5%B8%82&facets=issue_type&page=500",
		"/api/suggest?q=%E5%A4%9A",
		"/api/similar/x-1",
		"/api/documents/%2e%2e",
		"/api/search.csv?q=%E4%BA%BA%E6%A8%A9",
	} {
		f.Add(s)
	}
	srv := NewServer(DefaultConfig(), samplesSearcher(f), nil)
	f.Fuzz(func(t *testing.T, target string) {
		path, raw, _ := strings.Cut(target, "?")
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \t\r\n") {
			return
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path, req.URL.RawQuery, req.RequestURI = path, raw, target
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%q: status %d: %s", target, rec.Code, rec.Body)
		}
		body := rec.Body.Bytes()
		if !utf8.Valid(body) {
			t.Fatalf("%q: invalid UTF-8 in the answer", target)
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			return
		}
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatalf("%q: answer is not JSON: %v", target, err)
		}
		if path != "/api/search" || rec.Code != http.StatusOK {
			return
		}
		var res search.Result
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatalf("%q: %v", target, err)
		}
		if len(res.Hits) > res.TotalHits || len(res.Hits) > res.HitsPerPage {
			t.Fatalf("%q: %d hits, totalHits %d, hitsPerPage %d", target, len(res.Hits), res.TotalHits, res.HitsPerPage)
		}
		if strings.Contains(raw, "highlightPreTag") || strings.Contains(raw, "highlightPostTag") {
			return
		}
		for _, h := range res.Hits {
			for _, s := range append([]string{h.Formatted.Text, h.Formatted.Title}, h.Formatted.Headings...) {
				if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s); strings.ContainsAny(rest, "<>") {
					t.Fatalf("%q: markup other than <mark> in %q", target, s)
				}
			}
		}
	})
}
