package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"seisaku/search"
)

// status is the JSON of the probes. Passages counts the index's entries
// (one per passage, not per document).
type status struct {
	Status    string  `json:"status"`
	Passages  *uint64 `json:"passages,omitempty"`
	Documents *uint64 `json:"documents,omitempty"`
	// ReloadFailures are newer generations refused: the index that
	// answers is an older one.
	ReloadFailures []ReloadFailure `json:"reloadFailures,omitempty"`
}

// handleHealth serves GET /healthz: the process is alive.
func (s *Server) handleHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, status{Status: "ok"})
}

// handleReady serves GET /readyz: the index is loaded and answers a query.
func (s *Server) handleReady(c echo.Context) error {
	backend, ctx, cancel, err := s.backendFor(c)
	if err != nil {
		return err
	}
	defer cancel()
	probe := search.Request{Q: s.cfg.ReadyQuery, Sort: "relevance", Page: 1, HitsPerPage: 1}
	if _, err := backend.Search(ctx, probe); err != nil {
		s.log.WarnContext(ctx, "not ready", "error", err.Error())
		return echo.NewHTTPError(http.StatusServiceUnavailable,
			"索引が検索に応答しません (the index does not answer a query)")
	}
	st := status{Status: "ready", ReloadFailures: s.reloadFailures()}
	if n, ok := s.docCount(); ok {
		st.Passages = &n
	}
	if n, ok := s.documentCount(); ok {
		st.Documents = &n
	}
	return c.JSON(http.StatusOK, st)
}
