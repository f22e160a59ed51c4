package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"seisaku/indexer"
	"seisaku/indexer/meta"
)

func runIndex(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("index", envOr(getenv, "SEISAKU_INDEX", "index"), "index directory (env SEISAKU_INDEX)")
	city := fs.String("city", "", "municipality of documents that do not state one, e.g. 桐生市 (applies to the folders named after it)")
	dept := fs.String("department", "", "department of documents that do not state one")
	year := fs.Int("year", 0, "fiscal year (Western) of documents that do not state one")
	workers := fs.Int("workers", 0, "reading and analysis goroutines (0: one per core)")
	batch := fs.Int("batch", 0, "passages per batch segment (0: 250 for a build, 1000 for an update)")
	segMB := fs.Int("segment-mb", 0, "most MB of segments one merge takes, about the largest segment written (0: 256)")
	progress := fs.String("progress", "auto", "progress bar: auto (on a terminal), on, off")
	asJSON := fs.Bool("json", false, "print the summary as one JSON line (for benchmark scripts)")
	update := fs.Bool("update", false, "update the live index from the same folders: read new and changed files (by content hash), drop deleted ones")
	dryRun := fs.Bool("dry-run", false, "read and analyse everything and report what would be indexed and skipped; write nothing")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: seisaku index [-index DIR] [flags] FOLDER|FILE... [-city C FOLDER...]...\n\n"+
			"Builds a new index from the documents under the folders and switches to it\n"+
			"atomically; the previous index keeps serving if the build fails.\n\nflags:\n")
		fs.PrintDefaults()
	}
	// -city, -department and -year apply to the folders named after them,
	// so one build can take folders of different cities:
	//   seisaku index -index DIR ../seeds -city 桐生市 ../kiryu-speeches
	var roots []string
	defaults := map[string]meta.Metadata{}
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if *year != 0 && (*year < 1868 || *year > 2100) {
			return usageError(fmt.Sprintf("index: -year %d is not a Western fiscal year (e.g. 2022 for 令和4年度)", *year))
		}
		args = fs.Args()
		for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
			roots = append(roots, args[0])
			defaults[args[0]] = meta.Metadata{City: *city, Department: *dept, FiscalYear: *year}
			args = args[1:]
		}
		if len(args) == 0 {
			break
		}
	}
	if len(roots) == 0 {
		fs.Usage()
		return usageError("index: name at least one folder or file of documents")
	}
	if getenv("GOMEMLIMIT") == "" {
		// A soft limit: the garbage collector works harder as the heap
		// nears it. Without one peak RSS was 976 MB on kiryu-minutes; with
		// 768 MiB it was 824 MB there and 546 MB on the 25 municipal PDFs,
		// with 384 MiB 816 MB and 467 MB (2026-12-06, in turn, same build):
		// kiryu's live heap is above both, the PDFs' garbage was not.
		debug.SetMemoryLimit(384 << 20)
	}
	opt := indexer.Options{
		RootDefaults: defaults,
		Workers:      *workers,
		BatchSize:    *batch,
		SegmentBytes: int64(*segMB) << 20,
	}
	showBar := *progress == "on" || (*progress == "auto" && isTerminal(stderr))
	var bar *progressbar.ProgressBar
	if showBar {
		bar = newBar(stderr)
		opt.Progress = func(p indexer.Progress) { updateBar(bar, p) }
	}
	build := indexer.Build
	switch {
	case *update && *dryRun:
		return usageError("index: -update and -dry-run do not go together")
	case *update:
		build = indexer.Update
	case *dryRun:
		build = func(ctx context.Context, _ string, roots []string, opt indexer.Options) (*indexer.Summary, error) {
			return indexer.DryRun(ctx, roots, opt)
		}
	}
	sum, err := untilInterrupted(ctx, interruptGrace, func() (*indexer.Summary, error) {
		return build(ctx, *dir, roots, opt)
	})
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(stderr)
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("index: interrupted; the previous index (if any) is unchanged")
		}
		return fmt.Errorf("index: %w; the previous index (if any) is unchanged", err)
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(summaryJSON(sum))
	}
	printSummary(stdout, sum)
	return nil
}

// interruptGrace is how long an interrupted build may take to stop on its
// own before `index` returns without it.
const interruptGrace = 3 * time.Second

// untilInterrupted runs f and returns its result, or ctx's error when f has
// not returned within grace after ctx is cancelled (SIGINT, SIGTERM): a
// build stuck in a system call or a long computation never keeps the
// process alive. Returning early is as safe as a kill: the half-written
// generation is not live and the next build removes it.
func untilInterrupted[T any](ctx context.Context, grace time.Duration, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
	}
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(grace):
		var zero T
		return zero, ctx.Err()
	}
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newBar(w io.Writer) *progressbar.ProgressBar {
	return progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
	)
}

