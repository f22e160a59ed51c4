package analyzers

import (
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// benchPassages runs analyze over every line of testdata/passages.txt once
// per iteration and reports the rate in MB of original text per second of
// wall time (MB/s) and of process CPU time (MB/cpu-s, steadier when other
// work shares the machine).
func benchPassages(b *testing.B, analyze func(string)) {
	lines := passages(b)
	var size int
	for _, l := range lines {
		size += len(l)
	}
	mustJA()
	start, cpu0 := time.Now(), cpuTime()
	for b.Loop() {
		for _, l := range lines {
			analyze(l)
		}
	}
	mb := float64(size) * float64(b.N) / 1e6
	b.ReportMetric(mb/time.Since(start).Seconds(), "MB/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(mb/cpu.Seconds(), "MB/cpu-s")
	}
}

// BenchmarkKagomeSearch is the floor: kagome alone, Search mode, on the
// same text and the same tokenizer (user dictionary included).
func BenchmarkKagomeSearch(b *testing.B) {
	j := mustJA()
	benchPassages(b, func(s string) { j.tk.Analyze(s, tokenizer.Search) })
}

func BenchmarkMorph(b *testing.B) {
	a, _ := newAnalyzer(Morph)
	benchPassages(b, func(s string) { a.Analyze([]byte(s)) })
}

func BenchmarkReading(b *testing.B) {
	a, _ := newAnalyzer(Reading)
	benchPassages(b, func(s string) { a.Analyze([]byte(s)) })
}

func BenchmarkBigram(b *testing.B) {
	a, _ := newAnalyzer(Bigram)
	benchPassages(b, func(s string) { a.Analyze([]byte(s)) })
}

// BenchmarkAnalyzePassage is what indexing pays per passage for all three
// fields.
func BenchmarkAnalyzePassage(b *testing.B) {
	benchPassages(b, func(s string) { AnalyzePassage(s) })
}

func BenchmarkFold(b *testing.B) {
	benchPassages(b, func(s string) { Fold(s) })
}

// BenchmarkAnalyzePassageFunc is AnalyzePassage as an index build calls
// it: the streams lent, in buffers reused from passage to passage.
func BenchmarkAnalyzePassageFunc(b *testing.B) {
	benchPassages(b, func(s string) {
		AnalyzePassageFunc(s, func(_, _ analysis.TokenStream, _ int) {})
	})
}
