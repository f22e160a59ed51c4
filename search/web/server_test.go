package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"seisaku/search"
)

// get fetches path from ts with optional headers "Name: value".
func get(t *testing.T, ts string, path string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	return do(t, http.MethodGet, ts+path, headers...)
}

func do(t *testing.T, method, u string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	res, err := http.DefaultTransport.RoundTrip(req) // no transparent gunzip
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decoding %.200s: %v", body, err)
	}
	return v
}

func TestSearchReturnsHits(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	res, body := get(t, ts.URL, "/api/search?q="+url.QueryEscape("多文化共生")+"&city=大阪市")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	r := decode[search.Result](t, body)
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "shimin-3 shimin-4" || r.TotalHits != 2 {
		t.Errorf("hits = %q (total %d), want shimin-3 shimin-4", got, r.TotalHits)
	}
	if !strings.Contains(r.Hits[0].Formatted.Text, "<mark>多文化共生</mark>") {
		t.Errorf("_formatted.text = %q, want a marked 多文化共生", r.Hits[0].Formatted.Text)
	}
}

func TestSearchNoHitsIsEmptyList(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	_, body := get(t, ts.URL, "/api/search?q="+url.QueryEscape("存在しない語"))
	if !bytes.Contains(body, []byte(`"hits":[]`)) {
		t.Errorf("body %s, want \"hits\":[]", body)
	}
}

func TestErrors(t *testing.T) {
	panicky := &fakeBackend{search: func(context.Context, search.Request) (*search.Result, error) {
		panic("secret index path /var/lib/seisaku")
	}}
	failing := &fakeBackend{search: func(context.Context, search.Request) (*search.Result, error) {
		return nil, errors.New("bleve: segment /var/lib/seisaku/x corrupt")
	}}
	tests := []struct {
		name    string
		backend Backend
		path    string
		want    string // status code message-fragment
	}{
		{"unbalanced quote", nil, "/api/search?q=%22%E5%A4%9A%E6%96%87%E5%8C%96", `400 invalid 引用符が閉じていません`},
		{"bad year", nil, "/api/search?q=x&year=2022-2023", `400 invalid year must be a year like 2022`},
		{"huge hitsPerPage", nil, "/api/search?hitsPerPage=100000", `400 invalid hitsPerPage は 1 から 100`},
		{"negative page", nil, "/api/search?page=-1", `400 invalid page は 1 から 10000`},
		// one limit on a query, however long and whatever its script, in JSON
		{"long q", nil, "/api/search?q=" + strings.Repeat("a", 1001), `400 invalid 256文字以内`},
		{"257 characters", nil, "/api/search?q=" + strings.Repeat("a", 257), `400 invalid 256文字以内`},
		{"10,000 kanji", nil, "/api/search?q=" + url.QueryEscape(strings.Repeat("漢", 10000)), `400 invalid 256文字以内`},
		{"long suggest", nil, "/api/suggest?q=" + url.QueryEscape(strings.Repeat("漢", 300)), `400 invalid 256文字以内`},
		{"long URL", nil, "/api/search?q=a&city=" + strings.Repeat("b", 9000), `414 too_large the limit is 8192`},
		{"unknown document", nil, "/api/documents/nope", `404 not_found no document nope`},
		{"unknown route", nil, "/api/nothing", `404 not_found no such route`},
		{"bad n", nil, "/api/suggest?q=%E5%A4%9A&n=1000", `400 invalid n は 1 から 20`},
		{"panic", panicky, "/api/search?q=x", `500 internal 索引の読み取りに失敗しました`},
		{"backend error", failing, "/api/search?q=x", `500 internal internal error`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, DefaultConfig(), tt.backend)
			res, body := get(t, ts.URL, tt.path)
			e := decode[errorBody](t, body)
			want := strings.SplitN(tt.want, " ", 3)
			if res.Status[:3] != want[0] || e.Code != want[1] || !strings.Contains(e.Message, want[2]) {
				t.Errorf("got %s %s %s\nwant %s", res.Status[:3], e.Code, e.Message, tt.want)
			}
			if bytes.Contains(body, []byte("/var/lib")) {
				t.Errorf("response leaks internals: %s", body)
			}
			if e.RequestID == "" || e.RequestID != res.Header.Get("X-Request-Id") {
				t.Errorf("requestId %q, header %q", e.RequestID, res.Header.Get("X-Request-Id"))
			}
		})
	}
}

