package source

// The per-character loop calls PDFium's exported functions directly, not
// through go-pdfium's request API. go-pdfium wraps each call in a lock, a
// handle lookup by UUID string, a response allocation and, for every out
// parameter, a malloc and free inside the sandbox: about 19 WebAssembly
// calls and 2 µs for the seven calls a character needed. Here a page costs
// one FPDFText_GetText for all its characters, and a character one call
// for its origin, one for its text object and, unless it is full-width,
// one for its loose box, with one scratch buffer for the out parameters;
// size, weight and render mode are asked once per text object.
//
// go-pdfium keeps the instance's module and document handles in
// unexported fields of its WebAssembly implementation (pinned at v1.21.4);
// rawPDFium reaches them by reflection and reports an error when their
// shape changed, in which case the reader falls back to the request API
// (pdfCharSlow). Documents are still opened, closed and rendered through
// go-pdfium, which also serves the FileReader's block reads.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
)

type wasmFunc interface {
	CallWithStack(ctx context.Context, stack []uint64) error
}

type wasmMemory interface {
	ReadFloat32Le(offset uint32) (float32, bool)
	ReadFloat64Le(offset uint32) (float64, bool)
	Read(offset, byteCount uint32) ([]byte, bool)
	Size() uint32
}

// rawPDFium calls PDFium's exports in one go-pdfium instance. It must be
// used by one goroutine at a time, the instance's only user.
type rawPDFium struct {
	ctx     context.Context
	impl    reflect.Value // *implementation_webassembly.PdfiumImplementation
	mem     wasmMemory
	fn      [len(rawExports)]wasmFunc
	stack   [8]uint64
	scratch uint64 // 64 bytes inside the sandbox for out parameters
	buf     uint64 // the page text buffer and its capacity in UTF-16 units
	bufCap  int
	runs    []pdfRun // the last page's runs, their array reused for the next
}

// Exports rawPDFium calls, indexes into rawExports.
const (
	xmalloc export = iota
	xfree
	xFPDFLoadPage
	xFPDFClosePage
	xFPDFGetPageHeightF
	xFPDFTextLoadPage
	xFPDFTextClosePage
	xFPDFTextCountChars
	xFPDFTextGetText
	xFPDFTextGetUnicode
	xFPDFTextIsGenerated
	xFPDFTextGetCharOrigin
	xFPDFTextGetLooseCharBox
	xFPDFTextGetTextObject
	xFPDFTextGetFontSize
	xFPDFTextGetFontWeight
	xFPDFTextGetMatrix
	xFPDFTextHasUnicodeMapError
	xFPDFTextObjGetTextRenderMode
	xFPDFGetPageWidthF
	xFPDFPageCountObjects
	xFPDFPageGetObject
	xFPDFPageObjGetType
	xFPDFPageObjGetBounds
)

// export is one of rawExports.
type export int

var rawExports = [...]string{
	"malloc", "free",
	"FPDF_LoadPage", "FPDF_ClosePage", "FPDF_GetPageHeightF",
	"FPDFText_LoadPage", "FPDFText_ClosePage", "FPDFText_CountChars", "FPDFText_GetText",
	"FPDFText_GetUnicode", "FPDFText_IsGenerated", "FPDFText_GetCharOrigin", "FPDFText_GetLooseCharBox",
	"FPDFText_GetTextObject", "FPDFText_GetFontSize", "FPDFText_GetFontWeight", "FPDFText_GetMatrix",
	"FPDFText_HasUnicodeMapError", "FPDFTextObj_GetTextRenderMode",
	"FPDF_GetPageWidthF", "FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFPageObj_GetType", "FPDFPageObj_GetBounds",
}

