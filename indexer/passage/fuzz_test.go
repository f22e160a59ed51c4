package passage

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"seisaku/indexer/source"
)

// fuzzBlocks turns fuzz input into blocks: one block a line, the first byte
// choosing the kind (mod 5) and the heading level (mod 7), the rest the text.
func fuzzBlocks(data string) []source.Block {
	var blocks []source.Block
	for _, line := range strings.Split(data, "\n") {
		if len(line) < 2 {
			continue
		}
		b := source.Block{Kind: source.BlockKind(line[0] % 5), Level: int(line[0] % 7), Text: strings.ToValidUTF8(line[1:], "\uFFFD")}
		blocks = append(blocks, b)
	}
	return blocks
}

// cited returns the non-space runes of the blocks that should reach passages.
func cited(blocks []source.Block) string {
	var b strings.Builder
	for i, bl := range blocks {
		text := strings.TrimSpace(bl.Text)
		if text == "" || strings.HasPrefix(text, footerPrefix) {
			continue
		}
		if _, _, ok := headingRank(blocks, i, text); ok {
			continue
		}
		b.WriteString(dropSpace(text))
	}
	return b.String()
}

func dropSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func FuzzSplit(f *testing.F) {
	f.Add("\x00【経営課題1 全庁的な政策推進】\n\x02本市をとりまく状況を分析し、時機を逸することなく決定する。\n\x00(予算額 84百万円)")
	f.Add("\x01経営課題1 全庁的な政策推進\n\x04" + strings.Repeat("歳入につきましては、市税収入は減となりました。", 30))
	f.Add("\x00令和4年度\n\x00秘書課\n\x00証明書のコンビニ交付サービスの利用率の向上\n\x02コンビニ交付サービスの利便性の周知広報")
	f.Fuzz(func(t *testing.T, data string) {
		blocks := fuzzBlocks(data)
		ps := Split(blocks)
		var out strings.Builder
		for i, p := range ps {
			if p.Seq != i {
				t.Fatalf("passage %d has Seq %d", i, p.Seq)
			}
			if strings.TrimSpace(p.Text) == "" {
				t.Fatalf("passage %d is empty: %q", i, p.Text)
			}
			if !utf8.ValidString(p.Text) {
				t.Fatalf("passage %d is not UTF-8: %q", i, p.Text)
			}
			out.WriteString(dropSpace(p.Text))
		}
		if want := cited(blocks); out.String() != want {
			t.Fatalf("passages lost or reordered text:\n got  %q\n want %q", out.String(), want)
		}
	})
}