func updateBar(bar *progressbar.ProgressBar, p indexer.Progress) {
	if bar.GetMax64() != p.Bytes && p.Bytes > 0 {
		bar.ChangeMax64(p.Bytes)
	}
	bar.Describe(fmt.Sprintf("files %d/%d, %d docs, %d passages, text %s",
		p.FilesDone, p.Files, p.Documents, p.Passages, rate(p.TextBytes, p.Elapsed)))
	bar.Set64(p.BytesDone)
}

// rate is a throughput for people: MB/s, or KB/s when under one MB/s (a
// folder of PDFs holds little text for its bytes: "0.00 MB/s" says nothing).
func rate(n int64, d time.Duration) string {
	switch r := mbps(n, d); {
	case r >= 10:
		return fmt.Sprintf("%.0f MB/s", r)
	case r >= 1:
		return fmt.Sprintf("%.1f MB/s", r)
	default:
		return fmt.Sprintf("%.0f KB/s", r*1000)
	}
}

func mbps(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / 1e6 / d.Seconds()
}

// maxListed is how many ignored files the summary names.
const maxListed = 10

func printSummary(w io.Writer, s *indexer.Summary) {
	verb := "indexed"
	if s.DryRun {
		verb = "dry run, nothing written: read and analysed"
	}
	fmt.Fprintf(w, "%s %d documents, %d passages from %d files (%.1f MB, %.1f MB of text) in %s: %s of text, %.0f documents/s\n",
		verb, s.Documents, s.Passages, s.Files, float64(s.Bytes)/1e6, float64(s.TextBytes)/1e6,
		s.Elapsed.Round(time.Millisecond), rate(s.TextBytes, s.Elapsed), float64(s.Documents)/s.Elapsed.Seconds())
	if s.Unchanged+s.Changed+s.Added+s.Removed > 0 {
		fmt.Fprintf(w, "update: %d files unchanged, %d changed, %d added, %d removed\n", s.Unchanged, s.Changed, s.Added, s.Removed)
		if s.Reread > 0 {
			fmt.Fprintf(w, "update: %d of the changed files have the same bytes and were read again: this version reads them otherwise\n", s.Reread)
		}
	}
	if !s.DryRun {
		fmt.Fprintf(w, "index: %s (%.1f MB)\n", s.Generation, float64(s.IndexBytes)/1e6)
	}
	if n := len(s.Ignored); n > 0 {
		// named, so that the operator can convert them (a .docx or .xlsx
		// saved as PDF or CSV is read)
		names := s.Ignored[:min(n, maxListed)]
		more := ""
		if n > len(names) {
			more = fmt.Sprintf(" and %d more", n-len(names))
		}
		fmt.Fprintf(w, "ignored %d files of formats the indexer does not read (it reads PDF, HTML, text, Markdown, CSV, TSV, JSON): %s%s\n",
			n, strings.Join(names, ", "), more)
	}
	if len(s.Damaged) > 0 {
		fmt.Fprintf(w, "damaged %d (indexed as far as they could be read):\n", len(s.Damaged))
		for _, d := range s.Damaged {
			fmt.Fprintf(w, "  %s: %s\n", d.Path, strings.ReplaceAll(d.Reason, "\n", " "))
		}
	}
	if len(s.Skipped) > 0 {
		rest := "the rest was indexed"
		if s.DryRun {
			rest = "the rest would be indexed"
		}
		fmt.Fprintf(w, "skipped %d (%s):\n", len(s.Skipped), rest)
		for _, sk := range s.Skipped {
			fmt.Fprintf(w, "  %s: %s\n", sk.Path, strings.ReplaceAll(sk.Reason, "\n", " "))
		}
	}
}

// summaryJSON is the -json form of a build summary.
func summaryJSON(s *indexer.Summary) map[string]any {
	op := "index"
	if s.DryRun {
		op = "dry-run"
	}
	return map[string]any{
		"system": "seisaku", "op": op, "version": version,
		"files": s.Files, "documents": s.Documents, "passages": s.Passages,
		"skipped": len(s.Skipped), "damaged": len(s.Damaged), "input_mb": float64(s.Bytes) / 1e6, "text_mb": float64(s.TextBytes) / 1e6,
		"index_s": s.Elapsed.Seconds(), "mb_per_s": mbps(s.TextBytes, s.Elapsed), "input_mb_per_s": mbps(s.Bytes, s.Elapsed),
		"docs_per_s": float64(s.Documents) / s.Elapsed.Seconds(), "index_mb": float64(s.IndexBytes) / 1e6,
		"index":     s.Generation,
		"unchanged": s.Unchanged, "changed": s.Changed, "added": s.Added, "removed": s.Removed, "reread": s.Reread,
	}
}
