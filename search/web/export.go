package web

// CSV export: GET /api/search.csv takes the parameters of /api/search and
// writes every hit, page after page, up to cfg.MaxExportRows (10,000 by
// default) rows; page and hitsPerPage are ignored. The file is UTF-8 with a
// byte order mark so that Excel opens Japanese text correctly. Columns:
//
//	passage_id, document_id, title, then a column per facet of the facet
//	table (indexer.Facets: city, department, year, issue_types joined with
//	";", prefecture), published, headings (joined with "›"), text, source (the document's web address when known, else its file; with
//	"#page=N" for a passage of a PDF, which PDF viewers open at that page),
//	permalink (this service's address of the passage), page (the PDF page,
//	empty for formats without pages), match (how the passage holds the query's words, from
//	search.Hit.Match: its kind, then word:how per word, e.g.
//	"relaxed 犯罪被害者支援:parts(犯罪 被害 支援)"; empty when browsing), read
//	("ocr" when some of the passage was read from a page image by OCR, so a
//	character may be wrong; empty for text read as published), then for
//	minutes speaker_title (市長, 教育長, 議員: the speaker's title as the
//	minutes write it) and reply_to (on an answer, the address of the
//	question it answers; speaker, role and session are facet columns)
//
// Cells that Excel would read as a formula (starting with = + - @ tab or
// CR) get a leading apostrophe. X-Total-Hits gives the number of hits and
// X-Export-Truncated is "true" when the row bound cut the export short.
//
// An export reads its hits in pages of cfg.ExportPageRows (10,000: the
// whole export, in the order of one search). Its work is bounded like
// searches: each page under SearchTimeout, the whole export under
// cfg.ExportTimeout (30 s), after which the file ends at the last whole
// page (logged), and at most cfg.MaxExports (2) exports run at once;
// another is refused with 503 and Retry-After.

import (
	"context"
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"seisaku/search"
)

// csvHeader: the passage and its title, a column per facet of the facet
// table (indexer.Facets, in its order), then the rest.
var csvHeader = func() []string {
	h := []string{"passage_id", "document_id", "title"}
	for _, f := range search.Facets() {
		h = append(h, f.Column)
	}
	return append(h, "published", "headings", "text", "source", "permalink", "page", "match", "read", "speaker_title", "reply_to")
}()

const utf8BOM = "\uFEFF"

// handleSearchCSV serves GET /api/search.csv.
func (s *Server) handleSearchCSV(c echo.Context) error {
	req, err := s.searchRequest(c)
	if err != nil {
		return err
	}
	// one search for the whole export where it fits (search.Request.Export)
	req.Page, req.HitsPerPage, req.Facets, req.Export = 1, min(s.cfg.ExportPageRows, s.cfg.MaxExportRows), nil, true
	select {
	case s.exports <- struct{}{}:
		defer func() { <-s.exports }()
	default:
		c.Response().Header().Set("Retry-After", "5")
		return echo.NewHTTPError(http.StatusServiceUnavailable, fmt.Sprintf(
			"CSV出力は同時に%d件までです。しばらくしてから再度お試しください (%d CSV exports are running, the most at once; retry shortly)",
			s.cfg.MaxExports, s.cfg.MaxExports))
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.cfg.ExportTimeout)
	defer cancel()
	first, err := s.search(ctx, req) // before any byte is sent, so errors get their status
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, contentDisposition(req.Q, time.Now()))
	h.Set("X-Total-Hits", strconv.Itoa(first.TotalHits))
	h.Set("X-Export-Truncated", strconv.FormatBool(first.TotalHits > s.cfg.MaxExportRows))
	c.Response().WriteHeader(http.StatusOK)
	return s.writeCSV(ctx, c, req, first)
}

