package indexer

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"seisaku/indexer/source"
)

// TestPDFPassagePages: passages of a PDF carry the page they start on into
// the index fields, and a phrase that Chromium wrapped at the page width
// (市政運営 | の方針) is one passage's text.
func TestPDFPassagePages(t *testing.T) {
	var doc *Document
	err := source.ReadFile("source/testdata/pdf/speech-cid.pdf", func(s source.Source) error {
		doc = (&Analyzer{}).Document(s)
		return nil
	})
	if err != nil || doc == nil {
		t.Fatalf("reading the PDF: %v", err)
	}
	if doc.Title != "平成15年度 予算の概要と市政運営の方針" {
		t.Errorf("Title = %q", doc.Title)
	}
	pages := map[int]int{}
	wrapped := false
	for _, p := range doc.Passages {
		pages[p.Page]++
		if got := doc.Fields(p)[FieldPage]; got != float64(p.Page) {
			t.Errorf("passage %d: field page = %v, want %d", p.Seq, got, p.Page)
		}
		if strings.Contains(p.Text, "市政運営の方針を申し述べまして") {
			wrapped = true
		}
		if strings.HasPrefix(p.Text, "予算全体をみますと") && p.Page != 2 {
			t.Errorf("passage %q… on page %d, want 2", p.Text[:27], p.Page)
		}
	}
	if !wrapped {
		t.Error("no passage holds the phrase across the wrap 市政運営|の方針")
	}
	if pages[0] > 0 || pages[1] == 0 || pages[2] == 0 || pages[3] == 0 {
		t.Errorf("passages per page = %v, want pages 1-3 and none without a page", pages)
	}
}

// TestPDFScanPassagesMarkedOCR: the passages of a scanned page carry
// read=ocr into the index (shown on the hit and the document view), and a
// PDF's text layer none.
func TestPDFScanPassagesMarkedOCR(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tesseract is not installed; .ci/run installs it")
		}
		t.Skip("tesseract is not installed")
	}
	for _, c := range []struct {
		file string
		ocr  bool
	}{{"source/testdata/pdf/scan.pdf", true}, {"source/testdata/pdf/speech-cid.pdf", false}} {
		var doc *Document
		err := source.ReadFile(c.file, func(s source.Source) error {
			doc = (&Analyzer{}).Document(s)
			return nil
		})
		if err != nil || doc == nil || len(doc.Passages) == 0 {
			t.Fatalf("%s: %v", c.file, err)
		}
		for _, p := range doc.Passages {
			got, _ := doc.Fields(p)[FieldRead].(string)
			if want := map[bool]string{true: ReadOCR}[c.ocr]; got != want {
				t.Errorf("%s passage %d %q: read = %q, want %q", c.file, p.Seq, p.Text, got, want)
			}
		}
		if c.ocr && !strings.Contains(strings.Join(passageTexts(doc), ""), "市政運営") {
			t.Errorf("%s: OCR text lacks 市政運営: %q", c.file, passageTexts(doc))
		}
	}
}

func passageTexts(d *Document) []string {
	var out []string
	for _, p := range d.Passages {
		out = append(out, p.Text)
	}
	return out
}
