package meta

import (
	"fmt"
	"testing"
)

func TestParseFiscalYear(t *testing.T) {
	tests := []struct {
		in   string
		want string // year, or "-" when not ok
	}{
		{"令和4年度", "2022"},
		{"令和元年度", "2019"},
		{"平成15年度", "2003"},
		{"昭和63年度", "1988"},
		{"2022年度", "2022"},
		{"２０２２年度", "2022"},
		{"令和４年度", "2022"},
		{"H30年度", "2018"},
		{"R4年度", "2022"},
		{"Ｒ４年度", "2022"},
		{"令和四年度", "2022"},
		{"平成二十三年度", "2011"},
		{"二〇二二年度", "2022"},
		{"平成32年度", "2020"}, // plans written before 2019 keep counting
		{"令和4年度政策企画室運営方針", "2022"},
		{"令和4年度\n(2022年度)", "2022"},
		{"平成15年第１回定例市議会において、平成15年度の予算関係議案", "2003"},
		{"令和７年度桐生市議会第１回定例会", "2025"},
		{"令和0年度", "-"},
		{"昭和65年度", "-"},
		{"23年度を取組内容", "-"}, // bare: needs ResolveBareYear
		{"1800年度", "-"},
		{"CH30年度", "-"},
		{"令和5年6月9日", "-"}, // a date, not a fiscal year
		{"", "-"},
	}
	for _, tt := range tests {
		y, ok := ParseFiscalYear(tt.in)
		got := "-"
		if ok {
			got = fmt.Sprint(y)
		}
		if got != tt.want {
			t.Errorf("ParseFiscalYear(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestResolveBareYear(t *testing.T) {
	tests := []struct {
		n, ref int
		want   string
	}{
		{23, 0, "-"},       // seed 002 alone: unknown
		{23, 2012, "2011"}, // 平成23 is closest to a 2012 publication
		{23, 2011, "2011"},
		{23, 2024, "2023"}, // 20xx shorthand in a recent document
		{23, 2017, "-"},    // 平成23 (2011) and 2023 are equally far: ambiguous
		{30, 2017, "2018"},
		{6, 2024, "2024"}, // 令和6
		{4, 1990, "1992"}, // 平成4
		{60, 1984, "1985"},
		{50, 2024, "-"}, // nothing within ten years
		{23, 3000, "-"},
	}
	for _, tt := range tests {
		y, ok := ResolveBareYear(tt.n, tt.ref)
		got := "-"
		if ok {
			got = fmt.Sprint(y)
		}
		if got != tt.want {
			t.Errorf("ResolveBareYear(%d, %d) = %s, want %s", tt.n, tt.ref, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023年6月9日", "2023-06-09"},
		{"令和5年6月9日", "2023-06-09"},
		{"(令和5年6月9日)", "2023-06-09"},
		{"令和元年5月1日", "2019-05-01"},
		{"令和五年六月九日", "2023-06-09"},
		{"２０２４年４月１５日", "2024-04-15"},
		{"2024.04.15", "2024-04-15"},
		{"2024/4/15", "2024-04-15"},
		{"2024-04-15", "2024-04-15"},
		{"2024年10月号", "2024-10"},
		{"広報くらしき 2024年10月号", "2024-10"},
		{"平成１５年５月１５日（木曜日）", "2003-05-15"},
		{"広報あつぎ 第1421号（2024年4月15日発行）", "2024-04-15"},
		{"2023年13月1日", "-"},
		{"2023年2月30日", "-"},
		{"2024年2月29日", "2024-02-29"},
		{"2023年0月10日", "-"},
		{"2024.04-15", "-"}, // mixed separators: not one date
		{"令和0年1月1日", "-"},
		{"1200年1月1日", "-"},
		{"ページ番号:565272", "-"},
		{"", "-"},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if !ok {
			got = "-"
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestFiscalYearOf(t *testing.T) {
	for in, want := range map[string]int{"2024-04-15": 2024, "2025-01-15": 2024, "2025-03-31": 2024, "2025-04-01": 2025, "2024-10": 2024} {
		if got, _ := fiscalYearOf(in); got != want {
			t.Errorf("fiscalYearOf(%s) = %d, want %d", in, got, want)
		}
	}
}
