package source

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The reader's cost against pdftotext (poppler) over the same files, in one
// run so that the ratio holds on a shared machine:
//
//	go test ./indexer/source -run '^$' -bench PDF -benchtime 3x -count 3
//
// Corpus: the 25 municipal PDFs of ../shared/corpus/municipal-pdf/pdf
// (SEISAKU_PDF_CORPUS to point elsewhere) and a generated 1,000-page text
// PDF (../shared/tools/textpdf.py). Each benchmark has two parts, seisaku
// and pdftotext; both skip when their input or tool is missing.

func benchPDFFiles(b *testing.B, files []string) {
	b.Run("seisaku", func(b *testing.B) {
		for b.Loop() {
			for _, f := range files {
				if err := ReadFile(f, func(Source) error { return nil }); err != nil {
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
		for b.Loop() {
			for _, f := range files {
				if out, err := exec.Command(bin, "-q", f, os.DevNull).CombinedOutput(); err != nil {
					b.Fatalf("pdftotext %s: %v %s", f, err, out)
				}
			}
		}
	})
}

func BenchmarkPDFCorpus(b *testing.B) {
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
	benchPDFFiles(b, files)
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
