package meta

import "testing"

// TestBulletinTitle holds the title rules to a bulletin's cover: its title
// is the masthead with the issue number, whatever headings of its
// articles stand above it; a legend's bracketed label is no title; a
// publication named without an issue number is no masthead.
func TestBulletinTitle(t *testing.T) {
	p1 := func(texts ...string) []Line {
		var ls []Line
		for _, s := range texts {
			l := Line{Text: s, Page: 1}
			if len(s) > 0 && s[0] == '#' {
				l = Line{Text: s[2:], Page: 1, Heading: true, Level: 1}
			}
			ls = append(ls, l)
		}
		return ls
	}
	tests := []struct {
		name  string
		lines []Line
		want  string
	}{
		{"masthead over two lines, the year between",
			p1("おしらせ", "# 人事行政等の", "# 運営報告について", "Otoineppu public relations magazine", "# 広報", "2 0 2 4", "# 6　おといねっぷ", "令和　6 no.597"),
			"広報おといねっぷ No.597"},
		{"masthead in one cell of a row",
			p1("# おと高卒業制作", "2 | 0 | 2 | 0 | 2 | 広報おといねっぷ", "令和 | 2 | no.545"),
			"広報おといねっぷ No.545"},
		{"a だより with its 号",
			p1("# 特集 春の防災", "市政だより", "第1234号 令和7年4月1日"),
			"市政だより 第1234号"},
		{"no issue number: the masthead is not read",
			p1("# おと高卒業制作", "# 広報", "# おといねっぷ"),
			""},
		{"a publication named in a table is no masthead",
			p1("# 令和７年度 広報事業計画", "配布物 | 広報おといねっぷ | 毎月"),
			"令和７年度 広報事業計画"},
		{"a legend's label in brackets",
			p1("# [会派略称］", "自：自由民主石垣 | 共：日本共産党"),
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := extractTitle(Input{Lines: tt.lines}); got != tt.want {
				t.Errorf("title %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCoverSloganIsNoTitle: a cover whose largest line is a slogan, not a
// kind of document (音威子府村's 人口ビジョン and 総合戦略, their titles drawn
// as pictures), takes the file's Title when that names a document; a
// cover line that names one still wins, and a slogan stands when the file
// has no better title.
func TestCoverSloganIsNoTitle(t *testing.T) {
	cover := []Line{
		{Text: "音威子府村公式キャラクター おとっきー", Page: 1},
		{Text: "森と水と人が織りなす匠の里・おといねっぷ", Page: 1, Heading: true, Level: 3},
	}
	tests := []struct {
		name, info, want string
		lines            []Line
	}{
		{"slogan, file's title names a plan", "音威子府村人口ビジョン（仮称）", "音威子府村人口ビジョン（仮称）", cover},
		{"slogan, no file title", "", "森と水と人が織りなす匠の里・おといねっぷ", cover},
		{"a cover title that names a plan", "Microsoft Word - 文書1",
			"音威子府村まち・ひと・しごと創生総合戦略",
			append([]Line{{Text: "音威子府村まち・ひと・しごと創生総合戦略", Page: 1, Heading: true, Level: 1}}, cover...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := extractTitle(Input{Lines: tt.lines, InfoTitle: tt.info}); got != tt.want {
				t.Errorf("title %q, want %q", got, tt.want)
			}
		})
	}
}