// newRawPDFium reaches the module of a go-pdfium WebAssembly instance.
func newRawPDFium(inst pdfium.Pdfium) (r *rawPDFium, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("go-pdfium's instance has an unexpected shape: %v", p)
		}
	}()
	impl := reflect.ValueOf(inst.GetImplementation())
	if impl.Kind() != reflect.Pointer || impl.Elem().Kind() != reflect.Struct {
		return nil, errors.New("go-pdfium's implementation is not a struct pointer")
	}
	s := impl.Elem()
	ctx, ok := s.FieldByName("Context").Interface().(context.Context)
	if !ok {
		return nil, errors.New("go-pdfium's implementation has no Context")
	}
	mod := s.FieldByName("Module")
	if mod.Kind() == reflect.Interface {
		mod = mod.Elem()
	}
	mem, ok := mod.MethodByName("Memory").Call(nil)[0].Interface().(wasmMemory)
	if !ok {
		return nil, errors.New("go-pdfium's module memory lacks the reads needed")
	}
	r = &rawPDFium{ctx: ctx, impl: impl, mem: mem}
	get := mod.MethodByName("ExportedFunction")
	for i, name := range rawExports {
		fv := get.Call([]reflect.Value{reflect.ValueOf(name)})[0]
		if fv.Kind() == reflect.Interface && fv.IsNil() {
			return nil, fmt.Errorf("PDFium module does not export %s", name)
		}
		f, ok := fv.Interface().(wasmFunc)
		if !ok {
			return nil, fmt.Errorf("PDFium module does not export %s", name)
		}
		r.fn[i] = f
	}
	if r.scratch, err = r.call(xmalloc, 64); err != nil || r.scratch == 0 {
		return nil, errors.New("PDFium module: malloc failed")
	}
	return r, nil
}

// docHandle is the sandbox pointer of a document go-pdfium opened.
func (r *rawPDFium) docHandle(doc references.FPDF_DOCUMENT) (h uint64, err error) {
	defer func() {
		if p := recover(); p != nil {
			h, err = 0, fmt.Errorf("go-pdfium's document table has an unexpected shape: %v", p)
		}
	}()
	d := r.impl.Elem().FieldByName("documentRefs").MapIndex(reflect.ValueOf(doc))
	if !d.IsValid() || d.IsNil() {
		return 0, errors.New("document not open")
	}
	return d.Elem().FieldByName("handle").Elem().Uint(), nil
}

func (r *rawPDFium) call(fn export, args ...uint64) (uint64, error) {
	copy(r.stack[:], args)
	if err := r.fn[fn].CallWithStack(r.ctx, r.stack[:]); err != nil {
		return 0, fmt.Errorf("%s: %w", rawExports[fn], err)
	}
	return r.stack[0], nil
}

func (r *rawPDFium) f64(off uint64) float64 {
	v, _ := r.mem.ReadFloat64Le(uint32(off))
	return v
}

func (r *rawPDFium) f32(off uint64) float64 {
	v, _ := r.mem.ReadFloat32Le(uint32(off))
	return float64(v)
}

// memorySize is the size of the instance's memory in bytes.
func (r *rawPDFium) memorySize() int { return int(r.mem.Size()) }

// close frees the scratch buffers (the module dies with the instance anyway).
func (r *rawPDFium) close() {
	if r.buf != 0 {
		r.call(xfree, r.buf)
		r.buf = 0
	}
	if r.scratch != 0 {
		r.call(xfree, r.scratch)
		r.scratch = 0
	}
}

// pageText is FPDFText_GetText of a whole text page, one rune per
// character index; ok is false when the UTF-16 text does not line up with
// the indexes (a character outside the BMP), and the caller asks per char.
func (r *rawPDFium) pageText(tp uint64, n int) (units []uint16, ok bool, err error) {
	if n+1 > r.bufCap {
		if r.buf != 0 {
			r.call(xfree, r.buf)
		}
		r.bufCap = max(n+1, 4096)
		if r.buf, err = r.call(xmalloc, uint64(2*r.bufCap)); err != nil || r.buf == 0 {
			r.buf, r.bufCap = 0, 0
			return nil, false, errors.New("malloc failed")
		}
	}
	got, err := r.call(xFPDFTextGetText, tp, 0, uint64(n), r.buf)
	if err != nil {
		return nil, false, err
	}
	b, ok := r.mem.Read(uint32(r.buf), uint32(2*n))
	if !ok {
		return nil, false, errors.New("text buffer out of range")
	}
	units = make([]uint16, n)
	for i := range units {
		u := uint16(b[2*i]) | uint16(b[2*i+1])<<8
		if u >= 0xD800 && u < 0xE000 {
			ok = false
		}
		units[i] = u
	}
	// GetText writes n characters and a terminating NUL.
	return units, int32(got) == int32(n+1) && ok, nil
}

