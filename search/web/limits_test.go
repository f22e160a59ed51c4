package web

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"seisaku/search"
)

// manyHits answers every page full (100 hits of 10,000), each page after
// a delay, like a 16-word OR query on a large index.
func manyHits(delay time.Duration) *fakeBackend {
	return &fakeBackend{search: func(ctx context.Context, r search.Request) (*search.Result, error) {
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		res := &search.Result{TotalHits: 10000, Page: r.Page, HitsPerPage: r.HitsPerPage}
		for i := range r.HitsPerPage {
			h := fixture[0]
			h.ID = fmt.Sprintf("p-%d-%d", r.Page, i)
			res.Hits = append(res.Hits, h)
		}
		return res, nil
	}}
}

// TestExportTimeBound: a CSV export of 10,000 slow hits used to run for as
// long as its 100 pages took (20 s on kiryu-minutes, 48 s four at once).
// Its pages now share one deadline: the file ends, whole rows only, at
// the last page in time.
func TestExportTimeBound(t *testing.T) {
	cfg := DefaultConfig()
	cfg.ExportTimeout = 300 * time.Millisecond
	cfg.ExportPageRows = 100 // pages, each slow
	ts := newTestServer(t, cfg, manyHits(40*time.Millisecond))
	res, body := get(t, ts.URL, "/api/search.csv?q=%E5%B8%82")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatalf("a cut export is not whole CSV: %v", err)
	}
	if n := len(rows) - 1; n == 0 || n >= 10000 || n%100 != 0 {
		t.Errorf("%d rows; want whole pages, cut well before 10,000", n)
	}
}

// TestExportsAtOnce: exports beyond cfg.MaxExports are refused with 503
// and Retry-After while the others run; afterwards one is accepted again.
func TestExportsAtOnce(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	b := &fakeBackend{search: func(ctx context.Context, r search.Request) (*search.Result, error) {
		if r.Q == "待つ" {
			close(entered)
			<-release
		}
		return fixtureSearch(r)
	}}
	cfg := DefaultConfig()
	cfg.MaxExports = 1
	ts := newTestServer(t, cfg, b)
	first := make(chan int, 1)
	go func() {
		res, err := http.Get(ts.URL + "/api/search.csv?q=%E5%BE%85%E3%81%A4") // 待つ
		if err != nil {
			first <- 0
			return
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		first <- res.StatusCode
	}()
	<-entered
	res, body := get(t, ts.URL, "/api/search.csv?q=%E5%B8%82")
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "CSV出力は同時に1件まで") {
		t.Errorf("second export at once: %d %s (Retry-After %q)", res.StatusCode, body, res.Header.Get("Retry-After"))
	}
	if res, _ := get(t, ts.URL, "/api/search?q=%E5%B8%82"); res.StatusCode != http.StatusOK {
		t.Errorf("a search while the export runs: %d", res.StatusCode)
	}
	close(release)
	if s := <-first; s != http.StatusOK {
		t.Errorf("first export: %d", s)
	}
	if res, _ := get(t, ts.URL, "/api/search.csv?q=%E5%B8%82"); res.StatusCode != http.StatusOK {
		t.Errorf("export after the first ended: %d", res.StatusCode)
	}
}

// runServer runs srv on a free port until the test ends.
func runServer(t *testing.T, srv *Server) string {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	addrc, done := make(chan net.Addr, 1), make(chan error, 1)
	go func() { done <- srv.Run(ctx, "127.0.0.1:0", func(a net.Addr) { addrc <- a }) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case a := <-addrc:
		return a.String()
	case err := <-done:
		t.Fatalf("Run: %v", err)
		return ""
	}
}

// TestConnectionLimit: with cfg.MaxConnections open connections, another
// is not served until one of them closes.
func TestConnectionLimit(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxConnections = 2
	addr := runServer(t, NewServer(cfg, &fakeBackend{}, nil))
	request := func(c net.Conn) (string, error) {
		c.SetDeadline(time.Now().Add(500 * time.Millisecond))
		if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
			return "", err
		}
		return bufio.NewReader(c).ReadString('\n')
	}
	var open []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if line, err := request(c); err != nil || !strings.Contains(line, "200") {
			t.Fatalf("connection %d: %q %v", len(open)+1, line, err)
		}
		open = append(open, c)
	}
	third, err := net.Dial("tcp", addr) // the kernel accepts it; the server does not yet
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	if line, err := request(third); err == nil {
		t.Fatalf("a third connection was served past the limit of 2: %q", line)
	}
	open[0].Close()
	third.Close()
	third, err = net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	for deadline := time.Now().Add(5 * time.Second); ; {
		line, err := request(third)
		if err == nil && strings.Contains(line, "200") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no connection served after one closed: %q %v", line, err)
		}
		third.Close()
		third, _ = net.Dial("tcp", addr)
	}
}

// TestMetricsOnOwnAddress: with cfg.MetricsAddr, /metrics is served there
// and no longer on the public address.
func TestMetricsOnOwnAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := ln.Addr().String()
	ln.Close()
	cfg := DefaultConfig()
	cfg.MetricsAddr = metricsAddr
	addr := runServer(t, NewServer(cfg, &fakeBackend{}, slog.New(slog.DiscardHandler)))
	if res, _ := get(t, "http://"+addr, "/metrics"); res.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the public address: %d, want 404", res.StatusCode)
	}
	res, body := get(t, "http://"+metricsAddr, "/metrics")
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "seisaku_http_requests_total") {
		t.Errorf("/metrics on %s: %d %.200s", metricsAddr, res.StatusCode, body)
	}
	if res, _ := get(t, "http://"+addr, "/api/search?q=%E5%B8%82"); res.StatusCode != http.StatusOK {
		t.Errorf("search on the public address: %d", res.StatusCode)
	}
}

// TestPageForbidsFraming: the search page may be framed by the service's
// own pages only (clickjacking).
func TestPageForbidsFraming(t *testing.T) {
	ts := newTestServer(t, DefaultConfig(), nil)
	for _, p := range []string{"/", "/demo", "/documents/abc"} {
		res, _ := get(t, ts.URL, p)
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'self'") || res.Header.Get("X-Frame-Options") != "SAMEORIGIN" {
			t.Errorf("%s: CSP %q, X-Frame-Options %q", p, csp, res.Header.Get("X-Frame-Options"))
		}
	}
}
