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
// that). The sandbox sees no file system: the PDF is handed over as bytes,
// which PDFium reads block by block (OpenDocument's FileReader) rather than
// as a copy in its own memory.
//
// Cost is bounded: at most pdfParallel PDFs are open at once in the process,
// each in its own instance (kept for the next PDF while its memory is
// small, see pdfIdle), and a long PDF is read by more than one of them
// when slots are free (readPages); pages are read one at a time and turned into
// lines at once (pageLines), so a page's characters are let go before the
// next is read; the document is closed and reopened every pdfReopenEvery
// pages, since PDFium's per-document caches grow about 1.15 MB a page of a
// real budget book and never shrink; WebAssembly memory is a non-moving
// mmap reservation instead of a Go slice that wazero would copy at each
// growth. Characters are read by direct calls into PDFium (pdf_raw.go),
// a few per character. A book is read whole up to maxPDFPages pages or
// pdfTimeBudget, a page up to maxPageChars characters; past that the
// document is cut and the cut reported as its damage.
//
// A page whose text layer is not text (pdf_quality.go) or that has none but
// an image (a scan) is read by OCR when Tesseract is installed
// (pdf_ocr.go); its blocks carry Block.OCR. Without Tesseract such pages
// are skipped, and the document's damage says which and why.
//
// A PDF whose pages carry no text (a scan without OCR) is ErrNoTextLayer; an
// encrypted one that needs a password is ErrEncrypted; one PDFium cannot
// parse is a "broken PDF" error. All three name the file and skip it.

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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
	"github.com/wasilibs/wazero-helpers/allocator"
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
// With the document reopened every pdfReopenEvery pages, a 1,000-page book
// needs under 100 MB.
const maxPDFMemory = 2 << 30

// Budgets of one document. Budget books of 600–3,000 pages are ordinary and
// are read whole (a few milliseconds a page); a PDF past either budget is
// cut there, and the cut is reported as the document's damage.
var maxPDFPages = 20_000 // a variable for the tests

const pdfTimeBudget = 10 * time.Minute

// pdfReopenEvery: the document is closed and reopened every this many
// pages. PDFium caches fonts and parsed objects per document and never
// gives their memory back (about 1.15 MB a page of a real budget book);
// reopening costs a few milliseconds.
const pdfReopenEvery = 25

// pdfInstanceWait is how long a reader waits for a free PDFium instance.
const pdfInstanceWait = 10 * time.Minute

// pdfParallel bounds how many PDFs are open at once in the process (each
// in its own PDFium instance, with its own WebAssembly memory).
var pdfParallel = min(runtime.GOMAXPROCS(0), 4)

var pdfSlots = make(chan struct{}, pdfParallel)

// pdfMaxHelpers bounds the instances that read one PDF beside its own.
var pdfMaxHelpers = pdfParallel - 1

var pdfEngine struct {
	once sync.Once
	pool pdfium.Pool
	err  error
}

// pdfPool starts the PDFium engine on first use. WebAssembly memory lives
// in a non-moving mmap reservation (wazero-helpers' allocator): wazero's
// default grows it by append, copying the whole memory at each growth and
// leaving the old copies to the garbage collector.
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
		n := pdfParallel
		e.pool, e.err = webassembly.Init(webassembly.Config{
			MinIdle: 0, MaxIdle: n, MaxTotal: n,
			FSConfig:      wazero.NewFSConfig(), // no file system: PDFs come as bytes
			RuntimeConfig: rc,
			Context:       experimental.WithMemoryAllocator(context.Background(), allocator.NewNonMoving()),
			Stdout:        discard{}, Stderr: discard{},
		})
		if e.err != nil {
			e.err = fmt.Errorf("starting the PDF engine: %w", e.err)
		}
	})
	return e.pool, e.err
}

// pdfInstance is a PDFium instance and its direct calls (raw: nil when
// they are unavailable and go-pdfium's request API serves alone).
type pdfInstance struct {
	inst pdfium.Pdfium
	raw  *rawPDFium
}