// objInfo is what a page's text object says of all its characters.
type objInfo struct {
	id        int     // 1-based, in the order the page's characters meet them
	size      float64 // rendered font size in points
	bold      bool
	up        bool // turned a quarter left (pdfRun.Up)
	invisible bool // text render mode 3 (an OCR layer over a scan)
}

// rawPageText reads one page's characters (see pdfPageText). The page's
// runs are good until the next call: their array is reused.
func (r *rawPDFium) rawPageText(doc uint64, index int, st *pageStats) (pdfPage, error) {
	page, err := r.call(xFPDFLoadPage, doc, uint64(index))
	if err != nil || page == 0 {
		return pdfPage{}, errors.New("could not load the page")
	}
	defer r.call(xFPDFClosePage, page)
	hb, err := r.call(xFPDFGetPageHeightF, page)
	if err != nil {
		return pdfPage{}, err
	}
	tp, err := r.call(xFPDFTextLoadPage, page)
	if err != nil || tp == 0 {
		return pdfPage{}, errors.New("could not load the page's text")
	}
	defer r.call(xFPDFTextClosePage, tp)
	nb, err := r.call(xFPDFTextCountChars, tp)
	if err != nil {
		return pdfPage{}, err
	}
	n := int(int32(nb))
	p := pdfPage{Height: float64(math.Float32frombits(uint32(hb)))}
	defer func() {
		if st.chars == 0 {
			st.image = r.imageShare(page, p.Height)
		}
	}()
	if n <= 0 {
		return p, nil
	}
	if n > maxPageChars {
		st.cut = n
		n = maxPageChars
	}
	units, whole, err := r.pageText(tp, n)
	if err != nil {
		return pdfPage{}, err
	}
	if cap(r.runs) < n {
		r.runs = make([]pdfRun, 0, n)
	}
	p.Runs = r.runs[:0]
	defer func() { r.runs = p.Runs }()
	objs := map[uint64]objInfo{}
	var lastOb uint64 // the object of the last character, and its info
	var last objInfo
	// the runs' texts are cut from one string of the page's characters
	text := make([]byte, 0, 3*n)
	ends := make([]int32, 0, n)
	sc := r.scratch
	for i := range n {
		ch := rune(units[i])
		if !whole {
			u, err := r.call(xFPDFTextGetUnicode, tp, uint64(i))
			if err != nil {
				return pdfPage{}, err
			}
			ch = rune(uint32(u))
		}
		gen := false
		if ch == ' ' || ch == '\r' || ch == '\n' || ch == 0xFFFE || ch == 2 {
			g, err := r.call(xFPDFTextIsGenerated, tp, uint64(i))
			if err != nil {
				return pdfPage{}, err
			}
			gen = int32(g) == 1
		}
		if !keepChar(ch, gen) {
			if ch != ' ' && ch != '\r' && ch != '\n' && !gen {
				st.bad++ // a character PDFium could not map (0, a control)
			}
			continue
		}
		ob, err := r.call(xFPDFTextGetTextObject, tp, uint64(i))
		if err != nil {
			return pdfPage{}, err
		}
		obj, seen := last, ob == lastOb && ob != 0
		if !seen {
			obj, seen = objs[ob]
		}
		if !seen || ob == 0 {
			obj, err = r.objInfo(tp, i, ob)
			if err != nil {
				return pdfPage{}, err
			}
			if ob != 0 {
				obj.id = len(objs) + 1
				objs[ob] = obj
			}
		}
		if _, err := r.call(xFPDFTextGetCharOrigin, tp, uint64(i), sc, sc+8); err != nil {
			return pdfPage{}, err
		}
		lastOb, last = ob, obj
		x, y := r.f64(sc), r.f64(sc+8)
		left, right := x, x
		wide := isWide(ch)
		if !wide {
			if ok, err := r.call(xFPDFTextGetLooseCharBox, tp, uint64(i), sc+16); err != nil {
				return pdfPage{}, err
			} else if int32(ok) != 0 { // FS_RECTF: left, top, right, bottom
				left, right = r.f32(sc+16), r.f32(sc+24)
			}
		}
		if !gen && ch != ' ' && ch != '　' {
			st.count(ch, obj.invisible)
			if ch > 0x7F && !isPrivate(ch) && ch != 0xFFFD {
				if e, err := r.call(xFPDFTextHasUnicodeMapError, tp, uint64(i)); err == nil && int32(e) == 1 {
					st.unmapped++
				}
			}
		}
		run := placeChar("", wide, x, y, left, right, obj.size, obj.bold)
		run.Obj, run.Generated, run.Up = obj.id, gen, obj.up
		p.Runs = append(p.Runs, run)
		text = utf8.AppendRune(text, ch)
		ends = append(ends, int32(len(text)))
	}
	all, from := string(text), 0
	for k := range p.Runs {
		p.Runs[k].Text = all[from:ends[k]]
		from = int(ends[k])
	}
	return p, nil
}

