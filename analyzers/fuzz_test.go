package analyzers

import (
	"testing"
	"unicode/utf8"
)

// FuzzAnalyzers checks that no input makes an analyzer panic or emit a token
// whose offsets are out of range or cut a character, and that
// AnalyzePassage agrees with the registered analyzers. Seeds are in
// testdata/fuzz/FuzzAnalyzers.
func FuzzAnalyzers(f *testing.F) {
	mustJA() // load the dictionary before the fuzz engine starts its timers
	f.Add("情報関連部門の有機的連携を図り、積極的な情報発信を全庁的に推進する。")
	f.Add("ｺﾝﾋﾞﾆでﾃﾞｰﾀ･ﾎﾟﾝﾌﾟ ＳＮＳ２０２２㍻ｳﾞｧ")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			text = string([]rune(text)) // bleve stores text fields as UTF-8
		}
		m, r, b := AnalyzePassage(text)
		for name, want := range map[string]string{Morph: compact(m), Reading: compact(r), Bigram: compact(b)} {
			got := analyze(t, name, text)
			checkStream(t, name, text, got)
			if compact(got) != want {
				t.Fatalf("%s %q: AnalyzePassage gives %s, analyzer %s", name, text, want, compact(got))
			}
		}
	})
}