func TestDocumentSuggestSimilar(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	_, body := get(t, ts.URL, "/api/documents/hirakata")
	if d := decode[search.DocumentView](t, body); d.Title != "市長公室の取り組み" || len(d.Passages) != 1 {
		t.Errorf("document = %+v", d)
	}
	_, body = get(t, ts.URL, "/api/suggest?q="+url.QueryEscape("多文化"))
	if s := decode[suggestResponse](t, body); len(s.Suggestions) != 1 || s.Suggestions[0].Text != "多文化共生" {
		t.Errorf("suggest = %s", body)
	}
	_, body = get(t, ts.URL, "/api/suggest?q=")
	if string(body) != `{"query":"","suggestions":[]}`+"\n" {
		t.Errorf("empty suggest = %s", body)
	}
	_, body = get(t, ts.URL, "/api/similar/shimin-3?n=1")
	if r := decode[search.SimilarResult](t, body); len(r.Hits) != 1 || r.Hits[0].ID != "shimin-3" ||
		r.Hits[0].Elsewhere != "department" || len(r.Hits[0].Shared) != 1 || !strings.Contains(string(body), `"sharedWords":["多文化共生"]`) {
		t.Errorf("similar = %s", body)
	}
}

func TestCSVExport(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	res, body := get(t, ts.URL, "/api/search.csv?q="+url.QueryEscape("推進")+"&hitsPerPage=1")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 BOM: % x", body[:min(8, len(body))])
	}
	cd := res.Header.Get("Content-Disposition")
	if !regexp.MustCompile(`^attachment; filename=seisaku-\d{8}-\d{6}\.csv; filename\*=utf-8''seisaku-%E6%8E%A8%E9%80%B2-\d{8}-\d{6}\.csv$`).MatchString(cd) {
		t.Errorf("Content-Disposition = %q", cd)
	}
	recs, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != strings.Join(csvHeader, ",") {
		t.Errorf("header = %s", got)
	}
	var rows []string
	for _, r := range recs[1:] {
		col := func(name string) string { return r[slices.Index(csvHeader, name)] }
		rows = append(rows, strings.Join([]string{col("passage_id"), col("city"), col("year"), col("issue_types"), col("headings"),
			string([]rune(col("text"))[:4]), col("source"), col("permalink"), col("match")}, "|"))
	}
	want := []string{
		"shimin-3|大阪市|2022|多文化共生・国際|経営課題1›戦略1-1 多文化共生社会づくりの推進|大阪市多|seeds/001.txt|http://" + ts.Listener.Addr().String() + "/api/documents/shimin#shimin-3|",
		"shimin-4|大阪市|2022|多文化共生・国際||地域にお|https://www.city.osaka.lg.jp/shimin/|http://" + ts.Listener.Addr().String() + "/api/documents/shimin#shimin-4|exact 多文化共生:exact",
		"seisaku-1|大阪市|2022|||'=市民|seeds/000.txt|http://" + ts.Listener.Addr().String() + "/api/documents/seisaku#seisaku-1|",
	}
	if got := strings.Join(rows, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if res.Header.Get("X-Total-Hits") != "3" || res.Header.Get("X-Export-Truncated") != "false" {
		t.Errorf("X-Total-Hits %q X-Export-Truncated %q", res.Header.Get("X-Total-Hits"), res.Header.Get("X-Export-Truncated"))
	}
}

func TestCSVExportBound(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxExportRows, cfg.MaxHitsPerPage, cfg.DefaultHitsPerPage = 2, 1, 1
	ts := newTestServer(t, cfg, nil)
	res, body := get(t, ts.URL, "/api/search.csv?q="+url.QueryEscape("推進"))
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte(utf8BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || res.Header.Get("X-Export-Truncated") != "true" {
		t.Errorf("%d records, truncated=%q; want header + 2 rows, true", len(recs), res.Header.Get("X-Export-Truncated"))
	}
}

func TestCORS(t *testing.T) {
	cfg := DefaultConfig()
	cfg.AllowedOrigins = []string{"https://www.city.hirakata.osaka.jp"}
	ts := newTestServer(t, cfg, nil)
	for _, tt := range []struct{ origin, want string }{
		{"https://www.city.hirakata.osaka.jp", "https://www.city.hirakata.osaka.jp"},
		{"https://evil.example.com", ""},
	} {
		res, _ := do(t, http.MethodOptions, ts.URL+"/api/search",
			"Origin: "+tt.origin, "Access-Control-Request-Method: GET")
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != tt.want {
			t.Errorf("preflight from %s: Allow-Origin %q, want %q", tt.origin, got, tt.want)
		}
		res, _ = get(t, ts.URL, "/api/search?q=x", "Origin: "+tt.origin)
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != tt.want {
			t.Errorf("GET from %s: Allow-Origin %q, want %q", tt.origin, got, tt.want)
		}
	}
}

func TestCORSAnyOrigin(t *testing.T) {
	cfg := DefaultConfig()
	cfg.AllowedOrigins = []string{"*"}
	ts := newTestServer(t, cfg, nil)
	res, _ := get(t, ts.URL, "/api/search?q=x", "Origin: https://www.city.kashiwara.osaka.jp")
	if got := res.Header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Allow-Origin %q, want *", got)
	}
}

