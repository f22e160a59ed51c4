package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"seisaku/search"
)

// Codes of errors that arise in the HTTP layer itself, beside search's.
const (
	codeRateLimited = "rate_limited"
	codeTimeout     = "timeout"
	codeUnavailable = "unavailable"
	codeNotAllowed  = "method_not_allowed"
)

// errorBody is the JSON of every error response.
type errorBody struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"requestId,omitempty"`
}

// handleError is echo's HTTPErrorHandler: the one place where errors become
// statuses. Internal details are logged, never sent.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, body := errorResponse(err)
	body.RequestID = c.Response().Header().Get(echo.HeaderXRequestID)
	switch {
	case errors.Is(err, errLoading):
		// starting up: the request log line says enough
	case status >= 500:
		s.log.ErrorContext(c.Request().Context(), "request failed",
			"request_id", body.RequestID, "route", c.Path(), "status", status, "error", err.Error())
	}
	if status == http.StatusTooManyRequests {
		c.Response().Header().Set("Retry-After", "1")
	}
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(status)
	} else {
		err = c.JSON(status, body)
	}
	if err != nil {
		s.log.Error("writing error response", "error", err)
	}
}

// errorResponse maps err to a status and a body a person can act on.
func errorResponse(err error) (int, errorBody) {
	var se *search.Error
	var he *echo.HTTPError
	switch {
	case errors.As(err, &se):
		return searchStatus(se.Code), errorBody{Code: codeOf(se.Code), Message: search.ErrorMessage(err)}
	case errors.As(err, &he):
		return he.Code, errorBody{Code: statusCode(he.Code), Message: statusMessage(he)}
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, errorBody{Code: codeTimeout,
			Message: "検索が時間内に終わりませんでした。条件を絞り込んでください (the search timed out; narrow it down)"}
	default:
		return http.StatusInternalServerError, errorBody{Code: search.EInternal,
			Message: "サーバー内部のエラーです (internal error)"}
	}
}

func searchStatus(code string) int {
	switch code {
	case search.EInvalid:
		return http.StatusBadRequest
	case search.ENotFound:
		return http.StatusNotFound
	case search.ETooLarge:
		return http.StatusRequestEntityTooLarge
	default:
		return http.StatusInternalServerError
	}
}

// codeOf keeps known search codes and hides unknown ones.
func codeOf(code string) string {
	if searchStatus(code) == http.StatusInternalServerError {
		return search.EInternal
	}
	return code
}

// statusCode is the JSON code for an HTTP status raised by echo or middleware.
func statusCode(status int) string {
	switch status {
	case http.StatusBadRequest:
		return search.EInvalid
	case http.StatusNotFound:
		return search.ENotFound
	case http.StatusRequestEntityTooLarge, http.StatusRequestURITooLong:
		return search.ETooLarge
	case http.StatusTooManyRequests:
		return codeRateLimited
	case http.StatusMethodNotAllowed:
		return codeNotAllowed
	case http.StatusServiceUnavailable:
		return codeUnavailable
	}
	if status >= 500 {
		return search.EInternal
	}
	return search.EInvalid
}

func statusMessage(he *echo.HTTPError) string {
	switch he.Code {
	case http.StatusNotFound:
		return "そのURLはありません。/api/openapi.json を参照してください (no such route; see /api/openapi.json)"
	case http.StatusTooManyRequests:
		return "リクエストが多すぎます。少し待ってから再度お試しください (too many requests; wait a moment and retry)"
	case http.StatusMethodNotAllowed:
		return "このURLはGETだけを受け付けます (this route accepts GET only)"
	case http.StatusRequestEntityTooLarge:
		return "リクエストが大きすぎます (request too large)"
	}
	if he.Code >= 500 && he.Code != http.StatusServiceUnavailable {
		return "サーバー内部のエラーです (internal error)"
	}
	if m, ok := he.Message.(string); ok {
		return m
	}
	return fmt.Sprint(http.StatusText(he.Code))
}
