package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"seisaku/search"
)

// addrWatcher is the stderr of `seisaku serve`: it passes the JSON log
// through and reports the address of the "listening" line.
type addrWatcher struct {
	mu   sync.Mutex
	log  bytes.Buffer
	addr chan string
}

var listeningRE = regexp.MustCompile(`"msg":"listening","addr":"([^"]+)"`)

func (w *addrWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.log.Write(p)
	if m := listeningRE.FindSubmatch(p); m != nil {
		w.addr <- string(m[1])
	}
	return len(p), nil
}

// startServe runs `seisaku serve` on the bundled samples at a free port and
// waits until /readyz answers 200.
func startServe(t *testing.T, args ...string) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	w := &addrWatcher{addr: make(chan string, 1)}
	done := make(chan error, 1)
	args = append([]string{"serve", "-addr", "127.0.0.1:0"}, args...)
	go func() { done <- run(ctx, args, func(string) string { return "" }, io.Discard, w) }()
	select {
	case a := <-w.addr:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
			if res.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("/readyz: %d", res.StatusCode)
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the samples did not load in 2 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}
	return base, func() error { cancel(); return <-done }
}

func fetch(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

// TestServeSamples queries the real Searcher over the bundled samples
// through HTTP.
func TestServeSamples(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the bundled samples")
	}
	base, stop := startServe(t, "-rate", "0")
	q := url.QueryEscape("多文化共生")

	t.Run("search", func(t *testing.T) {
		res, body := fetch(t, base+"/api/search?q="+q+"&facets=*&city="+url.QueryEscape("大阪市"))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		var r search.Result
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		if r.TotalHits < 2 || len(r.Hits) == 0 {
			t.Fatalf("totalHits %d", r.TotalHits)
		}
		for _, h := range r.Hits {
			if h.City != "大阪市" {
				t.Errorf("hit %s from %q despite city=大阪市", h.ID, h.City)
			}
		}
		if h := r.Hits[0]; !strings.Contains(h.Formatted.Text, "<mark>多文化共生</mark>") || h.Title != "令和4年度市民局運営方針" {
			t.Errorf("first hit %s %q: %s", h.ID, h.Title, h.Formatted.Text)
		}
		if r.FacetDistribution["city"]["大阪市"] != r.TotalHits {
			t.Errorf("facet city = %v, want 大阪市: %d", r.FacetDistribution["city"], r.TotalHits)
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, tt := range []struct{ path, want string }{
			{"/api/search?q=%22" + q, "400 invalid"},
			{"/api/search?q=" + q + "&year=R4", "400 invalid"},
			{"/api/search?q=" + q + "&hitsPerPage=100000", "400 invalid"},
			{"/api/search?q=" + q + "&page=-1", "400 invalid"},
			{"/api/documents/0000000000000000", "404 not_found"},
			{"/api/similar/0000000000000000-3", "404 not_found"},
		} {
			res, body := fetch(t, base+tt.path)
			var e struct{ Code, Message string }
			_ = json.Unmarshal(body, &e)
			if got := res.Status[:3] + " " + e.Code; got != tt.want || e.Message == "" {
				t.Errorf("%s: %s %q, want %s", tt.path, got, e.Message, tt.want)
			}
		}
	})
	t.Run("health", func(t *testing.T) {
		var out, errb strings.Builder
		if err := run(context.Background(), []string{"health", "-url", base + "/readyz"}, func(string) string { return "" }, &out, &errb); err != nil || out.String() != "ok\n" {
			t.Errorf("health of a ready server: %v %q", err, out.String())
		}
		if err := run(context.Background(), []string{"health", "-url", base + "/nothing-here"}, func(string) string { return "" }, &out, &errb); err == nil {
			t.Error("health of a 404 address succeeded")
		}
	})
	t.Run("csv", func(t *testing.T) {
		res, body := fetch(t, base+"/api/search.csv?q="+q+"&year=2022")
		if !bytes.HasPrefix(body, []byte("\uFEFF")) {
			t.Fatalf("no BOM: %.40q", body)
		}
		recs, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(recs[0], ",") != "passage_id,document_id,title,city,department,year,issue_types,prefecture,speaker,role,session,published,headings,text,source,permalink,page,match,read,speaker_title,reply_to" {
			t.Errorf("header %q", recs[0])
		}
		if total := res.Header.Get("X-Total-Hits"); len(recs) < 3 || strconv.Itoa(len(recs)-1) != total {
			t.Errorf("%d records for X-Total-Hits %s", len(recs), total)
		}
		for _, r := range recs[1:] {
			if year, link := r[slices.Index(recs[0], "year")], r[slices.Index(recs[0], "permalink")]; year != "2022" || !strings.HasPrefix(link, base+"/documents/") {
				t.Errorf("row year %q permalink %q", year, link)
			}
		}
	})
	t.Run("document", func(t *testing.T) {
		_, body := fetch(t, base+"/api/search?q="+q+"&hitsPerPage=1")
		var r search.Result
		_ = json.Unmarshal(body, &r)
		res, body := fetch(t, base+"/api/documents/"+r.Hits[0].DocID)
		var d search.DocumentView
		if err := json.Unmarshal(body, &d); err != nil || res.StatusCode != 200 || d.Title != r.Hits[0].Title || len(d.Passages) < 2 {
			t.Errorf("document %s: %d %q %d passages", r.Hits[0].DocID, res.StatusCode, d.Title, len(d.Passages))
		}
	})
	t.Run("metrics", func(t *testing.T) {
		_, body := fetch(t, base+"/metrics")
		for _, want := range []string{`seisaku_http_requests_total{method="GET",route="/api/search",status="200"}`, "seisaku_index_documents "} {
			if !bytes.Contains(body, []byte(want)) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
	})
	if err := stop(); err != nil {
		t.Errorf("serve returned %v after cancel", err)
	}
}

func TestServeFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "-origins", "www.city.kiryu.lg.jp"}, `serve: AllowedOrigins: "www.city.kiryu.lg.jp" is not an origin`},
		{[]string{"serve", "-rate", "-1"}, "serve: RateLimit and RateBurst must not be negative"},
		{[]string{"serve", "extra"}, `serve: unexpected argument "extra"`},
		{[]string{"serve", "-log-level", "loud"}, `serve: -log-level "loud"`},
		{[]string{"serve", "-cache-mb", "-2"}, "serve: -cache-mb -2: want 0 or more, or -1"},
	} {
		err := run(t.Context(), tt.args, func(string) string { return "" }, io.Discard, io.Discard)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || exitCode(err) != 2 {
			t.Errorf("%q: %v", tt.args, err)
		}
	}
}
