package meta

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestKanaMastheads holds the scan that tries the masthead pattern only
// where 広報, 市報, 町報, 村報 or 区報 starts to the pattern run over the
// whole text: the same matches, in order, none overlapping.
func TestKanaMastheads(t *testing.T) {
	whole := regexp.MustCompile(`(?:広報|市報|町報|村報|区報)\s*「?(\p{Hiragana}{3,})`)
	texts := []string{
		"",
		"広報",
		"広報ふらの",
		"広報ふら", // two kana: no masthead
		"広報 「ひだかがわ」　令和7年5月号",        // a space and a bracket
		"市報さっぽろ\n町報みなみ 村報おおさと区報ねりま", // four in a row
		"広報広報ふらの", // the second starts where the first failed
		"報ふらの、報告、情報ふらの、電報さっぽろ",                         // 報 after other characters
		"広報ふらの広報さっぽろ",                                  // adjacent matches
		"市報に掲載し、広報紙で周知します。区報で",                         // in passing
		"○議長（山田太郎君）　広報きりゅうに掲載いたしました。市報",                // minutes
		strings.Repeat("本市の広報きりゅうとホームページで周知します。", 200), // long
		"aa報広\xff報ふらの広報\xe5\xba",                       // invalid UTF-8 around
	}
	for _, text := range texts {
		var want []string
		for _, m := range whole.FindAllStringSubmatch(text, -1) {
			want = append(want, m[1])
		}
		if got := kanaMastheads(text); !slices.Equal(got, want) {
			t.Errorf("kanaMastheads(%.40q) = %q, want %q", text, got, want)
		}
	}
}

// TestReadingBrands: a bulletin named by 広報 and its municipality's
// reading names the municipality when no other one reads the same.
func TestReadingBrands(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"広報ふらの　2024年6月号\n富良野のまちの話題", []string{"富良野市"}},
		{"発行：広報「さっぽろ」編集室", []string{"札幌市"}},
		{"市報に掲載し、広報紙で周知します。", nil},
	} {
		if got := readingBrands(c.text); !slices.Equal(got, c.want) {
			t.Errorf("readingBrands(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
