package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestIndexDefaultsPerFolder: -city applies to the folders named after it.
func TestIndexDefaultsPerFolder(t *testing.T) {
	reports := t.TempDir()
	report := "令和5年度 事業報告\n\n市民の声を聞く会を開催し、地域の課題について意見を交わしました。\n"
	if err := os.WriteFile(filepath.Join(reports, "report.txt"), []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	noEnv := func(string) string { return "" }
	var out, errb strings.Builder
	args := []string{"index", "-index", dir, "-progress", "off", seedsDir, "-city", "桐生市", reports}
	if err := run(context.Background(), args, noEnv, &out, &errb); err != nil {
		t.Fatalf("index: %v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), "indexed 6 documents") {
		t.Errorf("summary: %s", out.String())
	}
	for _, tc := range []struct{ city, want string }{{"桐生市", "1件"}, {"大阪市", "0件"}} {
		out.Reset()
		args := []string{"search", "-index", dir, "-city", tc.city, "-matching", "all", "市民の声を聞く会"}
		if err := run(context.Background(), args, noEnv, &out, &errb); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Errorf("report under -city %s: %s; want %s", tc.city, out.String(), tc.want)
		}
	}
}

// TestIndexDryRun: -dry-run reports what a build indexes and skips, and
// writes nothing.
func TestIndexDryRun(t *testing.T) {
	docs := t.TempDir()
	seed, err := os.ReadFile(filepath.Join(seedsDir, "004_834a0d1253e7f380.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"seed.txt": seed, "empty.txt": {}} {
		if err := os.WriteFile(filepath.Join(docs, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "index")
	noEnv := func(string) string { return "" }
	var dry, built, errb strings.Builder
	if err := run(context.Background(), []string{"index", "-dry-run", "-index", dir, "-progress", "off", docs}, noEnv, &dry, &errb); err != nil {
		t.Fatalf("dry run: %v\n%s", err, errb.String())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("dry run created %s (%v)", dir, err)
	}
	if err := run(context.Background(), []string{"index", "-index", dir, "-progress", "off", docs}, noEnv, &built, &errb); err != nil {
		t.Fatalf("index: %v\n%s", err, errb.String())
	}
	// the same counts and skips as the build: "1 documents, N passages from 2 files"
	counts := func(s string) string {
		_, rest, _ := strings.Cut(s, " documents, ")
		n, _, _ := strings.Cut(rest, " files")
		return n
	}
	if c := counts(dry.String()); c == "" || c != counts(built.String()) || !strings.Contains(dry.String(), "dry run, nothing written") {
		t.Errorf("dry run:\n%s\nbuild:\n%s", dry.String(), built.String())
	}
	if !strings.Contains(dry.String(), "empty.txt: empty document") {
		t.Errorf("dry run does not report the empty file:\n%s", dry.String())
	}
	if err := run(context.Background(), []string{"index", "-dry-run", "-update", "-index", dir, docs}, noEnv, &dry, &errb); exitCode(err) != 2 {
		t.Errorf("-dry-run -update: %v", err)
	}
}

// TestUntilInterrupted: a build that does not stop on its own when
// interrupted (stuck in a system call, say) no longer keeps `index`
// running: it returns the interruption after the grace period.
func TestUntilInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stuck := make(chan struct{})
	defer close(stuck)
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := untilInterrupted(ctx, 100*time.Millisecond, func() (int, error) {
		<-stuck
		return 1, nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("stuck build: err = %v, want context.Canceled", err)
	}
	v, err := untilInterrupted(context.Background(), time.Hour, func() (int, error) { return 7, nil })
	if v != 7 || err != nil {
		t.Errorf("finished build: %d, %v", v, err)
	}
}

// TestIndexStopsOnSIGTERM sends SIGTERM to `seisaku index` in the middle of
// a build of a folder that also holds a named pipe (which once hung the
// build beyond any signal): it exits at once saying it was interrupted,
// and the previous index stays live.
func TestIndexStopsOnSIGTERM(t *testing.T) {
	if args := os.Getenv("SEISAKU_TEST_MAIN"); args != "" {
		os.Args = append([]string{"seisaku"}, strings.Split(args, "\x1f")...)
		main()
		os.Exit(0)
	}
	docs := t.TempDir()
	seeds, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	for i := range 400 {
		b, err := os.ReadFile(seeds[i%len(seeds)])
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(docs, fmt.Sprintf("%03d-%s", i, filepath.Base(seeds[i%len(seeds)])))
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(docs, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	noEnv := func(string) string { return "" }
	var out, errb strings.Builder
	if err := run(context.Background(), []string{"index", "-index", dir, "-progress", "off", seedsDir}, noEnv, &out, &errb); err != nil {
		t.Fatal(err)
	}
	live, _ := os.Readlink(filepath.Join(dir, "current"))
	cmd := exec.Command(os.Args[0], "-test.run=^TestIndexStopsOnSIGTERM$")
	cmd.Env = append(os.Environ(), "SEISAKU_TEST_MAIN="+strings.Join([]string{"index", "-index", dir, "-progress", "off", "-workers", "1", docs}, "\x1f"))
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// SIGTERM once the build writes (or, if it hangs before, after 5 s)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if gens, _ := filepath.Glob(filepath.Join(dir, "gen-*")); len(gens) > 1 {
			time.Sleep(200 * time.Millisecond)
			break
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("after SIGTERM: %v, stderr %q; want exit 1, interrupted", err, errb.String())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("index still running 10 s after SIGTERM")
	}
	if now, _ := os.Readlink(filepath.Join(dir, "current")); now != live {
		t.Errorf("current moved from %s to %s by an interrupted build", live, now)
	}
}

// TestIndexReportsDamage: files that are partly broken are indexed as far
// as they can be read and the summary says what was repaired or lost,
// instead of skipping them whole (or, for a truncated .jsonl.gz, listing
// it as skipped while its first records were indexed).
func TestIndexReportsDamage(t *testing.T) {
	docs := t.TempDir()
	line := "桐生市の市政運営の方針として、行財政改革を推進し、市民サービスの向上に努めます。\n"
	body := []byte(strings.Repeat(line, 90))
	body = append(body[:4000:4000], append([]byte("\xff\xfe"), body[4000:]...)...)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	for i := range 300 {
		fmt.Fprintf(zw, `{"title":"第%d回 定例会","text":"会議録です。市民の声を聞く会について質疑がありました。%d"}`+"\n", i+1, i*7919)
	}
	zw.Close()
	for name, b := range map[string][]byte{
		"bad-bytes.txt":    body,
		"one-line.txt":     []byte("市民の声を聞く会を開催しました\n"),
		"cut.jsonl.gz":     gz.Bytes()[:gz.Len()/2],
		"unterminated.csv": []byte("タイトル,本文\n子育て支援,\"保育所の入所申込み\n防災訓練,防災訓練を行います\n広報紙,広報紙\"きりゅう\"を発行\n"),
	} {
		if err := os.WriteFile(filepath.Join(docs, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb strings.Builder
	if err := run(context.Background(), []string{"index", "-dry-run", "-progress", "off", docs}, func(string) string { return "" }, &out, &errb); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	s := out.String()
	for _, want := range []string{
		"bad-bytes.txt: 1 broken byte sequence replaced with U+FFFD (read as UTF-8)",
		"unterminated.csv#row 1: CSV lines 2-4: extraneous or missing \" in quoted-field",
		"cut.jsonl.gz#line ",
		"partly read: ",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "one-line.txt") || strings.Contains(s, "bad-bytes.txt: ") && strings.Contains(s, "broken encoding") {
		t.Errorf("a readable file is reported as skipped:\n%s", s)
	}
}

// TestIndexSummaryNamesWhatItLeftOut: the summary names the files of
// formats it does not read, and a skipped file's reason does not repeat
// its path.
func TestIndexSummaryNamesWhatItLeftOut(t *testing.T) {
	docs := t.TempDir()
	seed, err := os.ReadFile(filepath.Join(seedsDir, "004_834a0d1253e7f380.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"seed.txt": seed, "会議資料.docx": []byte("PK\x03\x04"), "予算.xlsx": []byte("PK\x03\x04"), "broken.pdf": []byte("%PDF-1.4\ngarbage")}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(docs, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb strings.Builder
	args := []string{"index", "-dry-run", "-progress", "off", docs}
	if err := run(context.Background(), args, func(string) string { return "" }, &out, &errb); err != nil {
		t.Fatalf("index: %v\n%s", err, errb.String())
	}
	base := filepath.Base(docs)
	for _, want := range []string{"ignored 2 files", base + "/予算.xlsx", base + "/会議資料.docx", "  " + base + "/broken.pdf: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Count(out.String(), "broken.pdf") != 1 {
		t.Errorf("the skipped file is named more than once:\n%s", out.String())
	}
}

// TestIndexBrokenPDFReason: a file that is not a readable PDF is skipped with
// a reason in words, not PDFium's numeric code.
func TestIndexBrokenPDFReason(t *testing.T) {
	docs := t.TempDir()
	if err := os.WriteFile(filepath.Join(docs, "cut.pdf"), []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	err := run(context.Background(), []string{"index", "-dry-run", "-progress", "off", docs}, func(string) string { return "" }, &out, &errb)
	all := out.String() + errb.String() + fmt.Sprint(err)
	if !strings.Contains(all, "cut.pdf: broken PDF: its structure cannot be read") || strings.Contains(all, "3: incorrect format") {
		t.Errorf("reason for a broken PDF:\n%s", all)
	}
}
