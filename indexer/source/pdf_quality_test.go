package source

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klippa-app/go-pdfium/requests"
)

// pdfStats reads a PDF's pages as the reader does and returns each page's
// statistics, and whether the direct calls (pdf_raw.go) served.
func pdfStats(t testing.TB, path string) (stats []pageStats, pages []pdfPage, raw bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	inst := testInstance(t)
	defer inst.Close()
	rd := &pdfReader{inst: inst, data: data}
	if err := rd.open(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer rd.close()
	r, err := newRawPDFium(inst)
	if err != nil {
		t.Fatalf("direct PDFium calls unavailable: %v", err)
	}
	defer r.close()
	doc, err := r.docHandle(rd.doc)
	if err != nil {
		t.Fatal(err)
	}
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: rd.doc})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n.PageCount {
		var st pageStats
		p, err := r.rawPageText(doc, i, &st)
		if err != nil {
			t.Fatalf("%s page %d: %v", path, i+1, err)
		}
		stats = append(stats, st)
		p.Runs = slices.Clone(p.Runs) // the reader reuses their array
		pages = append(pages, p)
	}
	return stats, pages, true
}

// TestPDFQualityCorpus: no page of the 25 municipal PDFs of the reference
// corpus (minutes, budgets, bulletins, plans) is judged garbled, and the
// largest share of rare kanji on any page stays far below the threshold.
func TestPDFQualityCorpus(t *testing.T) {
	dir := "../../../shared/corpus/municipal-pdf/pdf"
	if _, err := os.Stat(dir); err != nil {
		dir = "/work/shared/corpus/municipal-pdf/pdf"
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		t.Skip("the municipal PDF corpus is not here")
	}
	pages, worst, worstAt := 0, 0.0, ""
	for _, f := range files {
		stats, _, _ := pdfStats(t, f)
		for i, st := range stats {
			pages++
			if st.kanji >= 20 {
				if r := float64(st.rare) / float64(st.kanji); r > worst {
					worst, worstAt = r, fmt.Sprintf("%s page %d", filepath.Base(f), i+1)
				}
			}
			if why := st.garbled(); why != "" {
				t.Errorf("%s page %d flagged: %s", filepath.Base(f), i+1, why)
			}
		}
	}
	t.Logf("%d files, %d pages; most rare kanji: %.1f %% (%s)", len(files), pages, 100*worst, worstAt)
	if worst > 0.10 {
		t.Errorf("a real page has %.1f %% rare kanji (%s): the margin to the 20 %% threshold is thin", 100*worst, worstAt)
	}
}

func statsOf(s string, invisible bool) pageStats {
	var st pageStats
	for _, r := range s {
		if r != ' ' {
			st.count(r, invisible)
		}
	}
	return st
}

// TestPDFGarbled: the measure on text: real Japanese passes, OCR garbage,
// unmapped glyphs and private-use characters are flagged.
func TestPDFGarbled(t *testing.T) {
	prose := "平成15年第１回定例市議会において、平成15年度の予算関係議案のご審議をお願いするに当たり、市政運営の方針を申し述べまして、議員各位並びに市民の皆様のご理解とご協力を賜りたいと存じます。"
	table := "一般会計補正予算 歳入歳出予算 総務費 民生費 衛生費 農林水産業費 商工費 土木費 消防費 教育費 災害復旧費 公債費 予備費 地方交付税 国庫支出金 県支出金 繰越金 諸収入 市債"
	garbage := strings.Repeat("と匡柔難鵜腿學鰯鑛ぞ1鰐噸里", 4)
	for _, tc := range []struct {
		name, text string
		invisible  bool
		flagged    bool
	}{
		{"prose", prose, false, false},
		{"budget table of kanji nouns", table, false, false},
		{"OCR garbage of random kanji", garbage, false, true},
		{"the same as an invisible layer", garbage, true, true},
		{"U+FFFD", prose + strings.Repeat("\uFFFD", 6), false, true},
		{"private use", prose + strings.Repeat("\uE001", 6), false, true},
		{"a few U+FFFD in long prose", prose + prose + "\uFFFD", false, false},
	} {
		st := statsOf(tc.text, tc.invisible)
		if why := st.garbled(); (why != "") != tc.flagged {
			t.Errorf("%s: garbled() = %q, want flagged %v", tc.name, why, tc.flagged)
		}
	}
}
