package source

// PDF (.pdf, or content starting with %PDF-) is read with PDFium, Google's
// PDF library (the one Chromium uses), through github.com/klippa-app/go-pdfium
// in its WebAssembly mode: PDFium compiled to WebAssembly and run by wazero,
// a pure-Go runtime, so the binary stays static and cgo-free (the Docker
// image has no C library to link) and a malformed PDF cannot corrupt the
// process's memory, only the sandbox's. PDFium decodes every font kind the
// documents use (Type 3 glyphs as headless Chromium prints them, CID-keyed
// and simple TrueType as office suites write them) through their ToUnicode
// maps, and gives each run of text its position, size and weight, from
// which pdflayout.go rebuilds lines, paragraphs, headings and table rows.
//
// The engine is started once per process, on the first PDF (compiling the
// 5 MB module takes a few seconds; the compiled code is cached under the
// user's cache directory, seisaku/wazero, so later starts take a fraction of
// that). Each PDF is read by its own instance, a page at a time, so memory
// grows with the largest page and the fonts, not with the page count (a
// 300-page document: under 100 MB, TestReadPDF300Pages), and is capped at
// maxPDFMemory per instance. The sandbox sees no
// file system: the PDF is handed over as bytes.
//
// A PDF whose pages carry no text (a scan without OCR) is ErrNoTextLayer; an
// encrypted one that needs a password is ErrEncrypted; one PDFium cannot
// parse is a "broken PDF" error. All three name the file and skip it.

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"golang.org/x/text/width"
)

var (
	// ErrNoTextLayer: the PDF's pages hold no text, only images (a scan).
	ErrNoTextLayer = errors.New("no text layer (a scanned PDF without OCR?)")
	// ErrEncrypted: the PDF cannot be opened without a password.
	ErrEncrypted = errors.New("encrypted PDF (a password is needed to open it)")
)

// maxPDFBytes bounds the size of a PDF the reader hands to PDFium.
const maxPDFBytes = 512 << 20

// maxPDFMemory bounds the memory of one PDFium instance (WebAssembly pages
// of 64 KB): a PDF that needs more fails instead of taking the machine.
// A 300-page document printed by Chromium needs under 100 MB.
const maxPDFMemory = 2 << 30

// pdfInstanceWait is how long a reader waits for a free PDFium instance.
const pdfInstanceWait = 10 * time.Minute

var pdfEngine struct {
	once sync.Once
	pool pdfium.Pool
	err  error
}

// pdfPool starts the PDFium engine on first use.
func pdfPool() (pdfium.Pool, error) {
	e := &pdfEngine
	e.once.Do(func() {
		rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithMemoryLimitPages(maxPDFMemory >> 16)
		if dir, err := os.UserCacheDir(); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "seisaku", "wazero")); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
		n := runtime.GOMAXPROCS(0)
		e.pool, e.err = webassembly.Init(webassembly.Config{
			MinIdle: 0, MaxIdle: n, MaxTotal: n,
			FSConfig:      wazero.NewFSConfig(), // no file system: PDFs come as bytes
			RuntimeConfig: rc,
			Stdout:        discard{}, Stderr: discard{},
		})
		if e.err != nil {
			e.err = fmt.Errorf("starting the PDF engine: %w", e.err)
		}
	})
	return e.pool, e.err
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// looksPDF reports whether data starts like a PDF file.
func looksPDF(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-"))
}

// readPDF reads a whole PDF file into one document.
func readPDF(data []byte, emit func(Source) error) error {
	if len(data) > maxPDFBytes {
		return fmt.Errorf("PDF too large (%d MB, limit %d MB)", len(data)>>20, maxPDFBytes>>20)
	}
	src, err := extractPDF(data)
	if err != nil {
		return err
	}
	return emit(src)
}

// extractPDF opens data in a PDFium instance and lays out its pages.
func extractPDF(data []byte) (src Source, err error) {
	pool, err := pdfPool()
	if err != nil {
		return src, err
	}
	inst, err := pool.GetInstance(pdfInstanceWait)
	if err != nil {
		return src, fmt.Errorf("PDF engine: %w", err)
	}
	defer inst.Close()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("broken PDF: the PDF engine failed (%v)", r)
		}
	}()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
		return src, ErrEncrypted
	case err != nil:
		return src, fmt.Errorf("broken PDF: %w", err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return src, fmt.Errorf("broken PDF: %w", err)
	}
	pages := make([]pdfPage, 0, count.PageCount)
	chars := 0
	for i := range count.PageCount {
		p, err := pdfPageText(inst, doc.Document, i)
		if err != nil {
			return src, fmt.Errorf("broken PDF: page %d: %w", i+1, err)
		}
		for _, r := range p.Runs {
			chars += len(strings.TrimSpace(r.Text))
		}
		pages = append(pages, p)
	}
	if chars == 0 {
		return src, fmt.Errorf("%w: %d pages, no characters", ErrNoTextLayer, count.PageCount)
	}
	src.Blocks = layoutPDF(pages)
	if len(src.Blocks) == 0 {
		return src, ErrEmpty
	}
	src.Title = pdfTitle(inst, doc.Document)
	src.Encoding = "PDF"
	return src, nil
}

