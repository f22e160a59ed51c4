package meta

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

var reISO = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$`)

func checkMetadata(t *testing.T, m Metadata) {
	t.Helper()
	if m.FiscalYear != 0 && !validYear(m.FiscalYear) {
		t.Errorf("FiscalYear %d outside %d..%d", m.FiscalYear, minYear, maxYear)
	}
	if m.Published != "" && !reISO.MatchString(m.Published) {
		t.Errorf("Published %q is not YYYY-MM[-DD]", m.Published)
	}
	if !utf8.ValidString(m.City) || !utf8.ValidString(m.Department) {
		t.Errorf("invalid UTF-8 in %q %q", m.City, m.Department)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("令和4年度政策企画室運営方針", "2023年6月9日\n本市をとりまく状況\n問合せ先: 大阪市 政策企画室秘書部", "")
	f.Add("", "事項\t23年度を取組内容\n大阪市協働指針をふまえた協働事業", "")
	f.Add("募集", "花と緑", "2025.01.15")
	f.Add("桐生市議会 平成15年第1回定例会 市長発言", "発言者: 大澤善隆（市長）\n平成15年度の予算", "")
	f.Fuzz(func(t *testing.T, title, text, published string) {
		m := Extract(Input{Title: title, Text: text, Hints: Metadata{Published: published}}, Metadata{})
		checkMetadata(t, m)
		if m.City != "" && !IsMunicipality(m.City) {
			t.Errorf("City %q is not in the table", m.City)
		}
	})
}

func FuzzParseFiscalYear(f *testing.F) {
	for _, s := range []string{"令和4年度", "平成元年度", "H30年度", "２０２２年度", "令和四年度", "23年度", "令和0年度"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if y, ok := ParseFiscalYear(s); ok != (y != 0) || ok && !validYear(y) {
			t.Errorf("ParseFiscalYear(%q) = %d, %v", s, y, ok)
		}
		if n, ok := bareFiscalYear(s); ok {
			if y, ok := ResolveBareYear(n, 2020); ok && !validYear(y) {
				t.Errorf("ResolveBareYear(%d) = %d", n, y)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023年6月9日", "令和5年6月9日", "2024.04.15", "2024年10月号", "2023年2月30日", "令和五年六月九日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if iso, ok := ParseDate(s); ok && !reISO.MatchString(iso) || !ok && iso != "" {
			t.Errorf("ParseDate(%q) = %q, %v", s, iso, ok)
		}
	})
}
