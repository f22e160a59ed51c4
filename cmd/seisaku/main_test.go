package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// A bare "seisaku" prints the commands and exits 2; it does not start a
// server on :8080.
func TestRunWithoutCommandPrintsUsage(t *testing.T) {
	var out, errb bytes.Buffer
	getenv := func(string) string { return "" }
	err := run(context.Background(), nil, getenv, &out, &errb)
	if err == nil {
		t.Fatal("run with no arguments returned nil")
	}
	if code := exitCode(err); code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	for _, want := range []string{"usage: seisaku <command>", "serve", "index", "search"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("usage lacks %q:\n%s", want, errb.String())
		}
	}
	if !strings.Contains(err.Error(), "seisaku serve") {
		t.Errorf("error %q does not say how to start the service", err)
	}
}

// The build summary's throughput stays readable for a folder of PDFs, whose
// text is a small share of their bytes.
func TestRate(t *testing.T) {
	for _, c := range []struct {
		bytes int64
		secs  float64
		want  string
	}{
		{600_000, 11.2, "54 KB/s"},
		{94_000_000, 60, "1.6 MB/s"},
		{400_000_000, 20, "20 MB/s"},
		{0, 0, "0 KB/s"},
	} {
		if got := rate(c.bytes, time.Duration(c.secs*float64(time.Second))); got != c.want {
			t.Errorf("rate(%d B, %g s) = %q, want %q", c.bytes, c.secs, got, c.want)
		}
	}
}