// objInfo reads size, weight and render mode of the text object of
// character i (ob, 0 when PDFium knows none) from the character.
func (r *rawPDFium) objInfo(tp uint64, i int, ob uint64) (objInfo, error) {
	sb, err := r.call(xFPDFTextGetFontSize, tp, uint64(i))
	if err != nil {
		return objInfo{}, err
	}
	size := math.Float64frombits(sb)
	sc := r.scratch + 32 // FS_MATRIX: a, b, c, d, e, f as float32
	scale, up := 1.0, false
	if ok, err := r.call(xFPDFTextGetMatrix, tp, uint64(i), sc); err == nil && int32(ok) != 0 {
		if s := math.Hypot(r.f32(sc+8), r.f32(sc+12)); s > 0 {
			scale = s
		}
		up = turnedLeft(r.f32(sc), r.f32(sc+4))
	}
	info := objInfo{size: size * scale, up: up}
	if w, err := r.call(xFPDFTextGetFontWeight, tp, uint64(i)); err == nil {
		info.bold = int32(w) >= 600
	}
	if ob != 0 {
		if m, err := r.call(xFPDFTextObjGetTextRenderMode, ob); err == nil {
			info.invisible = int32(m) == 3
		}
	}
	return info, nil
}

// imageShare is the share of the page's area that images (and form
// objects, which may hold them) cover: a page without text is a scan when
// an image covers much of it, and blank otherwise.
func (r *rawPDFium) imageShare(page uint64, height float64) float64 {
	wb, err := r.call(xFPDFGetPageWidthF, page)
	if err != nil {
		return 0
	}
	area := float64(math.Float32frombits(uint32(wb))) * height
	nb, err := r.call(xFPDFPageCountObjects, page)
	if err != nil || area <= 0 {
		return 0
	}
	covered := 0.0
	sc := r.scratch + 32
	for i := range min(int(int32(nb)), 10_000) {
		obj, err := r.call(xFPDFPageGetObject, page, uint64(i))
		if err != nil || obj == 0 {
			continue
		}
		if t, err := r.call(xFPDFPageObjGetType, obj); err != nil || int32(t) != 3 && int32(t) != 5 { // image, form
			continue
		}
		if ok, err := r.call(xFPDFPageObjGetBounds, obj, sc, sc+4, sc+8, sc+12); err == nil && int32(ok) != 0 {
			covered += math.Abs((r.f32(sc+8) - r.f32(sc)) * (r.f32(sc+12) - r.f32(sc+4)))
		}
	}
	return min(covered/area, 1)
}
