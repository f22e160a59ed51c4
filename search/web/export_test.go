package web

import (
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

// TestCSVRecordPage: a passage of a PDF names its page in its own column
// and in the source address, which PDF viewers open at that page; the
// prefecture has its column.
func TestCSVRecordPage(t *testing.T) {
	h := search.Hit{ID: "d-3", DocID: "d", Title: "予算の概要", Text: "本文", Source: "https://www.city.kiryu.lg.jp/a.pdf",
		Permalink: "/documents/d#p3", Page: 7, Prefecture: "群馬県"}
	rec := CSVRecord(h, "https://search.example.jp")
	got := strings.Join(rec[len(rec)-4:], " ")
	if want := "https://www.city.kiryu.lg.jp/a.pdf#page=7 https://search.example.jp/documents/d#p3 7 群馬県"; got != want {
		t.Errorf("source, permalink, page = %q, want %q", got, want)
	}
	h.Page = 0
	if rec := CSVRecord(h, ""); rec[len(rec)-2] != "" || strings.Contains(rec[len(rec)-4], "#page") {
		t.Errorf("no page: %q", rec)
	}
}
