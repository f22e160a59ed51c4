package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/gzhttp"
	"github.com/klauspost/compress/gzip"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/net/netutil"
	"golang.org/x/time/rate"

	"seisaku/search/query"
)

// Server is the HTTP front of a Backend.
type Server struct {
	cfg     Config
	backend atomic.Pointer[backendRef] // nil until an index is loaded
	log     *slog.Logger
	echo    *echo.Echo
	handler http.Handler // echo wrapped in compression
	metrics *metrics
	routes  map[string]bool // registered route templates, for metric labels
	reload  reloadState     // generations refused by the last reloads
	exports chan struct{}   // one token per CSV export running (cfg.MaxExports)
}

// backendRef boxes a Backend for the atomic pointer.
type backendRef struct{ Backend }

// NewServer builds the router and middleware for backend. Zero limits and
// timeouts in cfg take their defaults; Run validates cfg. A nil logger
// discards logs. backend may be nil: the server then answers /healthz, and
// /readyz and the API say 503 until SetBackend gives it one.
func NewServer(cfg Config, backend Backend, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg:    cfg.withDefaults(),
		log:    logger,
		echo:   echo.New(),
		routes: map[string]bool{},
	}
	s.metrics = newMetrics(s.docCount, s.documentCount)
	s.exports = make(chan struct{}, s.cfg.MaxExports)
	s.SetBackend(backend)
	s.echo.HideBanner, s.echo.HidePort = true, true
	s.echo.HTTPErrorHandler = s.handleError
	s.echo.IPExtractor = echo.ExtractIPDirect()
	if s.cfg.TrustProxy {
		s.echo.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	s.middleware()
	s.registerRoutes()
	s.handler = compress(s.echo)
	return s
}

// compress wraps h with klauspost/compress's gzhttp: gzip (or zstd, for
// clients that ask for it) of responses over 1 KB, at the fastest level, a
// few times cheaper per response than compress/gzip, which echo's own
// middleware uses. Responses that are already encoded (/metrics) pass.
var compress = func() func(http.Handler) http.HandlerFunc {
	w, err := gzhttp.NewWrapper(gzhttp.MinSize(1024), gzhttp.CompressionLevel(gzip.BestSpeed))
	if err != nil {
		panic(err) // the options are constants
	}
	return w
}()

// SetBackend makes b answer the requests from now on: the index has loaded,
// or a rebuilt one replaces it. Requests in flight finish on the old one.
func (s *Server) SetBackend(b Backend) {
	if b == nil {
		s.backend.Store(nil)
		return
	}
	s.backend.Store(&backendRef{b})
}

// errLoading is the 503 answered while no index is loaded yet: an expected
// state of a starting server, logged at info level, not as a failure.
var errLoading = echo.NewHTTPError(http.StatusServiceUnavailable,
	"索引を読み込み中です。しばらくしてから再度お試しください (the index is loading; retry shortly)")

// current is the Backend, guarded against panics, or errLoading while
// there is none.
func (s *Server) current() (Backend, error) {
	if r := s.backend.Load(); r != nil {
		return guarded{r.Backend, s}, nil
	}
	return nil, errLoading
}

// docCount counts the passages of the current backend if it can.
func (s *Server) docCount() (uint64, bool) {
	return s.count(DocCounter.DocCount)
}

// documentCount counts the documents of the current backend if it can.
func (s *Server) documentCount() (uint64, bool) {
	return s.count(DocCounter.DocumentCount)
}

func (s *Server) count(f func(DocCounter) (uint64, error)) (uint64, bool) {
	r := s.backend.Load()
	if r == nil {
		return 0, false
	}
	dc, ok := r.Backend.(DocCounter)
	if !ok {
		return 0, false
	}
	n, err := f(dc)
	return n, err == nil
}

// Handler returns the server's http.Handler (for httptest or another mux).
func (s *Server) Handler() http.Handler { return s.handler }

