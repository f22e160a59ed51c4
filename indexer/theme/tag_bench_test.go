package theme

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkTag tags the paragraphs of 桐生市's mayoral speeches, one
// passage at a time as the indexer does, and reports MB/s of input text.
// Folding (analyzers.Fold) takes most of the time; BenchmarkScan measures
// the matcher alone on folded text.
func BenchmarkTag(b *testing.B) {
	passages, size := speechParagraphs(b)
	th := Default()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, p := range passages {
			th.Tag(p)
		}
	}
}

func BenchmarkScan(b *testing.B) {
	passages, size := speechParagraphs(b)
	for i, p := range passages {
		passages[i] = fold(p)
	}
	th := Default()
	var buf []match
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, p := range passages {
			buf = outermost(th.m.scan(buf[:0], p))
		}
	}
}

// speechParagraphs reads the corpus' 22 speeches (0.8 MB), one passage a line.
func speechParagraphs(b *testing.B) (passages []string, size int) {
	files, _ := filepath.Glob("../../../shared/corpus/kiryu-speeches/*.txt")
	if len(files) == 0 {
		b.Skip("corpus not present beside the repository")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range strings.Split(string(data), "\n") {
			passages = append(passages, p)
			size += len(p)
		}
	}
	return passages, size
}
