package source

// Pages without a usable text layer (a scan, or a garbled layer: see
// pdf_quality.go) are read with Tesseract when it is installed
// (`tesseract` on PATH, with the jpn and, if present, jpn_vert models:
// Debian tesseract-ocr, tesseract-ocr-jpn, tesseract-ocr-jpn-vert). PDFium
// renders the page at 300 dpi in gray (less for pages larger than A3), the
// image goes to `tesseract stdin stdout -l jpn+jpn_vert --psm 3 tsv` as a
// PGM, one process per page with OMP_THREAD_LIMIT=1 (OpenMP threads make
// it slower on a shared machine), and the TSV words become pdfRuns in
// points, so the same layout applies. Tesseract separates CJK characters
// by spaces: words are joined without one where both sides are CJK.
// Words below minOCRConfidence are dropped (Tesseract's wrong characters
// are the ones it is unsure of). A vertical column (taller than wide) is
// laid out as one line, the columns in Tesseract's reading order (right to
// left). Blocks from these pages carry Block.OCR.
//
// Without Tesseract such pages are skipped and the document's damage says
// so; a PDF with no page of text at all is ErrNoTextLayer. OCR is bounded:
// at most maxOCRPages pages a document, ocrPageTimeout a page.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/klippa-app/go-pdfium/requests"
)

const (
	maxOCRPages      = 100
	ocrPageTimeout   = 2 * time.Minute
	ocrDPI           = 300
	ocrMaxPixels     = 18_000_000 // A3 at 300 dpi
	minOCRConfidence = 40
)

// installTesseract is the advice given when scans cannot be read.
const installTesseract = "install tesseract-ocr and tesseract-ocr-jpn to read scans"

var tesseractTool struct {
	once  sync.Once
	path  string
	langs string
}

// tesseract returns the tesseract binary and the -l argument, or "" when
// it or its Japanese model is not installed.
func tesseract() (path, langs string) {
	t := &tesseractTool
	t.once.Do(func() {
		p, err := exec.LookPath("tesseract")
		if err != nil {
			return
		}
		out, err := exec.Command(p, "--list-langs").CombinedOutput()
		if err != nil {
			return
		}
		have := map[string]bool{}
		for _, l := range strings.Fields(string(out)) {
			have[l] = true
		}
		if !have["jpn"] {
			return
		}
		t.path, t.langs = p, "jpn"
		if have["jpn_vert"] {
			t.langs = "jpn+jpn_vert"
		}
	})
	return t.path, t.langs
}

// scanPage is a page without a usable text layer, and why.
type scanPage struct {
	index int // 0-based
	why   string
}

// ocr reads the scanned pages; none is true when the document has no page
// of text otherwise (then a document without OCR is ErrNoTextLayer).
func (rd *pdfReader) ocr(scans []scanPage, none bool) ([]*pdfLine, damageNotes, error) {
	var notes damageNotes
	bin, langs := tesseract()
	if bin == "" {
		if none {
			return nil, nil, fmt.Errorf("%w: %d pages (%s; %s)", ErrNoTextLayer, len(scans), scans[0].why, installTesseract)
		}
		notes.add(fmt.Sprintf("%s skipped (%s)", scanList(scans), installTesseract))
		return nil, notes, nil
	}
	var lines []*pdfLine
	read, failed := []scanPage{}, []scanPage{}
	for k, s := range scans {
		if k == maxOCRPages {
			notes.add(fmt.Sprintf("%s not read (OCR budget of %d pages)", scanList(scans[k:]), maxOCRPages))
			break
		}
		if time.Since(rd.start) > pdfTimeBudget {
			notes.add(fmt.Sprintf("%s not read (time budget %v)", scanList(scans[k:]), pdfTimeBudget))
			break
		}
		p, err := rd.ocrPage(bin, langs, s.index)
		if err != nil {
			failed = append(failed, scanPage{s.index, err.Error()})
			continue
		}
		var st pageStats
		for _, r := range p.Runs {
			for _, c := range r.Text {
				if c != ' ' {
					st.count(c, false)
				}
			}
		}
		if why := st.garbled(); why != "" { // never index garbage, OCR's either
			failed = append(failed, scanPage{s.index, "OCR read garbage too: " + strings.TrimPrefix(why, "text layer garbled: ")})
			continue
		}
		pl := pageLines(s.index+1, p)
		if len(pl) == 0 {
			failed = append(failed, scanPage{s.index, "OCR found no text"})
			continue
		}
		if rd.ocrPages == nil {
			rd.ocrPages = map[int]bool{}
		}
		rd.ocrPages[s.index+1] = true
		lines = append(lines, pl...)
		read = append(read, s)
	}
	if len(read) > 0 {
		notes.add(fmt.Sprintf("%s read by OCR", scanList(read)))
	}
	if len(failed) > 0 {
		notes.add(fmt.Sprintf("%s skipped", scanList(failed)))
	}
	if none && len(lines) == 0 {
		return nil, nil, fmt.Errorf("%w: %d pages (%s)", ErrNoTextLayer, len(scans), notes)
	}
	return lines, notes, nil
}

