package web

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"seisaku/search"
)

// TestRunGracefulShutdown starts Run on port 0, cancels its context while a
// search is in flight, and checks the search still completes with 200 and
// that Run returns cleanly.
func TestRunGracefulShutdown(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	backend := &fakeBackend{search: func(ctx context.Context, r search.Request) (*search.Result, error) {
		if r.Q == "多文化共生" {
			close(entered)
			<-release
		}
		return fixtureSearch(r)
	}}
	var logs strings.Builder
	srv := NewServer(DefaultConfig(), backend, slog.New(slog.NewJSONHandler(&logs, nil)))
	ctx, cancel := context.WithCancel(t.Context())
	addrc, done := make(chan net.Addr, 1), make(chan error, 1)
	go func() { done <- srv.Run(ctx, "127.0.0.1:0", func(a net.Addr) { addrc <- a }) }()
	base := "http://" + (<-addrc).String()

	if res, _ := get(t, base, "/healthz"); res.StatusCode != http.StatusOK {
		t.Fatalf("/healthz: %d", res.StatusCode)
	}
	type reply struct {
		status int
		body   string
		err    error
	}
	replies := make(chan reply, 1)
	go func() {
		res, err := http.Get(base + "/api/search?q=" + url.QueryEscape("多文化共生"))
		if err != nil {
			replies <- reply{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		replies <- reply{res.StatusCode, string(b), err}
	}()
	<-entered
	cancel()
	time.Sleep(50 * time.Millisecond) // let Shutdown close the listener
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Errorf("new connection accepted during shutdown")
	}
	close(release)
	r := <-replies
	if r.err != nil || r.status != http.StatusOK || !strings.Contains(r.body, `"id":"shimin-3"`) {
		t.Errorf("in-flight search: %d %v %.100s", r.status, r.err, r.body)
	}
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
	if !strings.Contains(logs.String(), `"msg":"listening","addr":"127.0.0.1:`) {
		t.Errorf("no listening address in the log:\n%s", logs.String())
	}
}

// TestRunLongQueryIsJSON: through the real server (its own header bound), a
// query of 10,000 kanji (a 90 KB URL) gets the query limit as a JSON 400,
// not a plain-text 431 and a closed connection.
func TestRunLongQueryIsJSON(t *testing.T) {
	srv := NewServer(DefaultConfig(), &fakeBackend{search: func(_ context.Context, r search.Request) (*search.Result, error) { return fixtureSearch(r) }},
		slog.New(slog.NewJSONHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	addrc := make(chan net.Addr, 1)
	go srv.Run(ctx, "127.0.0.1:0", func(a net.Addr) { addrc <- a })
	base := "http://" + (<-addrc).String()
	res, err := http.Get(base + "/api/search?q=" + url.QueryEscape(strings.Repeat("漢", 10000)))
	if err != nil {
		t.Fatalf("the server closed the connection: %v", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusBadRequest || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || !strings.Contains(string(b), "256文字以内") {
		t.Errorf("got %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), b)
	}
}
