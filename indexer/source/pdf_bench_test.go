package source

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klippa-app/go-pdfium/requests"
)

// The reader's cost against pdftotext (poppler) over the same files, in one
// run so that the ratio holds on a shared machine:
//
//	go test ./indexer/source -run '^$' -bench PDF -benchtime 3x -count 3
//
// Corpus: the 25 municipal PDFs of ../shared/corpus/municipal-pdf/pdf
// (SEISAKU_PDF_CORPUS to point elsewhere) and a generated 1,000-page text
// PDF (../shared/tools/textpdf.py). Each benchmark has two parts, seisaku
// and pdftotext; both skip when their input or tool is missing. Beside the
// time, each reports the CPU time it took (cpu-ms/op: this process's for
// seisaku, the child processes' for pdftotext), which a busy machine
// inflates less than the time.
//
// A third part, pdfium-text, is the floor of the engine: each page loaded,
// its text page built and its whole text read with one FPDFText_GetText,
// nothing placed or laid out (what any reader through PDFium pays).

func benchPDFFiles(b *testing.B, files []string) {
	b.Run("seisaku", func(b *testing.B) {
		defer cpuMetric(b, false)()
		for b.Loop() {
			for _, f := range files {
				if err := ReadFile(f, func(Source) error { return nil }); err != nil {
					b.Fatalf("%s: %v", f, err)
				}
			}
		}
	})
	b.Run("pdfium-text", func(b *testing.B) {
		defer cpuMetric(b, false)()
		for b.Loop() {
			for _, f := range files {
				if err := pdfiumText(f); err != nil {
					b.Fatalf("%s: %v", f, err)
				}
			}
		}
	})
	b.Run("pdftotext", func(b *testing.B) {
		bin, err := exec.LookPath("pdftotext")
		if err != nil {
			b.Skip("pdftotext is not installed (poppler-utils)")
		}
		defer cpuMetric(b, true)()
		for b.Loop() {
			for _, f := range files {
				if out, err := exec.Command(bin, "-q", f, os.DevNull).CombinedOutput(); err != nil {
					b.Fatalf("pdftotext %s: %v %s", f, err, out)
				}
			}
		}
	})
}

// pdfiumText reads the text of every page of a PDF with one GetText a
// page, in one instance, reopening the document as the reader does.
func pdfiumText(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	pi, err := getPDFInstance(pdfInstanceWait)
	if err != nil {
		return err
	}
	clean := false
	defer func() { pi.release(clean) }()
	inst, raw := pi.inst, pi.raw
	if raw == nil {
		return fmt.Errorf("direct PDFium calls unavailable")
	}
	rd := &pdfReader{inst: inst, data: data}
	if err := rd.open(); err != nil {
		return err
	}
	defer rd.close()
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: rd.doc})
	if err != nil {
		return err
	}
	var doc uint64
	for i := range count.PageCount {
		if i > 0 && i%pdfReopenEvery == 0 {
			if err := rd.reopen(); err != nil {
				return err
			}
			doc = 0
		}
		if doc == 0 {
			if doc, err = raw.docHandle(rd.doc); err != nil {
				return err
			}
		}
		page, err := raw.call(xFPDFLoadPage, doc, uint64(i))
		if err != nil || page == 0 {
			return fmt.Errorf("page %d: could not load it", i+1)
		}
		tp, err := raw.call(xFPDFTextLoadPage, page)
		if err == nil && tp != 0 {
			if n, err := raw.call(xFPDFTextCountChars, tp); err == nil && int32(n) > 0 {
				if _, _, err := raw.pageText(tp, min(int(int32(n)), maxPageChars)); err != nil {
					return err
				}
			}
			raw.call(xFPDFTextClosePage, tp)
		}
		raw.call(xFPDFClosePage, page)
	}
	clean = true
	return nil
}

// corpusPDFs are the PDFs of the municipal corpus (SEISAKU_PDF_CORPUS
// to point elsewhere); the benchmark skips without them.
func corpusPDFs(b *testing.B) []string {
	dir := os.Getenv("SEISAKU_PDF_CORPUS")
	if dir == "" {
		dir = "../../../shared/corpus/municipal-pdf/pdf"
		if _, err := os.Stat(dir); err != nil {
			dir = "/work/shared/corpus/municipal-pdf/pdf"
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		b.Skip("no PDF corpus (set SEISAKU_PDF_CORPUS)")
	}
	return files
}

func BenchmarkPDFCorpus(b *testing.B) {
	benchPDFFiles(b, corpusPDFs(b))
}

// BenchmarkPDFBook: one long book of real pages, the corpus's PDFs joined
// three times over by PDFium (1,083 pages from the 25 municipal PDFs):
// where a long budget book stands, without pdftotext's start per file.
func BenchmarkPDFBook(b *testing.B) {
	files := corpusPDFs(b)
	book := filepath.Join(b.TempDir(), "book.pdf")
	if err := joinPDFs(book, files, 3); err != nil {
		b.Fatal(err)
	}
	benchPDFFiles(b, []string{book})
}

// joinPDFs writes to out the pages of files, times over, joined by PDFium
// in an instance let go before the benchmark reads.
func joinPDFs(out string, files []string, times int) error {
	pi, err := getPDFInstance(pdfInstanceWait)
	if err != nil {
		return err
	}
	defer pi.release(false)
	inst := pi.inst
	doc, err := inst.FPDF_CreateNewDocument(&requests.FPDF_CreateNewDocument{})
	if err != nil {
		return err
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	for range times {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			s, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			_, err = inst.FPDF_ImportPages(&requests.FPDF_ImportPages{Source: s.Document, Destination: doc.Document})
			inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: s.Document})
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
		}
	}
	saved, err := inst.FPDF_SaveAsCopy(&requests.FPDF_SaveAsCopy{Document: doc.Document})
	if err != nil {
		return err
	}
	return os.WriteFile(out, *saved.FileBytes, 0o644)
}

func BenchmarkPDF1000Pages(b *testing.B) {
	gen := "../../../shared/tools/textpdf.py"
	if _, err := os.Stat(gen); err != nil {
		gen = "/work/shared/tools/textpdf.py"
	}
	if _, err := os.Stat(gen); err != nil {
		b.Skip("textpdf.py not found")
	}
	out := filepath.Join(b.TempDir(), "long.pdf")
	if msg, err := exec.Command("python3", gen, "1000", out).CombinedOutput(); err != nil {
		b.Skipf("textpdf.py: %v %s", err, msg)
	}
	benchPDFFiles(b, []string{out})
}

// BenchmarkPDFEach is BenchmarkPDFCorpus file by file, so that the files
// where the reader costs most beside pdftotext show:
//
//	go test ./indexer/source -run '^$' -bench PDFEach -benchtime 3x
func BenchmarkPDFEach(b *testing.B) {
	for _, f := range corpusPDFs(b) {
		b.Run(strings.TrimSuffix(filepath.Base(f), ".pdf"), func(b *testing.B) { benchPDFFiles(b, []string{f}) })
	}
}