// pdfIdle keeps instances for the next PDFs: starting one lays out its
// module's memory again, about 10 ms, which is what pdftotext takes for a
// whole 10-page PDF. An instance is kept only after a read that went
// well and while its memory is under pdfReuseMemory (a book's instance
// is let go with its memory), so that idle instances hold little.
var pdfIdle = make(chan *pdfInstance, pdfParallel)

const pdfReuseMemory = 64 << 20

// getPDFInstance is an idle instance, or a new one of the pool (waiting
// up to wait for one).
func getPDFInstance(wait time.Duration) (*pdfInstance, error) {
	select {
	case pi := <-pdfIdle:
		return pi, nil
	default:
	}
	pool, err := pdfPool()
	if err != nil {
		return nil, err
	}
	inst, err := pool.GetInstance(wait)
	if err != nil {
		return nil, fmt.Errorf("PDF engine: %w", err)
	}
	pi := &pdfInstance{inst: inst}
	if pi.raw, err = newRawPDFium(inst); err != nil {
		pi.raw = nil
	}
	return pi, nil
}

// release keeps the instance for the next PDF when the read was clean
// and its memory small, and ends it otherwise.
func (pi *pdfInstance) release(clean bool) {
	if clean && pi.raw != nil && pi.raw.memorySize() <= pdfReuseMemory {
		select {
		case pdfIdle <- pi:
			return
		default:
		}
	}
	if pi.raw != nil {
		pi.raw.close()
	}
	pi.inst.Close()
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
	pdfSlots <- struct{}{}
	defer func() { <-pdfSlots }()
	pi, err := getPDFInstance(pdfInstanceWait)
	if err != nil {
		return src, err
	}
	defer func() { pi.release(err == nil) }()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("broken PDF: the PDF engine failed (%v)", r)
		}
	}()
	inst := pi.inst
	rd := &pdfReader{inst: inst, raw: pi.raw, data: data, start: time.Now()}
	if requestAPIOnly {
		rd.raw = nil // the request API serves, slower
	}
	if err := rd.open(); err != nil {
		return src, err
	}
	defer rd.close()
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: rd.doc})
	if err != nil {
		return src, fmt.Errorf("broken PDF: %w", err)
	}
	src.Title = pdfTitle(inst, rd.doc)
	lines, damage, err := rd.readPages(count.PageCount)
	if err != nil {
		return src, err
	}
	src.Blocks = layoutLines(lines, count.PageCount)
	if len(src.Blocks) == 0 {
		return src, ErrEmpty
	}
	for i := range src.Blocks {
		src.Blocks[i].OCR = rd.ocrPages[src.Blocks[i].Page]
	}
	src.Encoding = "PDF"
	src.Damage = damage
	return src, nil
}

// requestAPIOnly makes the reader use go-pdfium's request API alone, as it
// does when the direct calls of pdf_raw.go are unavailable (tests).
var requestAPIOnly = false

// pdfReader reads one PDF's pages in one PDFium instance.
type pdfReader struct {
	inst     pdfium.Pdfium
	raw      *rawPDFium // nil: per-character calls through go-pdfium's request API
	data     []byte
	doc      references.FPDF_DOCUMENT
	open_    bool
	start    time.Time
	ocrPages map[int]bool              // 1-based pages read by OCR
	onPage   func(page int, p pdfPage) // tests: sees each text page's characters (1-based page)
}

// open opens the document; FileReader lets PDFium read blocks on demand
// instead of copying the whole file into the sandbox.
func (rd *pdfReader) open() error {
	doc, err := rd.inst.OpenDocument(&requests.OpenDocument{FileReader: bytes.NewReader(rd.data), FileReaderSize: int64(len(rd.data))})
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
		return ErrEncrypted
	case err != nil:
		return brokenPDF(err)
	}
	rd.doc, rd.open_ = doc.Document, true
	return nil
}

