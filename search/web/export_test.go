package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"seisaku/search"
)

func TestExportFilename(t *testing.T) {
	now := time.Date(2023, 6, 9, 15, 4, 5, 0, time.UTC)
	for _, tt := range []struct{ q, want string }{
		{"", "seisaku-20230609-150405.csv"},
		{"多文化共生", "seisaku-多文化共生-20230609-150405.csv"},
		{` "区政" ../../etc/passwd　会議 `, "seisaku-_区政__.._.._etc_passwd_会議-20230609-150405.csv"},
	} {
		if got := exportFilename(tt.q, now); got != tt.want {
			t.Errorf("exportFilename(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestDefuseFormula(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"-1-1 多文化共生施策の推進", "'-1-1 多文化共生施策の推進"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"多文化共生", "多文化共生"},
		{"", ""},
	} {
		if got := defuseFormula(tt.in); got != tt.want {
			t.Errorf("defuseFormula(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestContentDisposition names the file once: filename alone for an ASCII
// name (q=SNS), filename plus filename* when the query is Japanese.
func TestContentDisposition(t *testing.T) {
	now := time.Date(2023, 6, 9, 15, 4, 5, 0, time.UTC)
	for _, tt := range []struct{ q, want string }{
		{"", "attachment; filename=seisaku-20230609-150405.csv"},
		{"SNS", "attachment; filename=seisaku-SNS-20230609-150405.csv"},
		{"多文化共生", "attachment; filename=seisaku-20230609-150405.csv; filename*=utf-8''seisaku-%E5%A4%9A%E6%96%87%E5%8C%96%E5%85%B1%E7%94%9F-20230609-150405.csv"},
	} {
		got := contentDisposition(tt.q, now)
		if got != tt.want {
			t.Errorf("contentDisposition(%q) = %q, want %q", tt.q, got, tt.want)
		}
		if _, params, err := mime.ParseMediaType(got); err != nil || params["filename"] == "" {
			t.Errorf("contentDisposition(%q) = %q: %v %v", tt.q, got, params, err)
		}
		if n := strings.Count(got, "filename="); n != 1 {
			t.Errorf("contentDisposition(%q) = %q: filename= %d times", tt.q, got, n)
		}
	}
}

// TestCSVRecordPage: a passage of a PDF names its page in its own column
// and in the source address, which PDF viewers open at that page; every
// facet of the facet table, the prefecture included, has its column.
func TestCSVRecordPage(t *testing.T) {
	h := search.Hit{ID: "d-3", DocID: "d", Title: "予算の概要", Text: "本文", Source: "https://www.city.kiryu.lg.jp/a.pdf",
		Permalink: "/documents/d#p3", Page: 7, City: "桐生市", Prefecture: "群馬県", Year: 2023, IssueTypes: []string{"財政・予算", "議会・市政運営"}}
	col := func(rec []string, name string) string { return rec[slices.Index(csvHeader, name)] }
	rec := CSVRecord(h, "https://search.example.jp")
	got := strings.Join([]string{col(rec, "source"), col(rec, "permalink"), col(rec, "page"), col(rec, "city"),
		col(rec, "prefecture"), col(rec, "year"), col(rec, "issue_types"), col(rec, "department")}, " ")
	if want := "https://www.city.kiryu.lg.jp/a.pdf#page=7 https://search.example.jp/documents/d#p3 7 桐生市 群馬県 2023 財政・予算;議会・市政運営 "; got != want {
		t.Errorf("columns = %q, want %q", got, want)
	}
	for _, f := range search.Facets() {
		if !slices.Contains(csvHeader, f.Column) {
			t.Errorf("facet %s has no CSV column", f.Name)
		}
	}
	if col(rec, "read") != "" {
		t.Errorf("read = %q for text read as published", col(rec, "read"))
	}
	h.Read = "ocr"
	if rec := CSVRecord(h, ""); col(rec, "read") != "ocr" {
		t.Errorf("read = %q for a passage read by OCR", col(rec, "read"))
	}
	h.Page = 0
	if rec := CSVRecord(h, ""); col(rec, "page") != "" || strings.Contains(col(rec, "source"), "#page") {
		t.Errorf("no page: %q", rec)
	}
}

// TestCSVRecordMatch: the match column says how the passage holds each word.
func TestCSVRecordMatch(t *testing.T) {
	h := search.Hit{ID: "d-3", DocID: "d", Permalink: "/documents/d#p3", Match: &search.Match{Kind: "relaxed", Words: []search.WordMatch{
		{Word: "犯罪被害者支援", How: "parts", Terms: []string{"犯罪", "被害", "支援"}}, {Word: "条例", How: "exact"}}}}
	match := func(rec []string) string { return rec[slices.Index(csvHeader, "match")] }
	rec := CSVRecord(h, "")
	if got, want := match(rec), "relaxed 犯罪被害者支援:parts(犯罪 被害 支援) 条例:exact"; got != want {
		t.Errorf("match = %q, want %q", got, want)
	}
	h.Match = nil
	if rec := CSVRecord(h, ""); match(rec) != "" {
		t.Errorf("browsing: match = %q", match(rec))
	}
}

// TestCSVExportOneSearch: an export lists its hits in the order of one
// search of them all, each once. It used to read them in pages of 100, and
// a relaxed search ranks its tiers within the window each page fetches:
// on the bundled samples 子どもの医療費 無料 中学生まで (145 hits) came in
// another order from the 125th row (ExportPageRows 100 still does).
func TestCSVExportOneSearch(t *testing.T) {
	s := samplesSearcher(t)
	ts := newTestServer(t, DefaultConfig(), s)
	q := "子どもの医療費 無料 中学生まで"
	res, body := get(t, ts.URL, "/api/search.csv?q="+url.QueryEscape(q))
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte(utf8BOM)))).ReadAll()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("%d: %v", res.StatusCode, err)
	}
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[0])
	}
	one, err := s.Search(context.Background(), search.Request{Q: q, Expand: true, Synonyms: true, Export: true, HitsPerPage: search.MaxWindow})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, h := range one.Hits {
		want = append(want, h.ID)
	}
	if len(want) <= search.MaxHitsPerPage || one.Relaxed == nil {
		t.Fatalf("%d hits, relaxed %v: the query no longer tells pages from one search", len(want), one.Relaxed != nil)
	}
	if !slices.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Errorf("export of %d rows differs from one search of %d hits at row %d", len(got), len(want), i+1)
	}
	if res.Header.Get("X-Total-Hits") != strconv.Itoa(len(want)) {
		t.Errorf("X-Total-Hits %s, want %d", res.Header.Get("X-Total-Hits"), len(want))
	}
}
