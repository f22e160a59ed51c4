package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/url"
	"strings"

	"golang.org/x/text/width"

	"seisaku/search"
	"seisaku/search/web"
)

const (
	maxCLIHits   = 10000 // -n bound: the searcher's result window
	titleCells   = 30    // terminal cells of the title column
	snippetChars = 60    // cropLength of the table's snippet
)

// runSearch is `seisaku search`: one query from the terminal, printed as an
// aligned table (matches shown as 【…】), JSON or CSV (UTF-8 with BOM, the
// columns of /api/search.csv).
func runSearch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("index", envOr(getenv, "SEISAKU_INDEX", "index"), "index directory, or several separated by commas to search as one (env SEISAKU_INDEX); empty: the bundled samples, in memory")
	format := fs.String("format", "table", "output: table, json or csv")
	var params filterFlags
	fs.Var(params.add("city"), "city", "only these cities (repeat or comma-separate; unknown: cities not known)")
	fs.Var(params.add("department"), "department", "only these departments")
	fs.Var(params.add("issue_type"), "issue", "only these themes, e.g. 多文化共生・国際")
	fs.Var(params.add("prefecture"), "prefecture", "only these prefectures")
	fs.Var(params.add("speaker"), "speaker", "minutes: only these speakers, as written (渡辺恒)")
	fs.Var(params.add("role"), "role", "minutes: question, answer (the executive's answers) or chair")
	fs.Var(params.add("session"), "session", "minutes: only these meetings (平成28年第4回定例会)")
	fs.Var(params.add("year"), "year", "fiscal year: 2022, 2019..2022, 2019.., ..2022 or unknown")
	fs.Var(params.add("sort"), "sort", "relevance (default), year or date")
	fs.Var(params.add("distinct"), "distinct", "document: one passage per document")
	fs.Var(params.add("expand"), "expand", "theme expansion: true (default) or false")
	fs.Var(params.add("synonyms"), "synonyms", "spelling variants and synonyms: true (default) or false")
	fs.Var(params.add("matchingStrategy"), "matching", "relaxed (default: relax a query that finds little) or all (every word as typed)")
	fs.Var(params.add("perDocument"), "per-document", "hits of one document before the others (default 2; 0: no cap)")
	n := fs.Int("n", 10, fmt.Sprintf("number of hits (at most %d)", maxCLIHits))
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: seisaku search [-index DIR] [-format table|json|csv] [-city …] [-year …] [-n 10] WORDS...\n\n"+
			"Searches an index built by `seisaku index` and prints the hits.\n"+
			"WORDS are ANDed; OR, -exclude and \"a phrase\" work as in the search box, and so do\n"+
			"city:倉敷市, -city:倉敷市, year:2019..2022, a bare year (2022) or city name (倉敷市).\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 1 || *n > maxCLIHits {
		return usageError(fmt.Sprintf("search: -n %d: want 1 to %d", *n, maxCLIHits))
	}
	if *format != "table" && *format != "json" && *format != "csv" {
		return usageError(fmt.Sprintf("search: -format %q: want table, json or csv", *format))
	}
	params.v.Set("q", strings.Join(fs.Args(), " "))
	req, err := web.ParseRequest(params.v, web.DefaultConfig())
	if err != nil {
		return usageError("search: " + search.ErrorMessage(err))
	}
	if *format == "table" {
		req.HighlightPre, req.HighlightPost, req.CropLength = "【", "】", snippetChars
	}
	idxs, _, err := openIndexes(ctx, splitList(*dir), slog.New(slog.DiscardHandler))
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer func() {
		for _, idx := range idxs {
			idx.Close()
		}
	}()
	res, err := collect(ctx, search.NewMulti(idxs...), req, *n)
	if err != nil {
		return fmt.Errorf("search: %s", search.ErrorMessage(err))
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "csv":
		return writeCSV(stdout, res.Hits)
	}
	return writeTable(stdout, res)
}