func (rd *pdfReader) close() {
	if rd.open_ {
		rd.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: rd.doc})
		rd.open_ = false
	}
}

// brokenPDF says in words why PDFium refused a file; go-pdfium's errors
// carry PDFium's numeric code ("3: incorrect format").
func brokenPDF(err error) error {
	why := ""
	switch {
	case errors.Is(err, pdfiumerrors.ErrFormat):
		why = "its structure cannot be read (damaged, cut short, or not a PDF)"
	case errors.Is(err, pdfiumerrors.ErrFile):
		why = "the file cannot be read"
	case errors.Is(err, pdfiumerrors.ErrPage):
		why = "a page cannot be read"
	default:
		return fmt.Errorf("broken PDF: %w", err)
	}
	return &brokenError{why, err}
}

// brokenError is a broken PDF's reason in words, wrapping PDFium's error.
type brokenError struct {
	why string
	err error
}

func (e *brokenError) Error() string { return "broken PDF: " + e.why }
func (e *brokenError) Unwrap() error { return e.err }

// reopen closes and reopens the document: PDFium's per-document caches
// (fonts, parsed objects) go with it, so memory stays bounded in a book.
func (rd *pdfReader) reopen() error {
	rd.close()
	return rd.open()
}

// readPages reads the pages, each turned into lines at once and its
// characters let go; pages without usable text go to OCR (or are skipped
// with the reason). damage says what was cut, skipped or read by OCR.
//
// The pages are read in chunks of pdfReopenEvery, the document reopened
// at each. A long PDF is read by more than one instance when slots are
// free (a book alone in a build, or updated alone): each opens the
// document and takes the next chunk until none is left, and the pages
// are put back in order, so the blocks are the same as one instance's.
func (rd *pdfReader) readPages(count int) (lines []*pdfLine, damage string, err error) {
	var notes damageNotes
	n := count
	if n > maxPDFPages {
		n = maxPDFPages
		notes.add(fmt.Sprintf("read the first %d of %d pages (page budget)", n, count))
	}
	pages := make([]pageResult, n)
	chunks := (n + pdfReopenEvery - 1) / pdfReopenEvery
	var next atomic.Int64
	var stop atomic.Bool
	defer stop.Store(true) // helpers stop at their next page if this reader fails
	work := func(w *pdfReader) error {
		var doc uint64
		for first := true; ; first = false {
			c := int(next.Add(1) - 1)
			if c >= chunks || stop.Load() {
				return nil
			}
			if !first {
				if err := w.reopen(); err != nil {
					stop.Store(true)
					return err
				}
				doc = 0
			}
			for i := c * pdfReopenEvery; i < min(n, (c+1)*pdfReopenEvery); i++ {
				if stop.Load() {
					return nil
				}
				if time.Since(rd.start) > pdfTimeBudget {
					stop.Store(true)
					return nil
				}
				if err := w.readPage(&doc, i, &pages[i]); err != nil {
					stop.Store(true)
					return fmt.Errorf("broken PDF: page %d: %w", i+1, err)
				}
			}
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	if rd.onPage == nil && rd.raw != nil && !requestAPIOnly {
		for range min(chunks-1, pdfMaxHelpers) {
			h, ok := rd.helper()
			if !ok {
				break
			}
			wg.Go(func() {
				err := h.run(work)
				if err != nil {
					mu.Lock()
					firstErr = cmp.Or(firstErr, err)
					mu.Unlock()
				}
			})
		}
	}
	err = work(rd)
	wg.Wait()
	if err = cmp.Or(err, firstErr); err != nil {
		return nil, "", err
	}
	var scans []scanPage // pages without a usable text layer
	textPages := 0
	for i := range pages {
		pg := &pages[i]
		if !pg.read {
			notes.add(fmt.Sprintf("read the first %d of %d pages (time budget %v)", i, count, pdfTimeBudget))
			break
		}
		if pg.cut > 0 {
			notes.add(fmt.Sprintf("page %d: read the first %d of %d characters", i+1, maxPageChars, pg.cut))
		}
		switch {
		case pg.scan != "":
			scans = append(scans, scanPage{i, pg.scan})
		case !pg.blank:
			textPages++
			lines = append(lines, pg.lines...)
		}
		pg.lines = nil
	}
	if len(scans) > 0 {
		ocrLines, ocrNotes, err := rd.ocr(scans, textPages == 0)
		if err != nil {
			return nil, "", err
		}
		notes = append(notes, ocrNotes...)
		if len(ocrLines) > 0 {
			lines = append(lines, ocrLines...)
			sort.SliceStable(lines, func(a, b int) bool { return lines[a].page < lines[b].page })
		}
	}
	if textPages == 0 && len(scans) == 0 {
		return nil, "", fmt.Errorf("%w: %d pages, no characters", ErrNoTextLayer, count)
	}
	return lines, notes.String(), nil
}

// pageResult is what reading one page gave: its lines, or why it goes to
// OCR, or that it is blank.
type pageResult struct {
	read  bool
	lines []*pdfLine
	scan  string // why the page has no usable text layer; "" when it has
	blank bool
	cut   int // the page's characters when more than maxPageChars
}

// readPage reads page i (0-based) into res; doc is the document's sandbox
// handle for the direct calls, 0 until looked up after an open.
func (rd *pdfReader) readPage(doc *uint64, i int, res *pageResult) (err error) {
	var st pageStats
	var p pdfPage
	if rd.raw != nil && *doc == 0 {
		if *doc, err = rd.raw.docHandle(rd.doc); err != nil {
			rd.raw = nil
		}
	}
	if rd.raw != nil {
		p, err = rd.raw.rawPageText(*doc, i, &st)
	} else {
		p, err = pdfPageText(rd.inst, rd.doc, i, &st)
	}
	if err != nil {
		return err
	}
	res.read, res.cut = true, st.cut
	switch why := st.garbled(); {
	case why != "":
		res.scan = why
	case st.chars == 0 && (st.image >= minScanImage || st.image < 0):
		res.scan = "no text layer"
	case st.chars == 0:
		res.blank = true
	default:
		if rd.onPage != nil {
			rd.onPage(i+1, pdfPage{Height: p.Height, Runs: slices.Clone(p.Runs)})
		}
		res.lines = pageLines(i+1, p)
	}
	return nil
}

// pdfHelper is a second instance reading pages of a PDF beside the first,
// holding one of pdfSlots.
type pdfHelper struct {
	pi *pdfInstance
	rd *pdfReader
}

// helper is a second reader of rd's PDF in an idle or new instance, when
// a slot is free at once; ok is false otherwise.
func (rd *pdfReader) helper() (h pdfHelper, ok bool) {
	select {
	case pdfSlots <- struct{}{}:
	default:
		return h, false
	}
	pi, err := getPDFInstance(time.Second) // a helper does not wait long for one
	if err != nil || pi.raw == nil {
		if err == nil {
			pi.release(false)
		}
		<-pdfSlots
		return h, false
	}
	h = pdfHelper{pi, &pdfReader{inst: pi.inst, raw: pi.raw, data: rd.data, start: rd.start}}
	if h.rd.open() != nil {
		pi.release(false)
		<-pdfSlots
		return h, false
	}
	return h, true
}

// run reads with the helper's reader, then closes the document and gives
// back its instance and slot; a panic of the engine is the PDF's error.
func (h pdfHelper) run(work func(*pdfReader) error) (err error) {
	defer func() { <-pdfSlots }()
	defer func() { h.pi.release(err == nil) }()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("broken PDF: the PDF engine failed (%v)", r)
		}
	}()
	defer h.rd.close()
	return work(h.rd)
}