// scanList names pages and their reasons: "page 3 (no text layer)",
// "pages 3, 5 (…)", the first few reasons in full.
func scanList(pages []scanPage) string {
	var b strings.Builder
	if len(pages) == 1 {
		b.WriteString("page ")
	} else {
		b.WriteString("pages ")
	}
	reasons := map[string][]int{}
	var order []string
	for _, p := range pages {
		if _, ok := reasons[p.why]; !ok {
			order = append(order, p.why)
		}
		reasons[p.why] = append(reasons[p.why], p.index+1)
	}
	for i, why := range order {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(pageRanges(reasons[why]))
		if i < 3 {
			b.WriteString(" (" + why + ")")
		}
	}
	return b.String()
}

// pageRanges writes ascending page numbers as "1–3, 7".
func pageRanges(ps []int) string {
	var parts []string
	for i := 0; i < len(ps); {
		j := i
		for j+1 < len(ps) && ps[j+1] == ps[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", ps[i], ps[j]))
		} else {
			parts = append(parts, strconv.Itoa(ps[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// ocrPage renders page index and reads it with Tesseract.
func (rd *pdfReader) ocrPage(bin, langs string, index int) (pdfPage, error) {
	size, err := rd.inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: rd.doc, Index: index})
	if err != nil {
		return pdfPage{}, err
	}
	w, h := size.Width, size.Height
	dpi := ocrDPI
	for dpi > 72 && w/72*float64(dpi)*h/72*float64(dpi) > ocrMaxPixels {
		dpi -= 25
	}
	res, err := rd.inst.RenderPageInDPI(&requests.RenderPageInDPI{
		Page:        requests.Page{ByIndex: &requests.PageByIndex{Document: rd.doc, Index: index}},
		DPI:         dpi,
		ImageFormat: requests.RenderImageFormatGrayscale,
	})
	if err != nil {
		return pdfPage{}, fmt.Errorf("rendering for OCR: %w", err)
	}
	img, ok := res.Result.RenderedImage.(*image.Gray)
	if !ok {
		res.Cleanup()
		return pdfPage{}, errors.New("rendering for OCR: not a gray image")
	}
	pgm := grayPGM(img)
	res.Cleanup()
	tsv, err := runTesseract(bin, langs, dpi, pgm)
	if err != nil {
		return pdfPage{}, err
	}
	return ocrRuns(tsv, h, 72/float64(dpi)), nil
}

// grayPGM encodes a gray image as binary PGM, which Tesseract reads from stdin.
func grayPGM(img *image.Gray) []byte {
	b := img.Bounds()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "P5\n%d %d\n255\n", b.Dx(), b.Dy())
	buf.Grow(b.Dx() * b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := img.PixOffset(b.Min.X, y)
		buf.Write(img.Pix[i : i+b.Dx()])
	}
	return buf.Bytes()
}

func runTesseract(bin, langs string, dpi int, image []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), ocrPageTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "stdin", "stdout", "-l", langs, "--psm", "3", "--dpi", strconv.Itoa(dpi), "tsv")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = bytes.NewReader(image)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("OCR took over %v", ocrPageTimeout)
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return nil, fmt.Errorf("tesseract: %v (%s)", err, msg)
	}
	return out, nil
}

