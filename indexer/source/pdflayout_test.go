package source

import (
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// fillRunExtras sets the origin, text object and Generated of a page's runs,
// as the engine is to give them (pdfPageText keeps the runs of characters
// in order, skipping control and generated non-space characters).
func fillRunExtras(t *testing.T, inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int, p *pdfPage) {
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &lp.Page}})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, _ := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	objs := map[references.FPDF_PAGEOBJECT]int{}
	k := 0
	for i := range n.Count {
		_, ok, err := pdfChar(inst, tp.TextPage, i)
		if err != nil || !ok {
			continue
		}
		r := &p.Runs[k]
		k++
		o, _ := inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp.TextPage, Index: i})
		r.X, r.Y = o.X, o.Y
		g, _ := inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: i})
		r.Generated = g.IsGenerated
		if obj, err := inst.FPDFText_GetTextObject(&requests.FPDFText_GetTextObject{TextPage: tp.TextPage, Index: i}); err == nil && obj.TextObject != "" {
			if objs[obj.TextObject] == 0 {
				objs[obj.TextObject] = len(objs) + 1
			}
			r.Obj = objs[obj.TextObject]
		}
	}
}

// pdfPagesOf reads a PDF's pages of runs as the engine gives them to the
// layout, cached under dir (when not "") by file name.
func pdfPagesOf(t *testing.T, path, dir string) []pdfPage {
	t.Helper()
	cache := ""
	if dir != "" {
		cache = filepath.Join(dir, filepath.Base(path)+".gob")
		if f, err := os.Open(cache); err == nil {
			defer f.Close()
			var pages []pdfPage
			if err := gob.NewDecoder(f).Decode(&pages); err == nil {
				return pages
			}
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pool, err := pdfPool()
	if err != nil {
		t.Fatal(err)
	}
	inst, err := pool.GetInstance(time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		t.Fatal(err)
	}
	var pages []pdfPage
	for i := range n.PageCount {
		p, err := pdfPageText(inst, doc.Document, i)
		if err != nil {
			t.Fatal(err)
		}
		if os.Getenv("PDFDUMP_FULL") != "" {
			fillRunExtras(t, inst, doc.Document, i, &p)
		}
		pages = append(pages, p)
	}
	if cache != "" {
		if f, err := os.Create(cache); err == nil {
			gob.NewEncoder(f).Encode(pages)
			f.Close()
		}
	}
	return pages
}

// TestDumpPDF prints the blocks of the PDFs named in PDFDUMP (a glob),
// page PDFDUMP_PAGE only when set: a look at what the layout reads.
func TestDumpPDF(t *testing.T) {
	glob := os.Getenv("PDFDUMP")
	if glob == "" {
		t.Skip("PDFDUMP not set")
	}
	files, _ := filepath.Glob(glob)
	for _, f := range files {
		pages := pdfPagesOf(t, f, os.Getenv("PDFDUMP_CACHE"))
		page := 0
		fmt.Sscan(os.Getenv("PDFDUMP_PAGE"), &page)
		if os.Getenv("PDFDUMP_RUNS") != "" && page > 0 {
			for _, r := range pages[page-1].Runs {
				fmt.Printf("%q L%.1f R%.1f B%.1f T%.1f X%.1f Y%.1f s%.1f o%d g%v\n", r.Text, r.Left, r.Right, r.Bottom, r.Top, r.X, r.Y, r.Size, r.Obj, r.Generated)
			}
		}
		fmt.Printf("=== %s\n", f)
		for _, b := range layoutPDF(pages) {
			if page > 0 && b.Page != page {
				continue
			}
			fmt.Printf("p%d %s%d %s\n", b.Page, kindTags[b.Kind], b.Level, strings.ReplaceAll(b.Text, "\n", "⏎"))
		}
	}
}