// damageNotes collects what a reader reports of one document.
type damageNotes []string

func (d *damageNotes) add(s string)  { *d = append(*d, s) }
func (d damageNotes) String() string { return strings.Join(d, "; ") }

// pdfPageText returns one page's characters through go-pdfium's request
// API (when the direct calls of pdf_raw.go are unavailable), placed by
// their origins and loose boxes (see charRun), with their size and weight.
// Line breaks PDFium generates are left out: the layout finds lines itself.
func pdfPageText(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int, st *pageStats) (pdfPage, error) {
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
	st.image = -1 // not measured here: a page without text counts as a scan
	count := n.Count
	if count > maxPageChars {
		st.cut, count = count, maxPageChars
	}
	p := pdfPage{Height: float64(h.PageHeight), Runs: make([]pdfRun, 0, count)}
	for i := range count {
		run, ok, err := pdfCharSlow(inst, tp.TextPage, i, st)
		if err != nil {
			return pdfPage{}, err
		}
		if ok {
			p.Runs = append(p.Runs, run)
		}
	}
	return p, nil
}

// keepChar: control characters and characters PDFium generated other than
// spaces are left out (a space it generated marks a gap it judged a word
// break).
func keepChar(r rune, generated bool) bool {
	return r != 0 && !unicode.IsControl(r) && utf8.ValidRune(r) && (!generated || r == ' ')
}

