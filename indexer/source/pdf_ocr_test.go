package source

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// needTesseract skips a test when Tesseract or its Japanese model is
// missing, except under CI (.ci/run installs them).
func needTesseract(t *testing.T) {
	t.Helper()
	if bin, _ := tesseract(); bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("tesseract is not installed; .ci/run installs tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert")
		}
		t.Skip("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert)")
	}
}

// scanText is the text printed on testdata/pdf/scan.pdf (scan.html), spaces left out.
var scanText = []string{
	"平成15年度予算の概要と市政運営の方針",
	"平成15年第１回定例市議会において、平成15年度の予算関係議案のご審議をお願いするに当たり、市政運営の方針を申し述べまして、議員各位並びに市民の皆様のご理解とご協力を賜りたいと存じます。",
	"私が、再び市政をお預かりしてから４年が経過しようとしております。",
	"この間、つねに広く市民の声を聞くことを基本として、市勢の発展に力を傾注し、元気なまちづくりを進めてまいりました。",
	"しかしながら一方では、長引く不況の中で企業業績の低迷や厳しい雇用環境への対応、また、少子高齢化の急速な進展に伴う財政負担の増大など、残された課題もあります。",
}

// charAccuracy is the share of want's characters found in order in got
// (their longest common subsequence over want's length).
func charAccuracy(want, got string) float64 {
	a, b := []rune(want), []rune(got)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(b)]) / float64(len(a))
}

// TestReadPDFScan: a scanned page (an image, no text layer) is read by
// Tesseract, its blocks marked OCR, with at least 95 % of the printed
// characters in order.
func TestReadPDFScan(t *testing.T) {
	needTesseract(t)
	src := readPDFFile(t, "testdata/pdf/scan.pdf")
	var got strings.Builder
	for _, b := range src.Blocks {
		if !b.OCR || b.Page != 1 {
			t.Errorf("block %q: OCR %v page %d, want OCR on page 1", b.Text, b.OCR, b.Page)
		}
		got.WriteString(normSpace(b.Text))
	}
	want := strings.Join(scanText, "")
	acc := charAccuracy(want, got.String())
	t.Logf("OCR: %.1f %% of %d characters; damage %q", 100*acc, len([]rune(want)), src.Damage)
	if acc < 0.95 {
		t.Errorf("OCR read %.1f %% of the characters, want ≥ 95 %%:\n%s", 100*acc, got.String())
	}
	if !strings.Contains(src.Damage, "page 1 (no text layer) read by OCR") {
		t.Errorf("damage %q does not say page 1 was read by OCR", src.Damage)
	}
}

// TestReadPDFScanWithoutTesseract: without Tesseract a scan is
// ErrNoTextLayer naming the packages to install.
func TestReadPDFScanWithoutTesseract(t *testing.T) {
	tesseract() // find it first, then hide it
	saved := tesseractTool.path
	tesseractTool.path = ""
	defer func() { tesseractTool.path = saved }()
	err := ReadFile("testdata/pdf/scan.pdf", func(Source) error { return nil })
	if !errors.Is(err, ErrNoTextLayer) || !strings.Contains(err.Error(), installTesseract) {
		t.Fatalf("err = %v, want ErrNoTextLayer saying %q", err, installTesseract)
	}
	// A garbled page among good ones is skipped with its reason, the good page read.
	src := readPDFFile(t, "testdata/pdf/garbage-layer.pdf")
	if len(src.Blocks) == 0 || !strings.Contains(src.Blocks[0].Text, "平成15年第１回定例市議会") {
		t.Fatalf("blocks %v, want page 1's sentence", gotBlocks(src.Blocks))
	}
	for _, b := range src.Blocks {
		if b.Page != 1 || b.OCR {
			t.Errorf("block on page %d (OCR %v): %q, want only page 1's text", b.Page, b.OCR, b.Text)
		}
	}
	if !strings.Contains(src.Damage, "pages 2 (invisible text layer garbled") || !strings.Contains(src.Damage, "skipped ("+installTesseract) {
		t.Errorf("damage %q does not name the skipped pages", src.Damage)
	}
}

// TestReadPDFGarbageLayer: page 1 is good text, page 2 a scan under an
// invisible layer of random kanji (an old OCR pass), page 3 the same kanji
// drawn (in a font the PDF does not embed). No garbage reaches the blocks:
// page 2 is read anew by OCR (the scan's real text); page 3 is flagged too
// and skipped, its OCR giving nothing or garbage again.
func TestReadPDFGarbageLayer(t *testing.T) {
	needTesseract(t)
	src := readPDFFile(t, "testdata/pdf/garbage-layer.pdf")
	pages := map[int]string{}
	for _, b := range src.Blocks {
		pages[b.Page] += normSpace(b.Text)
		if b.OCR != (b.Page == 2) {
			t.Errorf("block on page %d has OCR %v: %q", b.Page, b.OCR, b.Text)
		}
		var st pageStats
		for _, c := range b.Text {
			st.count(c, false)
		}
		if st.kanji >= 10 && st.rare*5 > st.kanji {
			t.Errorf("garbage indexed on page %d: %q", b.Page, b.Text)
		}
	}
	if !strings.HasPrefix(pages[1], "平成15年第１回定例市議会において") {
		t.Errorf("page 1 = %q", pages[1])
	}
	if acc := charAccuracy(strings.Join(scanText, ""), pages[2]); acc < 0.95 {
		t.Errorf("page 2 by OCR: %.1f %% of the scan's characters, want ≥ 95 %%: %q", 100*acc, pages[2])
	}
	if pages[3] != "" {
		t.Errorf("page 3 (visible garbage) indexed: %q", pages[3])
	}
	t.Logf("damage: %s", src.Damage)
	if !strings.Contains(src.Damage, "invisible text layer garbled") {
		t.Errorf("damage %q does not report the garbled invisible layer", src.Damage)
	}
}
