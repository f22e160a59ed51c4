package source

import (
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"

	"seisaku/indexer/internal/pdftest"
)

// The test PDFs (testdata/pdf, see testdata/README.md):
//
//	speech-cid.pdf    headless Chromium from speech-cid.html (IPAGothic: CID-keyed
//	                  TrueType body, Type 3 for the synthesised bold headings and
//	                  Chromium's header and footer: date, title, file address, "n/3")
//	asago-table.pdf   LibreOffice Writer from asago-table.html (simple TrueType subsets):
//	                  a heading, a paragraph, a 6-column table of 15 rows, a contact line
//	locked.pdf        LibreOffice, opened only with the password "seisaku"
//
// speech-type3.pdf is printed by the test from speech-type3.html with Debian's
// Chromium and fonts-noto-cjk (Noto Sans CJK is a CFF font, which Chromium
// embeds as Type 3 glyphs throughout).

// chromiumPDF prints an HTML file to PDF with headless Chromium.
func chromiumPDF(t *testing.T, htmlPath string) string {
	t.Helper()
	return pdftest.Print(t, htmlPath)
}

func readPDFFile(t *testing.T, path string) Source {
	t.Helper()
	var docs []Source
	if err := ReadFile(path, func(s Source) error { docs = append(docs, s); return nil }); err != nil {
		t.Fatalf("ReadFile(%s): %v", path, err)
	}
	if len(docs) != 1 {
		t.Fatalf("ReadFile(%s): %d documents, want 1", path, len(docs))
	}
	return docs[0]
}

var reTag = regexp.MustCompile(`<(h[12]|p)>(.*?)</h[12]>|<p>(.*?)</p>`)

// htmlBlocks lists the headings ("#1 …", "#2 …") and paragraphs of a test page.
func htmlBlocks(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range reTag.FindAllStringSubmatch(string(b), -1) {
		switch m[1] {
		case "h1":
			out = append(out, "#1 "+html.UnescapeString(m[2]))
		case "h2":
			out = append(out, "#2 "+html.UnescapeString(m[2]))
		default:
			out = append(out, html.UnescapeString(m[3]))
		}
	}
	return out
}

// gotBlocks renders blocks like htmlBlocks, spaces in headings dropped
// (the width of a gap tells no space from an ideographic one).
func gotBlocks(bs []Block) []string {
	var out []string
	for _, b := range bs {
		switch b.Kind {
		case Heading:
			out = append(out, "#"+string(rune('0'+b.Level))+" "+b.Text)
		default:
			out = append(out, b.Text)
		}
	}
	return out
}

func normSpace(s string) string { return strings.NewReplacer(" ", "", "　", "").Replace(s) }

// TestReadPDFSpeech: a speech printed by Chromium reads back as the HTML it
// was printed from, paragraph for paragraph: wrapped lines rejoined without
// a space (across page breaks too), headings from their size with their
// level, Chromium's header and footer (date, title, address, "1/3") gone,
// and every block on the page it starts on.
func TestReadPDFSpeech(t *testing.T) {
	for _, tc := range []struct{ name, pdf, html string }{
		{"CID-keyed TrueType", "testdata/pdf/speech-cid.pdf", "testdata/pdf/speech-cid.html"},
		{"Type 3", "", "testdata/pdf/speech-type3.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.pdf
			if path == "" {
				path = chromiumPDF(t, tc.html)
			}
			src := readPDFFile(t, path)
			if src.Title != "平成15年度 予算の概要と市政運営の方針" {
				t.Errorf("Title = %q", src.Title)
			}
			want, got := htmlBlocks(t, tc.html), gotBlocks(src.Blocks)
			if len(got) != len(want) {
				t.Errorf("%d blocks, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
			}
			for i := range min(len(got), len(want)) {
				if normSpace(got[i]) != normSpace(want[i]) {
					t.Errorf("block %d:\n got %s\nwant %s", i, got[i], want[i])
				}
			}
			pages := map[string]int{}
			for _, b := range src.Blocks {
				if b.Page < 1 || b.Page > 3 {
					t.Errorf("block %q on page %d", b.Text, b.Page)
				}
				pages[string([]rune(b.Text)[:6])] = b.Page
				if strings.Contains(b.Text, "file://") || strings.Contains(b.Text, "/3") || strings.Contains(b.Text, "PM") {
					t.Errorf("page chrome kept: %q", b.Text)
				}
			}
			for start, page := range map[string]int{"平成15年度": 1, "予算全体をみ": 2, "次に、商店街": 3} {
				if pages[start] != page {
					t.Errorf("block %s… on page %d, want %d", start, pages[start], page)
				}
			}
		})
	}
}

