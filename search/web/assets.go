package web

import (
	"bytes"
	_ "embed"
	"io/fs"
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzip"

	"github.com/labstack/echo/v4"

	"seisaku/search"
	"seisaku/search/web/assets"
)

// openAPI describes the routes of registerRoutes (OpenAPI 3.0).
//
//go:embed openapi.json
var openAPI []byte

// pageCSP lets the pages run only scripts served by this service (the
// widget), so nothing a document contains can run even if it reached the
// page, and lets only the service's own pages frame them (clickjacking;
// cities embed the widget script, never the page).
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"

func handleOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPI)
}

// page serves an HTML page of the embedded assets under pageCSP.
func page(name string) echo.HandlerFunc {
	b := mustAsset(name)
	return func(c echo.Context) error {
		pageHeaders(c)
		return c.HTMLBlob(http.StatusOK, b)
	}
}

// pageHeaders sets the headers of every HTML page: pageCSP, and
// X-Frame-Options for browsers without frame-ancestors.
func pageHeaders(c echo.Context) {
	c.Response().Header().Set("Content-Security-Policy", pageCSP)
	c.Response().Header().Set("X-Frame-Options", "SAMEORIGIN")
}

// documentPage serves the search page at a document's permalink, with the
// status of the document's lookup: 404 for a document the index does not
// have (the page then says so), 503 while the index loads.
func (s *Server) documentPage() echo.HandlerFunc {
	b := mustAsset("index.html")
	return func(c echo.Context) error {
		pageHeaders(c)
		return c.HTMLBlob(s.documentStatus(c), b)
	}
}

func (s *Server) documentStatus(c echo.Context) int {
	id, err := pathID(c, "id")
	if err != nil {
		return http.StatusBadRequest
	}
	backend, ctx, cancel, err := s.backendFor(c)
	if err != nil {
		return http.StatusServiceUnavailable
	}
	defer cancel()
	doc, err := backend.Document(ctx, id)
	switch {
	case err != nil && search.ErrorCode(err) != search.ENotFound:
		status, _ := errorResponse(err)
		return status
	case doc == nil:
		return http.StatusNotFound
	}
	return http.StatusOK
}

// asset serves a file of the embedded assets. The widget script is loaded
// by other sites' pages, so it may be fetched from any origin. Every page
// of a city's site loads it, so it is gzipped once at the best level, not
// at the fastest level compress gives dynamic responses.
func asset(name, contentType string) echo.HandlerFunc {
	b := mustAsset(name)
	gz := gzipBest(b)
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "public, max-age=300")
		h.Set("Access-Control-Allow-Origin", "*")
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(c.Request().Header.Get("Accept-Encoding")) {
			h.Set("Content-Encoding", "gzip") // compress passes encoded responses through
			return c.Blob(http.StatusOK, contentType, gz)
		}
		return c.Blob(http.StatusOK, contentType, b)
	}
}

func gzipBest(b []byte) []byte {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		panic(err) // a constant level
	}
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// acceptsGzip reads an Accept-Encoding header: gzip (or *) listed without q=0.
func acceptsGzip(header string) bool {
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

func mustAsset(name string) []byte {
	b, err := fs.ReadFile(assets.FS(), name)
	if err != nil {
		panic(err) // the assets are embedded: a missing one is a build mistake
	}
	return b
}
