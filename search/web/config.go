package web

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"seisaku/search"
)

// Config is the operator's configuration of the HTTP server. Start from
// DefaultConfig and change what you need; Validate reports every problem at
// once. Zero limits and timeouts are replaced by the defaults in NewServer,
// but a zero RateLimit means no rate limiting.
type Config struct {
	// AllowedOrigins are the origins (scheme://host[:port]) whose pages may
	// call the API from a browser, e.g. the city websites that embed the
	// widget. "*" allows any origin. Empty means same origin only.
	AllowedOrigins []string
	// RateLimit is the sustained requests per second allowed per client IP,
	// RateBurst the requests allowed at once, for everything but suggestions
	// and probes. RateLimit 0 turns this limit off.
	RateLimit float64
	RateBurst int
	// SuggestRateLimit and SuggestRateBurst are the separate budget of
	// GET /api/suggest (one request per pause in typing). 0 turns it off.
	SuggestRateLimit float64
	SuggestRateBurst int
	// TrustProxy takes the client IP from X-Forwarded-For (only behind a
	// reverse proxy that sets it); otherwise the TCP peer address is used.
	TrustProxy bool

	MaxURLBytes        int // longest request URI accepted
	DefaultHitsPerPage int
	MaxHitsPerPage     int
	MaxResultWindow    int // page × hitsPerPage may not exceed this
	MaxExportRows      int // rows in one CSV export
	// ExportPageRows are the hits one search of a CSV export reads (at
	// most search.MaxWindow): pages of MaxHitsPerPage read the first hits
	// again for every page, slowly, and a relaxed search's tiers, ranked
	// within each page's window, repeated hits across pages.
	ExportPageRows int
	MaxExports     int // CSV exports running at once; more are refused with 503
	MaxSuggestions int
	// MaxConnections bounds the open client connections; a connection
	// past it waits to be accepted until another closes.
	MaxConnections int

	SearchTimeout     time.Duration // bound on one backend call
	ExportTimeout     time.Duration // bound on one whole CSV export, all its pages
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration // must cover a full CSV export
	IdleTimeout       time.Duration
	ShutdownTimeout   time.Duration // in-flight requests get this long on shutdown

	// BaseURL ("https://search.example.jp") makes the permalinks in CSV
	// exports absolute; empty uses the scheme and host of the request.
	BaseURL string
	// ReadyQuery is the query /readyz runs to check that the index answers.
	ReadyQuery string
	// MetricsAddr, when set (e.g. "127.0.0.1:9090"), serves /metrics on
	// that address only, not on the public one.
	MetricsAddr string
}

// DefaultConfig returns the defaults: no cross-origin access; per client IP
// 50 requests per second with bursts of 200, and apart from them 100
// suggestions per second with bursts of 400; q up to 1,000 bytes, URLs up to
// 8 KB, 20 hits per page (100 at most), 10,000 rows and 30 s per CSV export
// and two exports at once, 1,000 open connections.
//
// The rate budgets are sized for a city hall whose staff share one address
// behind NAT: a person typing in the widget sends a suggestion and a search
// at each pause (the widget waits 250 ms), the full page a few more for the
// year chart, so twenty people searching at the same moment spend 120
// requests and 20 suggestions at once. One address still gets at most a
// small share of what two cores answer (300–700 searches per second,
// README), so a runaway script cannot take the service from others.
func DefaultConfig() Config {
	return Config{
		RateLimit:          50,
		RateBurst:          200,
		SuggestRateLimit:   100,
		SuggestRateBurst:   400,
		MaxURLBytes:        8 << 10,
		DefaultHitsPerPage: 20,
		MaxHitsPerPage:     100,
		MaxResultWindow:    10000,
		MaxExportRows:      10000,
		ExportPageRows:     search.MaxWindow,
		MaxExports:         2,
		MaxSuggestions:     20,
		MaxConnections:     1000,
		SearchTimeout:      10 * time.Second,
		ExportTimeout:      30 * time.Second,
		ReadHeaderTimeout:  5 * time.Second,
		ReadTimeout:        10 * time.Second,
		WriteTimeout:       60 * time.Second,
		IdleTimeout:        120 * time.Second,
		ShutdownTimeout:    15 * time.Second,
		ReadyQuery:         "市",
	}
}