// isWide reports a full-width character (one em wide from its origin).
func isWide(r rune) bool {
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

// pdfCharSlow reads character i of a text page through the request API;
// ok is false for the characters keepChar leaves out. The text object is
// unknown here (Obj 0): FPDFText_GetTextObject registers a handle per call.
func pdfCharSlow(inst pdfium.Pdfium, tp references.FPDF_TEXTPAGE, i int, st *pageStats) (run pdfRun, ok bool, err error) {
	gen, err := inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp, Index: i})
	if err != nil {
		return run, false, err
	}
	u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp, Index: i})
	if err != nil {
		return run, false, err
	}
	r := rune(u.Unicode)
	if !keepChar(r, gen.IsGenerated) {
		if r != '\r' && r != '\n' && !gen.IsGenerated {
			st.bad++
		}
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
	if !gen.IsGenerated && r != ' ' && r != '　' {
		st.count(r, false)
		if e, err := inst.FPDFText_HasUnicodeMapError(&requests.FPDFText_HasUnicodeMapError{TextPage: tp, Index: i}); err == nil && e.HasUnicodeMapError && r > 0x7F {
			st.unmapped++
		}
	}
	scale := math.Hypot(float64(m.Matrix.C), float64(m.Matrix.D))
	if scale == 0 {
		scale = 1
	}
	run = charRun(r, o.X, o.Y, float64(box.Rect.Left), float64(box.Rect.Right), size.FontSize*scale, bold)
	run.Generated = gen.IsGenerated
	run.Up = turnedLeft(float64(m.Matrix.A), float64(m.Matrix.B))
	return run, true, nil
}

// turnedLeft reports whether a character's matrix (a, b: where its
// x axis points) turns it about a quarter left: its text runs up the page.
func turnedLeft(a, b float64) bool { return b > 0 && b > 2*math.Abs(a) }

// charRun places a character by its origin on the baseline. The band of
// the line is drawn from the baseline and the size, not from the glyph
// (Type 3 glyphs, as Chromium prints CFF fonts, have boxes of their own
// shape: a 、 or を would stand apart from its line), and a full-width
// character is one em wide from its origin, whatever its glyph covers.
func charRun(r rune, x, y, left, right, size float64, bold bool) pdfRun {
	return placeChar(string(r), isWide(r), x, y, left, right, size, bold)
}

// placeChar is charRun of a character given as text, and whether it is
// full-width.
func placeChar(text string, wide bool, x, y, left, right, size float64, bold bool) pdfRun {
	em := max(size, 1)
	run := pdfRun{Text: text, Left: min(left, x), Right: max(right, x), Bottom: y - 0.2*em, Top: y + 0.8*em,
		Size: size, Bold: bold, X: x, Y: y}
	if wide {
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