// TestRateLimitBudgets: suggestions have their own budget, so a person
// typing does not use up the searches of the colleagues behind the same
// address, and the defaults let 30 people type and search at once.
func TestRateLimitBudgets(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RateLimit, cfg.RateBurst, cfg.SuggestRateLimit, cfg.SuggestRateBurst = 0.001, 2, 0.001, 3
	ts := newTestServer(t, cfg, nil)
	var codes []string
	for _, p := range []string{"/api/suggest?q=x", "/api/suggest?q=x", "/api/search?q=x", "/api/suggest?q=x",
		"/api/search?q=x", "/api/suggest?q=x", "/api/search?q=x", "/readyz"} {
		res, _ := get(t, ts.URL, p)
		codes = append(codes, res.Status[:3])
	}
	if got, want := strings.Join(codes, " "), "200 200 200 200 200 429 429 200"; got != want {
		t.Errorf("statuses %s, want %s", got, want)
	}
	def := newTestServer(t, DefaultConfig(), nil)
	for i := range 30 { // 30 people behind one NAT, each at a pause in typing
		for _, p := range []string{"/api/suggest?q=x", "/api/search?q=x"} {
			if res, _ := get(t, def.URL, p); res.StatusCode != http.StatusOK {
				t.Fatalf("default budgets: request %d (%s): %d", i, p, res.StatusCode)
			}
		}
	}
}

func TestRateLimit(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RateLimit, cfg.RateBurst = 0.001, 3
	ts := newTestServer(t, cfg, nil)
	var codes []string
	for range 5 {
		res, body := get(t, ts.URL, "/api/search?q=x")
		codes = append(codes, res.Status[:3])
		if res.StatusCode == http.StatusTooManyRequests {
			if e := decode[errorBody](t, body); e.Code != "rate_limited" || res.Header.Get("Retry-After") == "" {
				t.Errorf("429 body %s, Retry-After %q", body, res.Header.Get("Retry-After"))
			}
		}
	}
	if got := strings.Join(codes, " "); got != "200 200 200 429 429" {
		t.Errorf("statuses %s, want 200 200 200 429 429", got)
	}
	if res, _ := get(t, ts.URL, "/healthz"); res.StatusCode != http.StatusOK {
		t.Errorf("/healthz rate limited: %d", res.StatusCode)
	}
}

func TestGzip(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	res, body := get(t, ts.URL, "/api/openapi.json", "Accept-Encoding: gzip")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", res.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(plain, openAPI) {
		t.Errorf("gunzipped body differs from openapi.json (err %v)", err)
	}
	if res, _ := get(t, ts.URL, "/api/openapi.json"); res.Header.Get("Content-Encoding") != "" {
		t.Errorf("compressed without Accept-Encoding")
	}
}

