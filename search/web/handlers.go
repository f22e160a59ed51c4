package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"seisaku/search"
	"seisaku/search/query"
)

const (
	defaultSuggestions = 8
	maxIDBytes         = 256
)

// handleSearch serves GET /api/search: one page of search.Result as JSON.
func (s *Server) handleSearch(c echo.Context) error {
	req, err := s.searchRequest(c)
	if err != nil {
		return err
	}
	res, err := s.search(c.Request().Context(), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// searchRequest parses the query string of c into a search.Request.
func (s *Server) searchRequest(c echo.Context) (search.Request, error) {
	v, err := parseQuery(c.Request().URL.RawQuery)
	if err != nil {
		return search.Request{}, err
	}
	return parseSearch(v, s.cfg)
}

// search runs one backend search under cfg.SearchTimeout and times it.
func (s *Server) search(ctx context.Context, req search.Request) (*search.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.SearchTimeout)
	defer cancel()
	backend, err := s.current()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	res, err := backend.Search(ctx, req)
	s.metrics.search.Observe(time.Since(start).Seconds())
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", clip(req.Q, 100), err)
	}
	return normalize(res), nil
}

// normalize makes empty lists [] rather than null in the JSON.
func normalize(res *search.Result) *search.Result {
	if res == nil {
		res = &search.Result{}
	}
	if res.Hits == nil {
		res.Hits = []search.Hit{}
	}
	return res
}

// handleDocument serves GET /api/documents/:id: a whole document.
func (s *Server) handleDocument(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	backend, ctx, cancel, err := s.backendFor(c)
	if err != nil {
		return err
	}
	defer cancel()
	doc, err := backend.Document(ctx, id)
	if err != nil {
		return fmt.Errorf("document %q: %w", id, err)
	}
	if doc == nil {
		return search.Errorf(search.ENotFound, "文書 %s はありません (no document %s)", id, id)
	}
	return c.JSON(http.StatusOK, doc)
}

// pathID is a path parameter checked to be a plausible ID.
func pathID(c echo.Context, name string) (string, error) {
	id := c.Param(name)
	if id == "" || len(id) > maxIDBytes || !utf8.ValidString(id) || strings.ContainsAny(id, "/\x00") {
		return "", invalid("IDの形式が正しくありません (malformed %s: at most %d bytes of UTF-8)", name, maxIDBytes)
	}
	return id, nil
}

// suggestResponse is the JSON of GET /api/suggest.
type suggestResponse struct {
	Query       string              `json:"query"`
	Suggestions []search.Suggestion `json:"suggestions"`
}

// handleSuggest serves GET /api/suggest?q=…&n=…: completions for q.
func (s *Server) handleSuggest(c echo.Context) error {
	v, err := parseQuery(c.Request().URL.RawQuery)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(v.Get("q"))
	if err := query.CheckLength(q); err != nil {
		return err
	}
	n, err := intParam(v, "n", defaultSuggestions, 1, s.cfg.MaxSuggestions)
	if err != nil {
		return err
	}
	out := suggestResponse{Query: q, Suggestions: []search.Suggestion{}}
	if q == "" {
		return c.JSON(http.StatusOK, out)
	}
	backend, ctx, cancel, err := s.backendFor(c)
	if err != nil {
		return err
	}
	defer cancel()
	sugs, err := backend.Suggest(ctx, q, n)
	if err != nil {
		return fmt.Errorf("suggest %q: %w", clip(q, 100), err)
	}
	if sugs != nil {
		out.Suggestions = sugs
	}
	return c.JSON(http.StatusOK, out)
}

// handleSimilar serves GET /api/similar/:passageId?n=…: passages like one.
func (s *Server) handleSimilar(c echo.Context) error {
	id, err := pathID(c, "passageId")
	if err != nil {
		return err
	}
	v, err := parseQuery(c.Request().URL.RawQuery)
	if err != nil {
		return err
	}
	n, err := intParam(v, "n", s.cfg.DefaultHitsPerPage, 1, s.cfg.MaxHitsPerPage)
	if err != nil {
		return err
	}
	backend, ctx, cancel, err := s.backendFor(c)
	if err != nil {
		return err
	}
	defer cancel()
	res, err := backend.Similar(ctx, id, n)
	if err != nil {
		return fmt.Errorf("similar %q: %w", id, err)
	}
	if res.Hits == nil {
		res.Hits = []search.Precedent{}
	}
	return c.JSON(http.StatusOK, res)
}

// backendFor returns the current backend and the request's context bounded
// by the search timeout, for a handler that makes one backend call.
func (s *Server) backendFor(c echo.Context) (Backend, context.Context, context.CancelFunc, error) {
	backend, err := s.current()
	if err != nil {
		return nil, nil, nil, err
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.cfg.SearchTimeout)
	return backend, ctx, cancel, nil
}
