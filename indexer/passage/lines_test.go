package passage

import (
	"path/filepath"
	"strings"
	"testing"

	"seisaku/indexer/source"
)

// A notice's contact lines stay with it: in 広報くらしき 2024年10月号 the
// 人権 article's last notice filled its passage and
// 「問合せ：本庁男女共同参画課⏎【電話】426-3105」 was cut off as a passage
// of its own (listed first under sort by year). No passage of the issue
// is contact lines only, but for an article that is nothing else.
func TestContactStaysWithNotice(t *testing.T) {
	path := filepath.Join("..", "samples", "data", "kouhou-bulletins", "kurashiki-2024-10.csv")
	found := false
	err := source.ReadFile(path, func(s source.Source) error {
		ps := Split(s.Blocks)
		for _, p := range ps {
			if contactOnly(p.Text) && len(ps) > 1 {
				t.Errorf("%s: passage %d is contact lines only: %q", s.Title, p.Seq, p.Text)
			}
			if strings.HasSuffix(p.Text, "問合せ：本庁男女共同参画課\n【電話】426-3105") && strings.Contains(p.Text, "■人と出会う映画会の参加者募集") {
				found = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Error("the 映画会 notice does not end with its contact lines")
	}
}

func contactOnly(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		if !isContact(line) {
			return false
		}
	}
	return true
}

func TestIsContact(t *testing.T) {
	for text, want := range map[string]bool{
		"問合せ：本庁男女共同参画課":                   true,
		"【電話】426-3105":                    true,
		"問合せ：本庁男女共同参画課(〒710-8565西中新田640)": true,
		"お問い合わせ先 厚木市役所 市民協働推進課":           true,
		"【問合せ】子育て支援センター":                  true,
		"申込み・問合せ：保健所健康づくり課":               true,
		"連絡先：090-1234-5678":               true,
		"担当：環境政策課":                        true,
		"TEL 0277-46-1111":                true,
		"FAX：086-426-3118":                true,
		"E-mail: kankyo@city.kiryu.lg.jp": true,
		"担当者が伺いますので、事前にお申し込みください。":        false,
		"問い合わせの多い質問をまとめました。":              false,
		"電話でのお申し込みは受け付けていません。":            false,
	} {
		if got := isContact(text); got != want {
			t.Errorf("isContact(%q) = %v, want %v", text, got, want)
		}
	}
}

// An update or publication stamp is not a passage (a web page's first
// passage was 「更新日：2024年4月1日」); a sentence with a date is.
func TestStampDropped(t *testing.T) {
	for text, want := range map[string]bool{
		"更新日：2024年4月1日":        true,
		"最終更新日 2024年4月1日":      true,
		"掲載日：令和6年4月1日(月)":      true,
		"公開日 2024/04/01":       true,
		"【更新日】2024年4月1日":       true,
		"ページ更新日：2024-04-01":    true,
		"2024年4月1日更新":          true,
		"更新日：2024年4月1日 10:00":  true,
		"2024年4月1日から受付を開始します。": false,
		"更新手続きは2024年4月1日まで":    false,
	} {
		if got := isStamp(text); got != want {
			t.Errorf("isStamp(%q) = %v, want %v", text, got, want)
		}
	}
	blocks := []source.Block{
		{Kind: source.Paragraph, Text: "更新日：2024年4月1日"},
		{Kind: source.Heading, Level: 1, Text: "人と出会う映画会の参加者募集"},
		{Kind: source.Paragraph, Text: "ある児童養護施設のドキュメンタリー映画「隣(とな)る人」の上映と講演。手話通訳、要約筆記あり。無料"},
	}
	ps := Split(blocks)
	if len(ps) != 1 || strings.Contains(ps[0].Text, "更新日") {
		t.Errorf("passages %+v", ps)
	}
}
