package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"seisaku/search"
)

// status is the JSON of the probes.
type status struct {
	Status    string  `json:"status"`
	Documents *uint64 `json:"documents,omitempty"`
}

// handleHealth serves GET /healthz: the process is alive.
func (s *Server) handleHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, status{Status: "ok"})
}

// handleReady serves GET /readyz: the index is loaded and answers a query.
func (s *Server) handleReady(c echo.Context) error {
	if s.backend == nil {
		return c.JSON(http.StatusServiceUnavailable, errorBody{Code: "unavailable",
			Message: "索引を読み込み中です (the index is not loaded yet)", RequestID: requestID(c)})
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.cfg.SearchTimeout)
	defer cancel()
	probe := search.Request{Q: s.cfg.ReadyQuery, Sort: "relevance", Page: 1, HitsPerPage: 1}
	if _, err := s.backend.Search(ctx, probe); err != nil {
		s.log.WarnContext(ctx, "not ready", "error", err.Error())
		return c.JSON(http.StatusServiceUnavailable, errorBody{Code: "unavailable",
			Message: "索引が検索に応答しません (the index does not answer a query)", RequestID: requestID(c)})
	}
	st := status{Status: "ready"}
	if dc, ok := s.backend.(DocCounter); ok {
		if n, err := dc.DocCount(); err == nil {
			st.Documents = &n
		}
	}
	return c.JSON(http.StatusOK, st)
}
