package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"seisaku/search"
)

// TestBackendPanicIsOneFailedRequest: a panic inside the backend (bleve
// reading a segment that broke under it) answers that request with a 500
// and a message, is counted in /metrics, and the next request is served.
func TestBackendPanicIsOneFailedRequest(t *testing.T) {
	b := &fakeBackend{search: func(_ context.Context, r search.Request) (*search.Result, error) {
		if r.Q == "壊れた" {
			var seg []byte
			_ = seg[len(r.Q)] // index out of range, as zapx on a truncated segment
		}
		return fixtureSearch(r)
	}}
	ts := newTestServer(t, Config{}, b)
	for _, tc := range []struct {
		q    string
		want int
	}{{"壊れた", http.StatusInternalServerError}, {"多文化共生", http.StatusOK}, {"壊れた", http.StatusInternalServerError}} {
		res, body := get(t, ts.URL, "/api/search?q="+tc.q)
		if res.StatusCode != tc.want {
			t.Errorf("%s: %d %s; want %d", tc.q, res.StatusCode, body, tc.want)
		}
		if tc.want != http.StatusOK && !strings.Contains(string(body), "索引の読み取りに失敗しました") {
			t.Errorf("%s: message %s", tc.q, body)
		}
	}
	if _, body := get(t, ts.URL, "/metrics"); !strings.Contains(string(body), "seisaku_backend_panics_total 2") {
		t.Error("/metrics does not count the two panics")
	}
}

// TestReadyzReportsRefusedGeneration: while a newer generation is refused,
// /readyz stays ready (the previous index answers) and lists the failure;
// the gauge in /metrics is 1 until a later generation loads.
func TestReadyzReportsRefusedGeneration(t *testing.T) {
	srv := NewServer(Config{}, &fakeBackend{}, nil)
	ts := newTestServerFor(t, srv)
	srv.ReloadFailed(ReloadFailure{Dir: "/idx", Generation: "/idx/gen-2", Error: "segment 000000000002.zap: checksum", At: time.Now()})
	res, body := get(t, ts.URL, "/readyz")
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"generation":"/idx/gen-2"`) {
		t.Errorf("/readyz with a refused generation: %d %s", res.StatusCode, body)
	}
	if _, body := get(t, ts.URL, "/metrics"); !strings.Contains(string(body), "seisaku_index_reload_failed 1") ||
		!strings.Contains(string(body), "seisaku_index_reload_failures_total 1") {
		t.Error("/metrics does not show the refused generation")
	}
	srv.ReloadSucceeded("/idx")
	if _, body := get(t, ts.URL, "/readyz"); strings.Contains(string(body), "reloadFailures") {
		t.Errorf("/readyz after a good reload: %s", body)
	}
	if _, body := get(t, ts.URL, "/metrics"); !strings.Contains(string(body), "seisaku_index_reload_failed 0") {
		t.Error("/metrics still shows a refused generation")
	}
}

func newTestServerFor(t *testing.T, srv *Server) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}