// TestReadPDFTable: a table LibreOffice wrote keeps one block a row, cells
// in order, the header row included; the heading above it is a heading.
func TestReadPDFTable(t *testing.T) {
	src := readPDFFile(t, "testdata/pdf/asago-table.pdf")
	var rows []string
	for _, b := range src.Blocks {
		if b.Kind == TableCell {
			rows = append(rows, b.Text)
		}
	}
	if len(rows) != 15 {
		t.Fatalf("%d rows, want 15:\n%s", len(rows), strings.Join(rows, "\n"))
	}
	for i, want := range map[int]string{
		0:  "No. | 事務事業名 | 部 | 課 | 予算（千円） | 評価",
		1:  "1 | 総務一般管理事業（秘書広報課） | 企画総務部 | 秘書広報課 | 8254 | 評価対象外",
		9:  "9 | 自治体 DX 推進事業 | 企画総務部 | 総合政策課 | 26527 | 拡大",
		14: "14 | 審議会等委員会運営事業 | 企画総務部 | 総務課 | 45 | 評価対象外",
	} {
		if normSpace(rows[i]) != normSpace(want) {
			t.Errorf("row %d = %q, want %q", i, rows[i], want)
		}
	}
	first := src.Blocks[0]
	if first.Kind != Heading || first.Level != 1 || normSpace(first.Text) != "朝来市事務事業優先度評価（抜粋）" || first.Page != 1 {
		t.Errorf("first block = %+v, want the level-1 heading", first)
	}
	last := src.Blocks[len(src.Blocks)-1]
	if last.Kind != Paragraph || last.Text != "問合せ：企画総務部総合政策課" {
		t.Errorf("last block = %+v, want the contact paragraph", last)
	}
}

// newPDF makes a PDF with PDFium: copies times src's pages (src nil: one
// blank page).
func newPDF(t *testing.T, src []byte, copies int) []byte {
	t.Helper()
	inst := testInstance(t)
	defer inst.Close()
	doc, err := inst.FPDF_CreateNewDocument(&requests.FPDF_CreateNewDocument{})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	if src == nil {
		if _, err := inst.FPDFPage_New(&requests.FPDFPage_New{Document: doc.Document, Width: 595, Height: 842}); err != nil {
			t.Fatal(err)
		}
	} else {
		s, err := inst.OpenDocument(&requests.OpenDocument{File: &src})
		if err != nil {
			t.Fatal(err)
		}
		defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: s.Document})
		// One import of the pages repeated: the copies share their fonts
		// and images, as the pages of one real document do.
		n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: s.Document})
		if err != nil {
			t.Fatal(err)
		}
		r := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("1-%d,", n.PageCount), copies), ",")
		if _, err := inst.FPDF_ImportPages(&requests.FPDF_ImportPages{Source: s.Document, Destination: doc.Document, PageRange: &r}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := inst.FPDF_SaveAsCopy(&requests.FPDF_SaveAsCopy{Document: doc.Document})
	if err != nil {
		t.Fatal(err)
	}
	return *out.FileBytes
}