// Run serves on addr until ctx is cancelled, then shuts down gracefully:
// in-flight requests get cfg.ShutdownTimeout to finish. ready, if not nil,
// is called with the listening address (useful with addr ":0").
func (s *Server) Run(ctx context.Context, addr string, ready func(net.Addr)) error {
	if err := s.cfg.Validate(); err != nil {
		return fmt.Errorf("web: invalid config:\n%w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	srvs := []*http.Server{s.httpServer()}
	lns := []net.Listener{netutil.LimitListener(ln, s.cfg.MaxConnections)}
	if s.cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", s.cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("web: metrics: %w", err)
		}
		s.log.Info("metrics listening", "addr", mln.Addr().String())
		srvs, lns = append(srvs, s.metricsServer()), append(lns, mln)
	}
	s.log.Info("listening", "addr", ln.Addr().String())
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, len(srvs))
	for i, srv := range srvs {
		go func() { errc <- srv.Serve(lns[i]) }()
	}
	select {
	case err := <-errc:
		for _, srv := range srvs {
			srv.Close()
		}
		return fmt.Errorf("web: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ShutdownTimeout)
	defer cancel()
	var errs []error
	for _, srv := range srvs {
		errs = append(errs, srv.Shutdown(sctx))
	}
	for range srvs {
		if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
			errs = append(errs, serr)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	return nil
}

// metricsServer serves /metrics alone, on cfg.MetricsAddr.
func (s *Server) metricsServer() *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metrics.handler())
	return &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

func (s *Server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		// room for a URL past MaxURLBytes, so that limitURL answers it in
		// JSON: at Go's own bound the server answers 431 in plain text and
		// closes the connection
		MaxHeaderBytes: max(s.cfg.MaxURLBytes+16<<10, http.DefaultMaxHeaderBytes),
		ErrorLog:       slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// middleware installs, outermost first: request ID, logging and metrics
// (which also renders errors, so the status it records is final), panic
// recovery, the URL bound, CORS, rate limiting and the body limit
// (compression wraps the whole handler: see compress).
func (s *Server) middleware() {
	s.echo.Use(dropBadRequestID, middleware.RequestID())
	s.echo.Use(s.observe)
	s.echo.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.log.Error("panic", "request_id", requestID(c), "error", err.Error(), "stack", string(stack))
			return err
		},
	}))
	s.echo.Use(s.limitURL, securityHeaders)
	if len(s.cfg.AllowedOrigins) > 0 {
		s.echo.Use(middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins:  s.cfg.AllowedOrigins,
			AllowMethods:  []string{http.MethodGet, http.MethodHead},
			ExposeHeaders: []string{echo.HeaderXRequestID, echo.HeaderContentDisposition},
			MaxAge:        3600,
		}))
	}
	if s.cfg.RateLimit > 0 || s.cfg.SuggestRateLimit > 0 {
		s.echo.Use(s.rateLimiter())
	}
	s.echo.Use(middleware.BodyLimit("64K"))
}

// rateLimiter keeps two budgets per client IP: suggestions, and every other
// request but the probes. A budget whose rate is 0 is not enforced.
func (s *Server) rateLimiter() echo.MiddlewareFunc {
	store := func(r float64, burst int) middleware.RateLimiterStore {
		if r <= 0 {
			return nil
		}
		return middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(r), Burst: burst, ExpiresIn: 3 * time.Minute,
		})
	}
	requests := store(s.cfg.RateLimit, s.cfg.RateBurst)
	suggestions := store(s.cfg.SuggestRateLimit, s.cfg.SuggestRateBurst)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			st := requests
			if c.Path() == "/api/suggest" {
				st = suggestions
			}
			if st == nil || isProbe(c) {
				return next(c)
			}
			if ok, _ := st.Allow(c.RealIP()); !ok {
				return echo.NewHTTPError(http.StatusTooManyRequests)
			}
			return next(c)
		}
	}
}

// isProbe tells health, readiness and metrics requests, which are neither
// rate limited nor logged at info level.
func isProbe(c echo.Context) bool {
	switch c.Path() {
	case "/healthz", "/readyz", "/metrics":
		return true
	}
	return false
}

// observe logs each request and records its metrics. It hands an error to
// the error handler first, so the status it sees is the one sent.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		d := time.Since(start)
		res := c.Response()
		route := c.Path()
		if !s.routes[route] {
			route = "unmatched"
		}
		s.metrics.observeRequest(route, c.Request().Method, res.Status, d)
		level := slog.LevelInfo
		if isProbe(c) {
			level = slog.LevelDebug
		}
		s.log.Log(c.Request().Context(), level, "request",
			"request_id", requestID(c), "method", c.Request().Method, "route", route,
			"path", c.Request().URL.Path, "status", res.Status, "bytes", res.Size,
			"duration_ms", float64(d.Microseconds())/1000)
		return nil
	}
}

// limitURL rejects request URIs longer than cfg.MaxURLBytes; when the
// query is what made it long, with the query's own limit and message.
func (s *Server) limitURL(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if n := len(c.Request().RequestURI); n > s.cfg.MaxURLBytes {
			if v, err := url.ParseQuery(c.Request().URL.RawQuery); err == nil {
				if err := query.CheckLength(v.Get("q")); err != nil {
					return err
				}
			}
			return echo.NewHTTPError(http.StatusRequestURITooLong,
				fmt.Sprintf("URLが長すぎます (%dバイト)。%dバイト以内にしてください (the URL is %d bytes; the limit is %d)",
					n, s.cfg.MaxURLBytes, n, s.cfg.MaxURLBytes))
		}
		return next(c)
	}
}

func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		return next(c)
	}
}

// dropBadRequestID discards a client's X-Request-Id that is long or has
// characters other than letters, digits, '-', '_' and '.', so a fresh one
// is generated instead of echoing junk into logs and responses.
func dropBadRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header
		if id := h.Get(echo.HeaderXRequestID); id != "" && !goodRequestID(id) {
			h.Del(echo.HeaderXRequestID)
		}
		return next(c)
	}
}

func goodRequestID(id string) bool {
	if len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}
