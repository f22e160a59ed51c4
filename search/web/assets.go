package web

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// openAPI describes the routes of registerRoutes (OpenAPI 3.0).
//
//go:embed openapi.json
var openAPI []byte

// indexPage is the minimal search page; the embeddable widget replaces it later.
//
//go:embed static/index.html
var indexPage []byte

// indexCSP allows the page's one inline script by its hash and nothing else.
var indexCSP = "default-src 'self'; script-src " + scriptHash(indexPage) +
	"; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'"

// scriptHash is the CSP source for the first inline <script> of page.
func scriptHash(page []byte) string {
	s := string(page)
	_, after, ok := strings.Cut(s, "<script>")
	body, _, ok2 := strings.Cut(after, "</script>")
	if !ok || !ok2 {
		return "'none'"
	}
	sum := sha256.Sum256([]byte(body))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func handleOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPI)
}

func (s *Server) handleIndexPage(c echo.Context) error {
	c.Response().Header().Set("Content-Security-Policy", indexCSP)
	return c.HTMLBlob(http.StatusOK, indexPage)
}