// TestReadPDFUnusable: a scan, an encrypted and a broken PDF each fail with
// a reason that names them, and emit nothing.
func TestReadPDFUnusable(t *testing.T) {
	good, err := os.ReadFile("testdata/pdf/asago-table.pdf")
	if err != nil {
		t.Fatal(err)
	}
	locked, err := os.ReadFile("testdata/pdf/locked.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
		is   error
	}{
		{"scan.pdf", newPDF(t, nil, 0), "no text layer", ErrNoTextLayer},
		{"locked.pdf", locked, "encrypted PDF", ErrEncrypted},
		{"truncated.pdf", good[:len(good)/3], "broken PDF", nil},
		{"garbage.pdf", []byte("%PDF-1.7\nthis is not a PDF\n"), "broken PDF", nil},
		{"renamed.txt", good[:len(good)/2], "broken PDF", nil}, // by content, not extension
	} {
		t.Run(tc.name, func(t *testing.T) {
			emitted := 0
			err := Read(tc.name, tc.data, func(Source) error { emitted++; return nil })
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), tc.name+": ") {
				t.Errorf("err = %v, want %q naming the file", err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %v, want errors.Is %v", err, tc.is)
			}
			if emitted != 0 {
				t.Errorf("%d documents emitted", emitted)
			}
		})
	}
}

// TestReadPDF300Pages: a 300-page PDF is read a page at a time; the heap
// the Go runtime holds afterwards (the WebAssembly memory included) stays
// within 256 MB of what it was before (94 MB when written).
func TestReadPDF300Pages(t *testing.T) {
	if testing.Short() {
		t.Skip("300 pages take a few seconds")
	}
	src, err := os.ReadFile("testdata/pdf/speech-cid.pdf")
	if err != nil {
		t.Fatal(err)
	}
	big := newPDF(t, src, 100)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var doc Source
	if err := Read("big.pdf", big, func(s Source) error { doc = s; return nil }); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	last := doc.Blocks[len(doc.Blocks)-1]
	if last.Page != 300 {
		t.Errorf("last block on page %d, want 300", last.Page)
	}
	if n := len(doc.Blocks); n < 100*30 {
		t.Errorf("%d blocks, want at least %d", n, 100*30)
	}
	grown := int64(after.Sys) - int64(before.Sys)
	t.Logf("300 pages (%d KB): %d blocks, runtime memory grew by %d MB (heap in use %d MB, total alloc %d MB)", len(big)>>10, len(doc.Blocks), grown>>20, after.HeapInuse>>20, (after.TotalAlloc-before.TotalAlloc)>>20)
	if grown > 256<<20 {
		t.Errorf("runtime memory grew by %d MB reading 300 pages", grown>>20)
	}
}

