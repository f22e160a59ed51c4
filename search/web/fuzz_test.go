package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzParams sends arbitrary query strings to /api/search and
// /api/search.csv: whatever the parameters, the answer is never a 5xx.
func FuzzParams(f *testing.F) {
	for _, s := range []string{
		"q=%E5%A4%9A%E6%96%87%E5%8C%96%E5%85%B1%E7%94%9F&year=2019..2022&facets=*",
		"q=\"unbalanced&page=-1&hitsPerPage=100000",
		"year=..&year=9999999999999999999999&cropLength=-3",
		"q=%ff%fe%fd&city=%00",
		"page=10000&hitsPerPage=100&sort=date&distinct=document&expand=0",
		"facets=,,,*&city=,,,&highlightPreTag=%3Cscript%3E",
		"q=a;b&%zz",
	} {
		f.Add(s)
	}
	srv := NewServer(DefaultConfig(), &fakeBackend{}, nil)
	f.Fuzz(func(t *testing.T, raw string) {
		for _, path := range []string{"/api/search", "/api/search.csv"} {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL.Path, req.URL.RawQuery, req.RequestURI = path, raw, path+"?"+raw
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("%s?%q: status %d: %s", path, raw, rec.Code, rec.Body)
			}
		}
	})
}
