package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