// TestPDFRawMatchesRequestAPI: the direct calls into PDFium (pdf_raw.go)
// and go-pdfium's request API, which serves when they are unavailable, read
// the same blocks: the same text, kinds and pages.
func TestPDFRawMatchesRequestAPI(t *testing.T) {
	files := []string{"testdata/pdf/speech-cid.pdf", "testdata/pdf/asago-table.pdf"}
	// and real ones, letter-spaced and vertical, where ../shared is beside the checkout
	for _, f := range []string{"nobeoka-giketsukekka-2024-12.pdf", "nobeoka-shiseihoushin-yosansetsumei-r8.pdf", "otoineppu-kouhou-2022-12.pdf"} {
		if p := filepath.Join("../../../shared/corpus/municipal-pdf/pdf", f); fileExists(p) {
			files = append(files, p)
		}
	}
	for _, f := range files {
		raw := readPDFFile(t, f)
		requestAPIOnly = true
		slow := readPDFFile(t, f)
		requestAPIOnly = false
		dump := func(s Source) string {
			var b strings.Builder
			for _, bl := range s.Blocks {
				fmt.Fprintf(&b, "%d p%d %s | %s\n", bl.Kind, bl.Page, bl.Text, bl.Header)
			}
			return b.String()
		}
		if a, b := dump(raw), dump(slow); a != b || len(raw.Blocks) == 0 {
			t.Errorf("%s: direct calls read\n%s\nthe request API\n%s", f, a, b)
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// testInstance is a PDFium instance of the reader's (an idle one or a new
// one of the pool); the caller closes it (the pool holds as many as there
// are cores).
func testInstance(t testing.TB) pdfium.Pdfium {
	t.Helper()
	pi, err := getPDFInstance(pdfInstanceWait)
	if err != nil {
		t.Fatal(err)
	}
	return pi.inst
}

// TestPDFInstanceReuse: a PDF read cleanly leaves its PDFium instance for
// the next one, which reads the same text in it; a broken PDF's instance
// is ended, not kept.
func TestPDFInstanceReuse(t *testing.T) {
	good, err := os.ReadFile("testdata/pdf/asago-table.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for len(pdfIdle) > 0 {
		pi := <-pdfIdle
		pi.release(false)
	}
	first, err := extractPDF(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(pdfIdle) != 1 {
		t.Fatalf("%d idle instances after a clean read, want 1", len(pdfIdle))
	}
	kept := <-pdfIdle
	pdfIdle <- kept
	again, err := extractPDF(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(pdfIdle) != 1 || <-pdfIdle != kept {
		t.Fatal("the second read did not run in the kept instance")
	}
	pdfIdle <- kept
	if !reflect.DeepEqual(first.Blocks, again.Blocks) {
		t.Errorf("the kept instance read other blocks:\n%v\n%v", first.Blocks, again.Blocks)
	}
	if _, err := extractPDF(good[:len(good)/3]); err == nil {
		t.Fatal("a truncated PDF read without error")
	}
	if len(pdfIdle) != 0 {
		t.Errorf("%d idle instances after a broken PDF, want 0: its instance is ended", len(pdfIdle))
	}
}

// TestReadPDFPagesInParallel: a long PDF read by two instances, chunk by
// chunk, gives the blocks one instance gives, page for page, and both
// instances are kept for the next PDFs.
func TestReadPDFPagesInParallel(t *testing.T) {
	if pdfParallel < 2 {
		t.Skip("one core: a PDF is read by one instance")
	}
	src, err := os.ReadFile("testdata/pdf/speech-cid.pdf")
	if err != nil {
		t.Fatal(err)
	}
	long := newPDF(t, src, 30) // 90 pages: four chunks
	read := func(helpers int) Source {
		defer func(h int) { pdfMaxHelpers = h }(pdfMaxHelpers)
		pdfMaxHelpers = helpers
		for len(pdfIdle) > 0 {
			pi := <-pdfIdle
			pi.release(false)
		}
		var doc Source
		if err := Read("long.pdf", long, func(s Source) error { doc = s; return nil }); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	one := read(0)
	two := read(1)
	if len(pdfIdle) != 2 {
		t.Errorf("%d instances kept after a read by two, want 2", len(pdfIdle))
	}
	if last := two.Blocks[len(two.Blocks)-1]; last.Page != 90 {
		t.Errorf("last block on page %d, want 90", last.Page)
	}
	if len(one.Blocks) != len(two.Blocks) {
		t.Fatalf("%d blocks read by two instances, %d by one", len(two.Blocks), len(one.Blocks))
	}
	for i := range one.Blocks {
		if !reflect.DeepEqual(one.Blocks[i], two.Blocks[i]) {
			t.Fatalf("block %d: by two instances %+v, by one %+v", i, two.Blocks[i], one.Blocks[i])
		}
	}
}

// TestReadPDFPageBudget: a PDF past the page budget is read up to it, by
// two instances as by one, and the cut is the document's damage.
func TestReadPDFPageBudget(t *testing.T) {
	src, err := os.ReadFile("testdata/pdf/speech-cid.pdf")
	if err != nil {
		t.Fatal(err)
	}
	long := newPDF(t, src, 30) // 90 pages
	defer func(n int) { maxPDFPages = n }(maxPDFPages)
	maxPDFPages = 30
	var doc Source
	if err := Read("long.pdf", long, func(s Source) error { doc = s; return nil }); err != nil {
		t.Fatal(err)
	}
	if last := doc.Blocks[len(doc.Blocks)-1]; last.Page != 30 {
		t.Errorf("last block on page %d, want 30", last.Page)
	}
	if doc.Damage != "read the first 30 of 90 pages (page budget)" {
		t.Errorf("Damage = %q", doc.Damage)
	}
}
