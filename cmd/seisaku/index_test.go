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
		args := []string{"search", "-index", dir, "-city", tc.city, "市民の声を聞く会"}
		if err := run(context.Background(), args, noEnv, &out, &errb); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Errorf("report under -city %s: %s; want %s", tc.city, out.String(), tc.want)
		}
	}
}
