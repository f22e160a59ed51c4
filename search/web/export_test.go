package web

import (
	"mime"
	"strings"
	"testing"
	"time"
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