// writeCSV writes the BOM, the header and the hits of first and the pages
// after it. An error after the header is logged: the status is already sent.
func (s *Server) writeCSV(ctx context.Context, c echo.Context, req search.Request, first *search.Result) error {
	if _, err := c.Response().Write([]byte(utf8BOM)); err != nil {
		return nil // client gone
	}
	w := csv.NewWriter(c.Response())
	w.UseCRLF = true // what Excel writes
	_ = w.Write(csvHeader)
	base := s.baseURL(c)
	rows := 0
	for res := first; ; {
		for _, hit := range res.Hits {
			if rows == s.cfg.MaxExportRows {
				break
			}
			_ = w.Write(CSVRecord(hit, base))
			rows++
		}
		w.Flush()
		if w.Error() != nil || rows >= s.cfg.MaxExportRows || rows >= res.TotalHits || len(res.Hits) < req.HitsPerPage {
			break
		}
		req.Page++
		var err error
		if res, err = s.search(ctx, req); err != nil {
			reason := err.Error()
			if ctx.Err() == context.DeadlineExceeded {
				reason = fmt.Sprintf("export time limit (%s) reached", s.cfg.ExportTimeout)
			}
			s.log.ErrorContext(ctx, "csv export cut short", "request_id", requestID(c), "rows", rows, "error", reason)
			break
		}
	}
	return nil
}

// CSVHeader returns the header record of CSV exports.
func CSVHeader() []string { return slices.Clone(csvHeader) }

// CSVRecord is one hit as a CSV record in the order of CSVHeader; base
// ("https://host") makes a root-relative permalink absolute.
func CSVRecord(h search.Hit, base string) []string {
	src := h.URL
	if src == "" {
		src = h.Source
	}
	page := ""
	if h.Page > 0 {
		page = strconv.Itoa(h.Page)
		src += "#page=" + page
	}
	link := h.Permalink
	if strings.HasPrefix(link, "/") {
		link = base + link
	}
	row := []string{h.ID, h.DocID, h.Title}
	for _, f := range search.Facets() {
		row = append(row, strings.Join(h.FacetValues(f.Name), ";"))
	}
	reply := ""
	if h.ReplyTo != nil {
		reply = h.ReplyTo.Permalink
		if strings.HasPrefix(reply, "/") {
			reply = base + reply
		}
	}
	row = append(row, h.Published, strings.Join(h.Headings, "›"), h.Text, src, link, page, matchText(h.Match), h.Read,
		h.SpeakerTitle, reply)
	for i, cell := range row {
		row[i] = defuseFormula(cell)
	}
	return row
}

// defuseFormula keeps Excel from evaluating a cell as a formula.
func defuseFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// baseURL is cfg.BaseURL or the scheme and host the request came to.
func (s *Server) baseURL(c echo.Context) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimRight(s.cfg.BaseURL, "/")
	}
	return c.Scheme() + "://" + c.Request().Host
}

// contentDisposition names the download once: a name that is ASCII
// (seisaku-SNS-….csv) as filename alone; else an ASCII filename for old
// clients and the full one, with the query, as RFC 5987 filename*.
func contentDisposition(q string, now time.Time) string {
	full := exportFilename(q, now)
	cd := mime.FormatMediaType("attachment", map[string]string{"filename": full})
	if !strings.Contains(cd, "filename*=") {
		return cd // ASCII: mime wrote it as filename=
	}
	plain := mime.FormatMediaType("attachment", map[string]string{"filename": exportFilename("", now)})
	return plain + strings.TrimPrefix(cd, "attachment")
}

// exportFilename is seisaku-<query>-<date>.csv with the query cut short and
// stripped of characters that are unsafe in a file name.
func exportFilename(q string, now time.Time) string {
	q = strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`\/:*?"<>|`, r) || r == 0x7f {
			return '_'
		}
		if r == ' ' || r == '\u3000' {
			return '_'
		}
		return r
	}, clip(strings.TrimSpace(q), 60))
	q = strings.TrimSuffix(q, "…")
	name := "seisaku"
	if q != "" {
		name += "-" + q
	}
	return fmt.Sprintf("%s-%s.csv", name, now.Format("20060102-150405"))
}

// matchText renders how a hit matched for the CSV: its kind, then
// word:how per word, what stood in in brackets.
func matchText(m *search.Match) string {
	if m == nil {
		return ""
	}
	parts := []string{m.Kind}
	for _, w := range m.Words {
		p := w.Word + ":" + w.How
		if len(w.Terms) > 0 {
			p += "(" + strings.Join(w.Terms, " ") + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}
