// Package pdftest prints the tests' HTML pages to PDF, so that a test reads
// a PDF as a browser makes it (Noto Sans CJK embedded as Type 3 glyphs)
// without a binary fixture.
package pdftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Print prints an HTML file to PDF with headless Chromium and returns the
// PDF's path in a temporary directory of t; args go to Chromium before the
// page (--no-pdf-header-footer: no date and file name on every page).
// Under CI (CI=true) a missing browser fails the test: .ci/run installs
// it (apt-get install chromium fonts-noto-cjk); elsewhere the test is
// skipped.
func Print(t testing.TB, htmlPath string, args ...string) string {
	t.Helper()
	bin := ""
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); name != "" && err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed; .ci/run installs it (apt-get install chromium fonts-noto-cjk)")
		}
		t.Skip("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
	}
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(htmlPath), ".html")+".pdf")
	cmd := exec.Command(bin, append(append([]string{"--headless", "--no-sandbox", "--disable-gpu",
		"--user-data-dir=" + t.TempDir()}, args...), "--print-to-pdf="+out, "file://"+abs)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --print-to-pdf: %v\n%s", err, b)
	}
	return out
}
