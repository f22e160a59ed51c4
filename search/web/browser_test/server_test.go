package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"seisaku/indexer"
	"seisaku/indexer/samples"
	"seisaku/search"
	"seisaku/search/web"
)

// stack is the service as deployed: the real web.Server over a Searcher on
// an in-memory index of the bundled samples, with the assets mounted the way
// the report asks the web package to mount them, plus a second origin (a
// city's website) that embeds the widget.
type stack struct {
	api  *httptest.Server // the search service
	host *httptest.Server // another origin: a page embedding the widget

	mu       sync.Mutex
	requests []*http.Request // API requests, in order
}

var (
	sharedOnce    sync.Once
	sharedBackend *search.Searcher
	sharedErr     error
)

// backend indexes the samples once per test binary.
func backend(t *testing.T) *search.Searcher {
	t.Helper()
	sharedOnce.Do(func() {
		idx, _, err := indexer.BuildMemory(context.Background(), samples.FS(), indexer.Options{})
		if err != nil {
			sharedErr = err
			return
		}
		sharedBackend = search.New(idx)
	})
	if sharedErr != nil {
		t.Fatalf("indexing the samples: %v", sharedErr)
	}
	return sharedBackend
}

// newStack starts the service and the embedding origin; hostPage is the
// HTML the second origin serves at /, with {{API}} replaced by the
// service's URL.
func newStack(t *testing.T, hostPage string) *stack {
	t.Helper()
	return newStackOn(t, hostPage, backend(t))
}

// newStackOn is newStack over another engine.
func newStackOn(t *testing.T, hostPage string, engine *search.Searcher) *stack {
	t.Helper()
	s := &stack{}
	s.host = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, strings.ReplaceAll(hostPage, "{{API}}", s.api.URL))
	}))
	t.Cleanup(s.host.Close)
	cfg := web.DefaultConfig()
	cfg.RateLimit, cfg.SuggestRateLimit = 0, 0 // a browser test sends bursts
	cfg.AllowedOrigins = []string{s.host.URL}
	srv := web.NewServer(cfg, engine, nil)
	s.api = httptest.NewServer(s.count(srv.Handler())) // the real routes: pages, widget.js, API
	t.Cleanup(s.api.Close)
	return s
}

// directHeader marks the test's own API requests, which count leaves out.
const directHeader = "X-Test-Direct"

// get asks the service directly, for the expected answer.
func (s *stack) get(t *testing.T, pathQuery string, out any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.api.URL+pathQuery, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(directHeader, "1")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", pathQuery, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// count records the browser's /api/ requests.
func (s *stack) count(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") && r.Header.Get(directHeader) == "" {
			s.mu.Lock()
			s.requests = append(s.requests, r.Clone(context.Background()))
			s.mu.Unlock()
		}
		next.ServeHTTP(w, r)
	})
}

// calls returns the API requests to path so far, as "q=…" query strings.
// For /api/search these are the searches the person made: the year chart's
// own requests (facets=year, hitsPerPage=1, one per city) are chartCalls.
func (s *stack) calls(path string) []url.Values {
	var out []url.Values
	for _, v := range s.allCalls(path) {
		if path != "/api/search" || !isChartCall(v) {
			out = append(out, v)
		}
	}
	return out
}

func (s *stack) chartCalls() []url.Values {
	var out []url.Values
	for _, v := range s.allCalls("/api/search") {
		if isChartCall(v) {
			out = append(out, v)
		}
	}
	return out
}

func isChartCall(v url.Values) bool { return v.Get("facets") == "year" && v.Get("hitsPerPage") == "1" }

func (s *stack) allCalls(path string) []url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []url.Values
	for _, r := range s.requests {
		if r.URL.Path == path {
			out = append(out, r.URL.Query())
		}
	}
	return out
}

// origins returns the Origin headers of the API requests to path.
func (s *stack) origins(path string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.requests {
		if r.URL.Path == path {
			out = append(out, r.Header.Get("Origin"))
		}
	}
	return out
}

// searchAPI asks the service directly, for the expected answer.
func (s *stack) searchAPI(t *testing.T, query string) search.Result {
	t.Helper()
	var out search.Result
	s.get(t, "/api/search?"+query, &out)
	return out
}
