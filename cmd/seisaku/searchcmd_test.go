package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"seisaku/indexer"
	"seisaku/search"
)

// seedIndex builds an index of two seed pages: 大阪市 政策企画室 and
// 市民局 運営方針 (令和4年度).
func seedIndex(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "indexer", "samples", "data", "seeds")
	roots := []string{filepath.Join(src, "000_1403620876372b75.txt"), filepath.Join(src, "001_c213e4f7f93bd4cd.txt")}
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Build(t.Context(), dir, roots, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func searchCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(t.Context(), append([]string{"search"}, args...), func(string) string { return "" }, &out, io.Discard)
	return out.String(), err
}

func TestSearchTable(t *testing.T) {
	out, err := searchCmd(t, "-index", seedIndex(t), "-n", "3", "多文化共生")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], "件 (") {
		t.Fatalf("want a summary and 3 rows:\n%s", out)
	}
	for _, l := range lines[1:] {
		// rank, title padded to 30 cells, city, year, snippet
		if !strings.HasPrefix(l, "  ") || !strings.Contains(l, "令和4年度市民局運営方針         大阪市  2022  ") ||
			!strings.Contains(l, "【多文化共生】") || strings.Contains(l, "<mark>") {
			t.Errorf("row %q", l)
		}
	}
}

func TestSearchJSONAndFilters(t *testing.T) {
	out, err := searchCmd(t, "-index", seedIndex(t), "-format", "json", "-n", "100", "-department", "政策企画室", "-expand", "false", "情報発信")
	if err != nil {
		t.Fatal(err)
	}
	var r search.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) == 0 || len(r.Hits) != r.TotalHits {
		t.Fatalf("%d hits of %d", len(r.Hits), r.TotalHits)
	}
	if len(r.Expansions) != 0 {
		t.Errorf("-expand false, yet expansions %v", r.Expansions)
	}
	for _, h := range r.Hits {
		marked := h.Formatted.Text + strings.Join(h.Formatted.Headings, " ")
		if h.Department != "政策企画室" || !strings.Contains(marked, "<mark>") {
			t.Errorf("hit %s department %q: %s", h.ID, h.Department, marked)
		}
	}
}

func TestSearchCSV(t *testing.T) {
	out, err := searchCmd(t, "-index", seedIndex(t), "-format", "csv", "-n", "2", "-year", "2022", "多文化共生")
	if err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutPrefix(out, "\uFEFF")
	if !ok {
		t.Fatalf("no BOM: %.20q", out)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[0][0] != "passage_id" || recs[1][3] != "大阪市" || recs[1][5] != "2022" {
		t.Errorf("records %q", recs)
	}
}

func TestSearchUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-year", "20x", "多文化共生"}, `search: 年度の指定 "20x" が正しくありません`},
		{[]string{"-n", "0", "x"}, "search: -n 0: want 1 to 10000"},
		{[]string{"-format", "xml", "x"}, `search: -format "xml": want table, json or csv`},
		{[]string{"-sort", "best", "x"}, "search: 並び順 \"best\" は使えません"},
	} {
		_, err := searchCmd(t, tt.args...)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || exitCode(err) != 2 {
			t.Errorf("%q: %v", tt.args, err)
		}
	}
	if _, err := searchCmd(t, "-index", seedIndex(t), `"多文化`); err == nil || !strings.Contains(err.Error(), "unbalanced quote") {
		t.Errorf("unbalanced quote: %v", err)
	}
}

func TestPad(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"大阪市", 8, "大阪市  "},
		{"令和4年度市民局運営方針", 10, "令和4年度…"},
		{"ABC", 3, "ABC"},
		{"桐生市議会", 6, "桐生… "},
	} {
		if got := pad(tt.s, tt.n); got != tt.want || cells(got) != tt.n {
			t.Errorf("pad(%q, %d) = %q (%d cells), want %q", tt.s, tt.n, got, cells(got), tt.want)
		}
	}
}

// TestSearchTableSaysQueryFilters: the summary line says which words were
// read as filters (a year, a department).
func TestSearchTableSaysQueryFilters(t *testing.T) {
	out, err := searchCmd(t, "-index", seedIndex(t), "-n", "1", "情報発信", "2022", "部署:政策企画室")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(out, "\n")
	if !strings.Contains(first, "絞り込み: 2022 → year:2022") || !strings.Contains(first, "絞り込み: 部署:政策企画室 → department:政策企画室") {
		t.Errorf("summary %q does not say the filters", first)
	}
	if !strings.Contains(out, "令和4年度政策企画室運営方針") || strings.Contains(out, "市民局運営方針") {
		t.Errorf("results:\n%s", out)
	}
}

// TestSearchMinutes: -role answer keeps the executive's answers of the ward
// minutes, and each row says who answered.
func TestSearchMinutes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	src := filepath.Join("..", "..", "indexer", "minutes", "testdata", "ward-minutes.txt")
	if _, err := indexer.Build(t.Context(), dir, []string{src}, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	out, err := searchCmd(t, "-index", dir, "-role", "answer", "居場所")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "〔区長 森澤恭子・answer〕") || !strings.Contains(lines[2], "〔子ども未来部長 伊藤三郎・answer〕") {
		t.Errorf("居場所 -role answer:\n%s", out)
	}
}