// withDefaults fills zero limits and timeouts from DefaultConfig.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	for _, p := range []struct{ v, d *int }{
		{&c.MaxURLBytes, &d.MaxURLBytes},
		{&c.DefaultHitsPerPage, &d.DefaultHitsPerPage}, {&c.MaxHitsPerPage, &d.MaxHitsPerPage},
		{&c.MaxResultWindow, &d.MaxResultWindow}, {&c.MaxExportRows, &d.MaxExportRows},
		{&c.ExportPageRows, &d.ExportPageRows},
		{&c.MaxSuggestions, &d.MaxSuggestions}, {&c.MaxExports, &d.MaxExports},
		{&c.MaxConnections, &d.MaxConnections},
	} {
		if *p.v == 0 {
			*p.v = *p.d
		}
	}
	for _, p := range []struct{ v, d *time.Duration }{
		{&c.SearchTimeout, &d.SearchTimeout}, {&c.ReadHeaderTimeout, &d.ReadHeaderTimeout},
		{&c.ReadTimeout, &d.ReadTimeout}, {&c.WriteTimeout, &d.WriteTimeout},
		{&c.IdleTimeout, &d.IdleTimeout}, {&c.ShutdownTimeout, &d.ShutdownTimeout},
		{&c.ExportTimeout, &d.ExportTimeout},
	} {
		if *p.v == 0 {
			*p.v = *p.d
		}
	}
	if c.ReadyQuery == "" {
		c.ReadyQuery = d.ReadyQuery
	}
	if c.RateLimit > 0 && c.RateBurst == 0 {
		c.RateBurst = max(1, int(c.RateLimit))
	}
	if c.SuggestRateLimit > 0 && c.SuggestRateBurst == 0 {
		c.SuggestRateBurst = max(1, int(c.SuggestRateLimit))
	}
	return c
}

// Validate reports every problem with c (after defaults), one per line.
func (c Config) Validate() error {
	c = c.withDefaults()
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for _, o := range c.AllowedOrigins {
		if err := checkOrigin(o); err != nil {
			bad("AllowedOrigins: %q %v", o, err)
		}
	}
	if c.RateLimit < 0 || c.RateBurst < 0 {
		bad("RateLimit and RateBurst must not be negative (got %g, %d)", c.RateLimit, c.RateBurst)
	}
	if c.SuggestRateLimit < 0 || c.SuggestRateBurst < 0 {
		bad("SuggestRateLimit and SuggestRateBurst must not be negative (got %g, %d)", c.SuggestRateLimit, c.SuggestRateBurst)
	}
	for _, n := range []struct {
		name string
		v    int
	}{
		{"MaxURLBytes", c.MaxURLBytes},
		{"DefaultHitsPerPage", c.DefaultHitsPerPage}, {"MaxHitsPerPage", c.MaxHitsPerPage},
		{"MaxResultWindow", c.MaxResultWindow}, {"MaxExportRows", c.MaxExportRows},
		{"ExportPageRows", c.ExportPageRows},
		{"MaxSuggestions", c.MaxSuggestions}, {"MaxExports", c.MaxExports},
		{"MaxConnections", c.MaxConnections},
	} {
		if n.v < 0 {
			bad("%s must not be negative (got %d)", n.name, n.v)
		}
	}
	if c.DefaultHitsPerPage > c.MaxHitsPerPage {
		bad("DefaultHitsPerPage (%d) exceeds MaxHitsPerPage (%d)", c.DefaultHitsPerPage, c.MaxHitsPerPage)
	}
	if c.ExportPageRows > search.MaxWindow {
		bad("ExportPageRows (%d) exceeds search.MaxWindow (%d)", c.ExportPageRows, search.MaxWindow)
	}
	if c.MaxHitsPerPage > c.MaxResultWindow {
		bad("MaxHitsPerPage (%d) exceeds MaxResultWindow (%d)", c.MaxHitsPerPage, c.MaxResultWindow)
	}
	for _, t := range []struct {
		name string
		v    time.Duration
	}{
		{"SearchTimeout", c.SearchTimeout}, {"ReadHeaderTimeout", c.ReadHeaderTimeout},
		{"ReadTimeout", c.ReadTimeout}, {"WriteTimeout", c.WriteTimeout},
		{"IdleTimeout", c.IdleTimeout}, {"ShutdownTimeout", c.ShutdownTimeout},
		{"ExportTimeout", c.ExportTimeout},
	} {
		if t.v < 0 {
			bad("%s must not be negative (got %s)", t.name, t.v)
		}
	}
	if c.ExportTimeout > c.WriteTimeout {
		bad("ExportTimeout (%s) exceeds WriteTimeout (%s): the connection would be cut first", c.ExportTimeout, c.WriteTimeout)
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("BaseURL: %q is not an absolute http or https URL", c.BaseURL)
		}
	}
	return errors.Join(errs...)
}

// checkOrigin accepts "*" and scheme://host[:port] with http or https.
func checkOrigin(o string) error {
	if o == "*" {
		return nil
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return errors.New("is not an origin: want scheme://host[:port] with http or https, or *")
	}
	return nil
}
