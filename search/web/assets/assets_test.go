package assets

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestWidgetSize keeps widget.js under 15 KB gzipped, the budget for a
// script that a city's every page loads (TestWidgetGzippedOnce in package
// web checks it as the server sends it).
func TestWidgetSize(t *testing.T) {
	b, err := fs.ReadFile(FS(), "widget.js")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(b)
	zw.Close()
	t.Logf("widget.js: %d bytes, %d gzipped", len(b), buf.Len())
	if buf.Len() > 15<<10 {
		t.Errorf("widget.js is %d bytes gzipped, over the 15 KB budget", buf.Len())
	}
}

// TestPagesHaveNoInlineScript lets the pages run under
// Content-Security-Policy script-src 'self': the only script is widget.js.
func TestPagesHaveNoInlineScript(t *testing.T) {
	scriptTag := regexp.MustCompile(`<script\b[^>]*>`)
	for _, name := range []string{"index.html", "demo.html"} {
		b, err := fs.ReadFile(FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		tags := scriptTag.FindAllString(string(b), -1)
		if len(tags) != 1 || tags[0] != `<script src="/widget.js" defer>` {
			t.Errorf("%s: script tags %q, want only <script src=\"/widget.js\" defer>", name, tags)
		}
		if regexp.MustCompile(`\son[a-z]+=`).Match(b) {
			t.Errorf("%s has an inline event handler", name)
		}
	}
}

// TestWidgetParsesHTMLOnlyInSafeMarked: the one innerHTML in widget.js is
// safeMarked's, on an inert <template>, for the server's escaped snippets.
func TestWidgetParsesHTMLOnlyInSafeMarked(t *testing.T) {
	b, err := fs.ReadFile(FS(), "widget.js")
	if err != nil {
		t.Fatal(err)
	}
	full, err := fs.ReadFile(FS(), "widget-full.js")
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function`).Match(full) {
		t.Error("widget-full.js parses HTML or evaluates code; it must build elements (h) and use safeMarked")
	}
	src := string(b)
	for _, sink := range []string{"outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if strings.Contains(src, sink) {
			t.Errorf("widget.js uses %s", sink)
		}
	}
	if uses := regexp.MustCompile(`\w+\.innerHTML\s*=`).FindAllString(src, -1); len(uses) != 1 || uses[0] != "t.innerHTML =" {
		t.Errorf("innerHTML assignments %q, want only safeMarked's t.innerHTML", uses)
	}
}

// TestPagesSayWhatUsersNeed: the search page explains how to name a city
// and a year in the query, and /demo tells site owners the flag that
// allows their origin, not the Go field behind it.
func TestPagesSayWhatUsersNeed(t *testing.T) {
	for _, tc := range []struct {
		page         string
		want, reject []string
	}{
		{"index.html", []string{"子育て -倉敷市", "city:倉敷市", "多文化共生 2022", "year:2019..2022", "類似の取り組み"}, nil},
		{"demo.html", []string{"<code>-origins</code>", "seisaku serve -origins https://www.city.example.lg.jp", "<code>group</code>"}, []string{"AllowedOrigins"}},
	} {
		b, err := fs.ReadFile(FS(), tc.page)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s does not say %q", tc.page, w)
			}
		}
		for _, r := range tc.reject {
			if bytes.Contains(b, []byte(r)) {
				t.Errorf("%s still says %q", tc.page, r)
			}
		}
	}
}
