package source

import (
	"testing"
	"unicode/utf8"
)

// fuzzNames are the file names FuzzRead reads its input as.
var fuzzNames = []string{"a.txt", "a.md", "a.html", "a.tsv", "a.csv", "a.json", "a.jsonl",
	"a.ndjson", "a.txt.gz", "a.jsonl.gz", "a.markdown", "a.htm", "a"}

// FuzzRead checks that no input panics a reader and that every emitted
// block has clean, non-empty UTF-8 text. Seed inputs are in
// testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	f.Add([]byte("ページの先頭です\n\n令和4年度政策企画室運営方針\n\n  • 豊かな大阪の実現\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		name := fuzzNames[int(which)%len(fuzzNames)]
		_ = Read(name, data, func(s Source) error {
			if !utf8.ValidString(s.Title) || !utf8.ValidString(s.URL) {
				t.Errorf("%s: invalid UTF-8 in title %q or URL %q", name, s.Title, s.URL)
			}
			for _, b := range s.Blocks {
				if b.Text == "" || !utf8.ValidString(b.Text) || b.Kind < Paragraph || b.Kind > Speech || b.Level < 0 || b.Level > 6 {
					t.Errorf("%s: bad block %+v", name, b)
				}
			}
			return nil
		})
	})
}