// filterFlags gathers flags into the query parameters of /api/search.
type filterFlags struct{ v url.Values }

func (f *filterFlags) add(name string) flag.Value {
	if f.v == nil {
		f.v = url.Values{}
	}
	return paramFlag{f.v, name}
}

type paramFlag struct {
	v    url.Values
	name string
}

func (p paramFlag) String() string {
	if p.v == nil {
		return ""
	}
	return strings.Join(p.v[p.name], ",")
}

func (p paramFlag) Set(s string) error { p.v.Add(p.name, s); return nil }

// collect fetches the first n hits, page by page, into one Result.
func collect(ctx context.Context, s *search.Searcher, req search.Request, n int) (*search.Result, error) {
	req.Page, req.HitsPerPage = 1, min(n, search.MaxHitsPerPage)
	res, err := s.Search(ctx, req)
	if err != nil {
		return nil, err
	}
	for len(res.Hits) < n && len(res.Hits) < res.TotalHits {
		req.Page++
		more, err := s.Search(ctx, req)
		if err != nil {
			return nil, err
		}
		if len(more.Hits) == 0 {
			break
		}
		res.Hits = append(res.Hits, more.Hits...)
	}
	res.Hits = res.Hits[:min(n, len(res.Hits))]
	res.Page, res.HitsPerPage = 1, len(res.Hits)
	return res, nil
}

// writeCSV writes hits as /api/search.csv does: BOM, header, one row a hit.
func writeCSV(w io.Writer, hits []search.Hit) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	_ = cw.Write(web.CSVHeader())
	for _, h := range hits {
		_ = cw.Write(web.CSVRecord(h, ""))
	}
	cw.Flush()
	return cw.Error()
}

// writeTable prints a summary line and one aligned row per hit: rank,
// title, city, year and the snippet with matches in 【】, after who spoke
// for a passage of minutes.
func writeTable(w io.Writer, res *search.Result) error {
	fmt.Fprintf(w, "%d件 (%d ms)", res.TotalHits, res.ProcessingTimeMs)
	for _, e := range res.Expansions {
		fmt.Fprintf(w, "  テーマ展開: %s → %s", e.Word, e.Theme)
	}
	for _, f := range res.QueryFilters {
		fmt.Fprintf(w, "  絞り込み: %s → %s", f.Written, f)
	}
	fmt.Fprintln(w)
	cityCells := 0
	for _, h := range res.Hits {
		cityCells = max(cityCells, cells(h.City))
	}
	for i, h := range res.Hits {
		who := "" // minutes: 〔市長 亀山豊文・answer〕
		if h.Speaker != "" {
			who = "〔" + strings.TrimSpace(h.SpeakerTitle+" "+h.Speaker)
			if h.Role != "" {
				who += "・" + h.Role
			}
			who += "〕"
		}
		_, err := fmt.Fprintf(w, "%3d  %s  %s  %-4s  %s%s\n", i+1,
			pad(h.Title, titleCells), pad(h.City, cityCells), formatYear(h.Year), who, snippet(h.Formatted.Text))
		if err != nil {
			return err
		}
	}
	return nil
}

// snippet is the highlighted, HTML-escaped text made plain and one line.
func snippet(formatted string) string {
	return strings.Join(strings.Fields(html.UnescapeString(formatted)), " ")
}

// cells is the width of s in terminal cells: East Asian wide and
// full-width characters take two.
func cells(s string) int {
	n := 0
	for _, r := range s {
		n += runeCells(r)
	}
	return n
}

func runeCells(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// pad cuts s to n cells (ending in …) or pads it with spaces to n cells.
func pad(s string, n int) string {
	if c := cells(s); c <= n {
		return s + strings.Repeat(" ", n-c)
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		if used+runeCells(r) > n-1 {
			break
		}
		b.WriteRune(r)
		used += runeCells(r)
	}
	return b.String() + "…" + strings.Repeat(" ", n-1-used)
}
