package meta

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkExtractLongLine: one line that names a city in every sentence
// (issue 14: 25 KB took 2 s, 200 KB 56 s before every stage was linear).
// MB/s must stay flat as the line grows.
func BenchmarkExtractLongLine(b *testing.B) {
	const sentence = "桐生市の市政運営の方針として、行財政改革を推進し、こども青少年課と市民サービスの向上に努めます。"
	const masthead = "広報きりゅうとホームページでお知らせします。" // the masthead pattern's word, in passing
	for _, kb := range []int{25, 100, 400, 1600} {
		text := strings.Repeat(sentence, kb<<10/len(sentence)) + masthead
		b.Run(fmt.Sprintf("%dKB", kb), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if m := Extract(Input{Text: text}, Metadata{}); m.City != "桐生市" {
					b.Fatalf("City = %q", m.City)
				}
			}
		})
	}
}