// pdfPageText returns one page's characters placed by their origins and
// loose boxes (see charRun), with their size and weight.
// Line breaks PDFium generates are left out: the layout finds lines itself.
func pdfPageText(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (pdfPage, error) {
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return pdfPage{}, err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	page := requests.Page{ByReference: &lp.Page}
	h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
	if err != nil {
		return pdfPage{}, err
	}
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return pdfPage{}, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return pdfPage{}, err
	}
	p := pdfPage{Height: float64(h.PageHeight), Runs: make([]pdfRun, 0, n.Count)}
	for i := range n.Count {
		run, ok, err := pdfChar(inst, tp.TextPage, i)
		if err != nil {
			return pdfPage{}, err
		}
		if ok {
			p.Runs = append(p.Runs, run)
		}
	}
	return p, nil
}

// pdfChar reads character i of a text page; ok is false for control
// characters and for those PDFium generated other than spaces (a space it
// generated marks a gap it judged a word break).
func pdfChar(inst pdfium.Pdfium, tp references.FPDF_TEXTPAGE, i int) (run pdfRun, ok bool, err error) {
	gen, err := inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp, Index: i})
	if err != nil {
		return run, false, err
	}
	u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp, Index: i})
	if err != nil {
		return run, false, err
	}
	r := rune(u.Unicode)
	if r == 0 || unicode.IsControl(r) || !utf8.ValidRune(r) || gen.IsGenerated && r != ' ' {
		return run, false, nil
	}
	box, err := inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp, Index: i})
	if err != nil {
		return run, false, err
	}
	size, err := inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp, Index: i})
	if err != nil {
		return run, false, err
	}
	m, err := inst.FPDFText_GetMatrix(&requests.FPDFText_GetMatrix{TextPage: tp, Index: i})
	if err != nil {
		return run, false, err
	}
	bold := false // PDFium knows no weight for some characters (a generated space): not bold
	if w, err := inst.FPDFText_GetFontWeight(&requests.FPDFText_GetFontWeight{TextPage: tp, Index: i}); err == nil {
		bold = w.FontWeight >= 600
	}
	o, err := inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp, Index: i})
	if err != nil {
		return run, false, err
	}
	scale := math.Hypot(float64(m.Matrix.C), float64(m.Matrix.D))
	if scale == 0 {
		scale = 1
	}
	return charRun(r, o.X, o.Y, float64(box.Rect.Left), float64(box.Rect.Right), size.FontSize*scale, bold), true, nil
}

// charRun places a character by its origin on the baseline. The band of
// the line is drawn from the baseline and the size, not from the glyph
// (Type 3 glyphs, as Chromium prints CFF fonts, have boxes of their own
// shape: a 、 or を would stand apart from its line), and a full-width
// character is one em wide from its origin, whatever its glyph covers.
func charRun(r rune, x, y, left, right, size float64, bold bool) pdfRun {
	em := max(size, 1)
	run := pdfRun{Text: string(r), Left: min(left, x), Right: max(right, x), Bottom: y - 0.2*em, Top: y + 0.8*em, Size: size, Bold: bold}
	if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
		run.Left, run.Right = x, x+em
	}
	return run
}

// pdfTitle is the document information's Title when it reads like a title:
// not a file name (会議資料.docx), not an office suite's default, and with
// some Japanese or letters in it. Otherwise "": the first heading serves.
func pdfTitle(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT) string {
	res, err := inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc, Tag: "Title"})
	if err != nil {
		return ""
	}
	t := strings.TrimSpace(res.Value)
	lower := strings.ToLower(t)
	for _, ext := range []string{".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".pdf", ".html", ".htm", ".txt", ".jtd", ".odt"} {
		if strings.HasSuffix(lower, ext) {
			return ""
		}
	}
	if strings.HasPrefix(lower, "microsoft ") || strings.HasPrefix(lower, "untitled") || lower == "無題" || strings.Contains(lower, "://") {
		return ""
	}
	for _, r := range t {
		if unicode.IsLetter(r) {
			return t
		}
	}
	return ""
}