func TestMetrics(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	get(t, ts.URL, "/api/search?q="+url.QueryEscape("多文化共生"))
	get(t, ts.URL, "/api/search?year=bad")
	get(t, ts.URL, "/no/such/path/12345")
	_, body := get(t, ts.URL, "/metrics")
	for _, want := range []string{
		`seisaku_http_requests_total{method="GET",route="/api/search",status="200"} 1`,
		`seisaku_http_requests_total{method="GET",route="/api/search",status="400"} 1`,
		`seisaku_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`seisaku_http_request_duration_seconds_bucket{method="GET",route="/api/search",status="200",le="+Inf"} 1`,
		`seisaku_search_duration_seconds_count 1`,
		`seisaku_index_passages 4`,
		`seisaku_index_documents 3`, // shimin, seisaku, hirakata
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(string(body), "12345") {
		t.Errorf("/metrics has a raw path as a label")
	}
}

func TestProbes(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	if res, body := get(t, ts.URL, "/healthz"); res.StatusCode != 200 || string(body) != `{"status":"ok"}`+"\n" {
		t.Errorf("/healthz %d %s", res.StatusCode, body)
	}
	if res, body := get(t, ts.URL, "/readyz"); res.StatusCode != 200 || string(body) != `{"status":"ready","passages":4,"documents":3}`+"\n" {
		t.Errorf("/readyz %d %s", res.StatusCode, body)
	}
	broken := newTestServer(t, DefaultConfig(), &fakeBackend{search: func(context.Context, search.Request) (*search.Result, error) {
		return nil, errors.New("index closed")
	}})
	if res, body := get(t, broken.URL, "/readyz"); res.StatusCode != 503 || !strings.Contains(string(body), `"code":"unavailable"`) {
		t.Errorf("/readyz on a broken index %d %s", res.StatusCode, body)
	}
}

func TestIndexPage(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	res, body := get(t, ts.URL, "/")
	if res.StatusCode != 200 || !bytes.Contains(body, []byte("<seisaku-search")) || !bytes.Contains(body, []byte("/widget.js")) {
		t.Fatalf("/ %d %.100s", res.StatusCode, body)
	}
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline'; img") && strings.Contains(csp, "script-src 'unsafe-inline'") {
		t.Errorf("CSP %q does not restrict scripts to the service's own", csp)
	}
	for _, p := range []string{"/demo", "/widget.js", "/documents/shimin"} {
		if res, body := get(t, ts.URL, p); res.StatusCode != 200 || len(body) == 0 {
			t.Errorf("%s: %d", p, res.StatusCode)
		}
	}
	// A permalink to a document the index does not have is a 404, with
	// the page (which shows the API's message) as its body.
	res, body = get(t, ts.URL, "/documents/nope")
	if res.StatusCode != http.StatusNotFound || !bytes.Contains(body, []byte("<seisaku-search")) {
		t.Errorf("/documents/nope: %d %.60s", res.StatusCode, body)
	}
	if res.Header.Get("Content-Security-Policy") == "" {
		t.Error("/documents/nope: no Content-Security-Policy")
	}
}

func TestLoadingThenReady(t *testing.T) {
	srv := NewServer(DefaultConfig(), nil, nil)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	var got []string
	for _, path := range []string{"/healthz", "/readyz", "/api/search?q=x", "/api/documents/shimin"} {
		res, body := get(t, ts.URL, path)
		got = append(got, fmt.Sprintf("%s %d %s", path, res.StatusCode, decode[errorBody](t, body).Code))
	}
	srv.SetBackend(&fakeBackend{})
	res, _ := get(t, ts.URL, "/readyz")
	got = append(got, fmt.Sprintf("loaded /readyz %d", res.StatusCode))
	want := "/healthz 200 |/readyz 503 unavailable|/api/search?q=x 503 unavailable|/api/documents/shimin 503 unavailable|loaded /readyz 200"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}

func TestRequestID(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	for _, tt := range []struct{ sent, want string }{
		{"abc-123.x_y", "abc-123.x_y"},
		{"<script>", ""},
		{strings.Repeat("a", 65), ""},
	} {
		res, _ := get(t, ts.URL, "/healthz", "X-Request-Id: "+tt.sent)
		got := res.Header.Get("X-Request-Id")
		if tt.want != "" && got != tt.want || tt.want == "" && (got == tt.sent || len(got) != 32) {
			t.Errorf("sent %q, got %q", tt.sent, got)
		}
	}
}

// TestLoadingIsNotAnError: while the index loads, /readyz and the API say
// 503, which is logged as the request it is, not at ERROR; a failing index
// still is.
func TestLoadingIsNotAnError(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := NewServer(DefaultConfig(), nil, logger)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, p := range []string{"/readyz", "/api/search?q=x", "/documents/shimin"} {
		if res, _ := get(t, ts.URL, p); res.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("%s while loading: %d", p, res.StatusCode)
		}
	}
	if strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("loading logged at ERROR:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"status":503`) {
		t.Errorf("the 503s are not logged as requests:\n%s", logs.String())
	}
	logs.Reset()
	srv.SetBackend(&fakeBackend{search: func(context.Context, search.Request) (*search.Result, error) {
		return nil, errors.New("segment file missing")
	}})
	get(t, ts.URL, "/api/search?q=x")
	if !strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("a failing index is not logged at ERROR:\n%s", logs.String())
	}
}

// TestWidgetGzippedOnce: widget.js goes out gzipped at the best level to
// clients that accept gzip, within the 15 KB budget of a script every page
// of a city's site loads, and plain to the others.
func TestWidgetGzippedOnce(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	_, plain := get(t, ts.URL, "/widget.js")
	for _, ae := range []string{"gzip", "br, gzip;q=0.8", "*"} {
		res, body := get(t, ts.URL, "/widget.js", "Accept-Encoding: "+ae)
		if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("Accept-Encoding %s: Content-Encoding %q, Vary %q", ae, res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("gunzipped widget.js differs from the plain one (%v)", err)
		}
		var best bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&best, gzip.BestCompression)
		zw.Write(plain)
		zw.Close()
		if len(body) > best.Len()*102/100 {
			t.Errorf("sent %d bytes gzipped; gzip -9 makes %d", len(body), best.Len())
		}
		if len(body) > 15<<10 {
			t.Errorf("widget.js goes out as %d bytes gzipped, over the 15 KB budget", len(body))
		}
	}
	for _, ae := range []string{"", "gzip;q=0", "br"} {
		if res, body := get(t, ts.URL, "/widget.js", "Accept-Encoding: "+ae); res.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, plain) {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, %d bytes", ae, res.Header.Get("Content-Encoding"), len(body))
		}
	}
}