// ocrWord is one word of Tesseract's TSV, in pixels.
type ocrWord struct {
	left, top, width, height int
	text                     string
}

// ocrRuns turns Tesseract's TSV into runs on a page of height pageH
// points; scale is points per pixel.
func ocrRuns(tsv []byte, pageH, scale float64) pdfPage {
	type line struct {
		box   ocrWord
		words []ocrWord
	}
	var lines []*line
	byKey := map[string]*line{}
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] == "level" {
			continue
		}
		var n [10]int
		for i := range 10 {
			n[i], _ = strconv.Atoi(f[i])
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		w := ocrWord{left: n[6], top: n[7], width: n[8], height: n[9], text: strings.TrimSpace(f[11])}
		key := f[2] + "/" + f[3] + "/" + f[4]
		switch n[0] {
		case 4: // a line
			l := &line{box: w}
			byKey[key] = l
			lines = append(lines, l)
		case 5: // a word
			if l := byKey[key]; l != nil && w.text != "" && conf >= minOCRConfidence {
				l.words = append(l.words, w)
			}
		}
	}
	p := pdfPage{Height: pageH}
	vertical := 0
	for _, l := range lines {
		b := l.box
		if len(l.words) == 0 {
			continue
		}
		if b.height > 2*b.width && len([]rune(joinOCRWords(l.words))) > 1 {
			// A vertical column: one line, placed below the previous
			// vertical ones so that they read in Tesseract's order.
			size := float64(b.width) * scale
			top := pageH*0.85 - float64(vertical)*size*1.6
			vertical++
			p.Runs = append(p.Runs, pdfRun{Text: joinOCRWords(l.words), Left: 72, Right: 72 + size*float64(len([]rune(joinOCRWords(l.words)))),
				Top: top, Bottom: top - size, Size: size, X: float64(b.left) * scale, Y: pageH - float64(b.top)*scale})
			continue
		}
		top, bottom := pageH-float64(b.top)*scale, pageH-float64(b.top+b.height)*scale
		size := top - bottom
		// Words join without a space where both sides are CJK.
		var cur *pdfRun
		var last rune
		for _, w := range l.words {
			left, right := float64(w.left)*scale, float64(w.left+w.width)*scale
			first, _ := firstLast(w.text)
			if cur != nil && isCJK(last) && isCJK(first) && left-cur.Right < size {
				cur.Text += w.text
				cur.Right = right
			} else {
				if cur != nil {
					p.Runs = append(p.Runs, *cur)
				}
				cur = &pdfRun{Text: w.text, Left: left, Right: right, Top: top, Bottom: bottom, Size: size, X: left, Y: bottom + 0.2*size}
			}
			_, last = firstLast(w.text)
		}
		p.Runs = append(p.Runs, *cur)
	}
	return p
}

func joinOCRWords(ws []ocrWord) string {
	var b strings.Builder
	var last rune
	for i, w := range ws {
		first, l := firstLast(w.text)
		if i > 0 && !(isCJK(last) && isCJK(first)) {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
		last = l
	}
	return b.String()
}

func firstLast(s string) (first, last rune) {
	for i, r := range s {
		if i == 0 {
			first = r
		}
		last = r
	}
	return first, last
}

// isCJK: characters written without spaces between them in Japanese.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}
