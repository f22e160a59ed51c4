package web

import (
	"github.com/labstack/echo/v4"
)

// registerRoutes is the whole API; openapi.json describes exactly these
// routes (checked by TestOpenAPIMatchesRoutes).
func (s *Server) registerRoutes() {
	get := func(path string, h echo.HandlerFunc) {
		s.echo.GET(path, h)
		s.routes[path] = true
	}
	get("/", page("index.html"))
	get("/documents/:id", s.documentPage()) // permalinks: the page shows the document
	get("/demo", page("demo.html"))         // how a city embeds the widget
	get("/widget.js", asset("widget.js", "text/javascript; charset=utf-8"))
	get("/widget-full.js", asset("widget-full.js", "text/javascript; charset=utf-8"))
	get("/healthz", s.handleHealth)
	get("/readyz", s.handleReady)
	if s.cfg.MetricsAddr == "" {
		get("/metrics", echo.WrapHandler(s.metrics.handler()))
	}
	get("/api/openapi.json", handleOpenAPI)
	get("/api/search", s.handleSearch)
	get("/api/search.csv", s.handleSearchCSV)
	get("/api/documents/:id", s.handleDocument)
	get("/api/suggest", s.handleSuggest)
	get("/api/similar/:passageId", s.handleSimilar)
}
