package meta

import (
	"strings"
	"testing"
)

// TestBulletinTitle holds the title rules to a bulletin's cover: its title
// is the masthead with the issue number, whatever headings of its
// articles stand above it; a legend's bracketed label is no title; a
// publication named without an issue number is no masthead.
func TestBulletinTitle(t *testing.T) {
	p1 := firstPage
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

// TestTitleShapesOfOtherCities holds the title rules to first pages that
// misled them on documents of cities the rules were not written from: a
// budget book's page cut out of the book (rows of figures, coded rows, a
// label and its count), a 議決結果 table (a value down a column), an
// 意見書 in the body's type over its addressees, a note in brackets, and
// a cover stating its year in the era and in brackets in the western way.
func TestTitleShapesOfOtherCities(t *testing.T) {
	p1 := firstPage
	tests := []struct {
		name  string
		lines []Line
		want  string
	}{
		{"a row of figures", p1("## 均等割 | 403,000", "調定見込額 | 408,000×98.9％"), ""},
		{"a 項 with its sum", p1("# １項　使用料　876,102千円", "| 目 | 本年度予算額 | 前年度予算額"), ""},
		{"a coded row", p1("## 001議会人事管理事業費 | 442", "2 | 給料 | 1,342,176"), ""},
		{"a label and its count", p1("## 事務補助 | 4人", "管理職手当 | 6,796"), ""},
		{"below a table's rows is its matter", p1("| 目 | 本年度予算額 | 説明", "| 1 | 延滞金 | 25,000", "## 区画整理事業"), ""},
		{"a value down a column", p1("| 区分 | 番号 | 案件名 | 議決結果", "## 原案可決", "## 原案可決", "## 原案可決"), ""},
		{"a bill states its title twice", p1("議案第１８号", "# 南国市手話言語条例", "南国市手話言語条例を次のように定める。", "令和４年３月４日提出", "南国市手話言語条例", "（目的）"), "南国市手話言語条例"},
		{"an 意見書 in the body's type, wrapped, over its addressees",
			p1("(別紙）", "安全性が確認できるまで未成年者への新型コロナウイルスワクチン接種の", "中止を求める意見書", "よって小平市議会は、国会及び関係行政庁に対し、次の事項を強く求めます。", "## 参議院議長", "内閣総理大臣"),
			"安全性が確認できるまで未成年者への新型コロナウイルスワクチン接種の中止を求める意見書"},
		{"a member's bill: its number alone is no title",
			p1("議員提出議案 | 第38号", "未成年者への新型コロナウイルスワクチン接種の中止を求める意見書提出", "について", "上記に関し、別紙により意見書を提出するものとする。"),
			"未成年者への新型コロナウイルスワクチン接種の中止を求める意見書提出について"},
		{"an addressee alone", p1("## 衆議院議長", "## 参議院議長"), ""},
		{"a note in brackets", p1("## （厚生委員会付託）", "の承認を求めることについて"), ""},
		{"the era's year over the western one", p1("# 令 | 和 | 8 | 年度", "# （2026年度）", "# 世田谷区予算", "# 一般会計"), "令和8年度（2026年度） 世田谷区予算"},
		{"a table's caption with its unit note", p1("# (性質別歳出）　（単位：千円、％）", "| 区分 | 令和3年度 | 令和4年度"), ""},
		{"a title with a unit note after it", p1("# 令和４年度 当初予算の概要 （単位：千円）", "本文"), "令和４年度 当初予算の概要"},
		{"a completion spaced by the reader", p1("議事日程 | （ | 第1号 | ）", "| 1 | 会期の決定"), "議事日程 （第1号）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := extractTitle(Input{Lines: tt.lines}); got != tt.want {
				t.Errorf("title %q, want %q", got, tt.want)
			}
		})
	}
}

// firstPage makes the lines of a first page: "# " and "## " start a
// heading of level 1 and 2, "| " a table's row.
func firstPage(texts ...string) []Line {
	var ls []Line
	for _, s := range texts {
		l := Line{Text: s, Page: 1}
		switch {
		case strings.HasPrefix(s, "## "):
			l = Line{Text: s[3:], Page: 1, Heading: true, Level: 2}
		case strings.HasPrefix(s, "# "):
			l = Line{Text: s[2:], Page: 1, Heading: true, Level: 1}
		case strings.HasPrefix(s, "| "):
			l = Line{Text: s[2:], Page: 1, Table: true}
		}
		ls = append(ls, l)
	}
	return ls
}
