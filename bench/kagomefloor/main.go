// Command kagomefloor times kagome alone over a corpus's text on every
// core: the floor of a build that gives each passage one kagome pass, as
// seisaku's does (indexer/analyze.go).
//
//	go run ./bench/kagomefloor FILE.jsonl[.gz] ...
//
// Each JSON line's "body" or "text" is cut at line ends into pieces of at
// most 400 characters (about a passage) and each piece is tokenized in
// kagome's search mode with the IPA dictionary, the tokenizer seisaku's
// analyzers use (without seisaku's small user dictionary and without its
// folding, readings or bigrams). It prints the text's size, the time, the
// CPU time of the process (user + system), and the throughput.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

const pieceRunes = 400

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: kagomefloor FILE.jsonl[.gz] ...")
		os.Exit(2)
	}
	tk, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
	if err != nil {
		fail(err)
	}
	pieces, bytes := 0, 0
	var texts []string
	for _, path := range os.Args[1:] {
		if err := eachText(path, func(t string) {
			for _, p := range cut(t) {
				texts = append(texts, p)
				pieces++
				bytes += len(p)
			}
		}); err != nil {
			fail(err)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	var next, tokens atomic.Int64
	cpu0, start := cpuTime(), time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			n := 0
			for {
				i := int(next.Add(1) - 1)
				if i >= len(texts) {
					break
				}
				n += len(tk.Analyze(texts[i], tokenizer.Search))
			}
			tokens.Add(int64(n))
		})
	}
	wg.Wait()
	wall, cpu := time.Since(start), cpuTime()-cpu0
	mb := float64(bytes) / 1e6
	fmt.Printf("kagome alone: %.1f MB of text in %d pieces, %d tokens, %d workers: %.2f s, CPU %.2f s, %.2f MB/s (%.2f MB per CPU-second)\n",
		mb, pieces, tokens.Load(), workers, wall.Seconds(), cpu.Seconds(), mb/wall.Seconds(), mb/cpu.Seconds())
}

// eachText calls fn with the "body" or "text" of each JSON line of path.
func eachText(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return err
		}
		r = zr
	}
	dec := json.NewDecoder(r)
	for {
		var rec struct{ Body, Text string }
		if err := dec.Decode(&rec); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fn(rec.Body + rec.Text)
	}
}

// cut splits text at line ends into pieces of at most pieceRunes runes
// (a longer line is cut where it reaches the limit).
func cut(text string) []string {
	var out []string
	var b strings.Builder
	n := 0
	flush := func() {
		if s := strings.TrimSpace(b.String()); s != "" {
			out = append(out, s)
		}
		b.Reset()
		n = 0
	}
	for _, line := range strings.Split(text, "\n") {
		for _, r := range line {
			if n == pieceRunes {
				flush()
			}
			b.WriteRune(r)
			n++
		}
		if n > pieceRunes*3/4 {
			flush()
		} else {
			b.WriteByte('\n')
			n++
		}
	}
	flush()
	return out
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "kagomefloor:", err)
	os.Exit(1)
}
