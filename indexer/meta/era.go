package meta

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// Bounds of any year this package returns; anything outside is a misreading.
const (
	minYear = 1868 // 明治元年
	maxYear = 2100
)

// era is a Japanese era with the Western year of its year 0 and the highest
// year number still seen in real documents (plans written before an era
// ended keep counting: 平成32年度 = 2020 is common).
type era struct {
	name   string
	abbrev string
	base   int
	max    int
}

var eras = []era{
	{"令和", "R", 2018, maxYear - 2018},
	{"平成", "H", 1988, 45},
	{"昭和", "S", 1925, 64},
}

var (
	// reEraFY matches an era fiscal year: 令和4年度, 平成元年度, R4年度, H30年度.
	reEraFY = regexp.MustCompile(`(令和|平成|昭和|[RHS])\s*\.?\s*(元|\d{1,3})\s*年度`)
	// reWesternFY matches 2022年度.
	reWesternFY = regexp.MustCompile(`(\d+)\s*年度`)
	// reKanjiNum is a kanji numeral directly before 年, 月 or 日.
	reKanjiNum = regexp.MustCompile(`[〇零一二三四五六七八九十百千]+[年月日]`)
)

// normalize narrows full-width digits and letters (２０２２ → 2022, Ｒ → R)
// and turns kanji numerals before 年/月/日 into digits (令和四年度 → 令和4年度).
// Its output is for parsing only, never for display or offsets.
func normalize(s string) string {
	s = width.Fold.String(s) // full-width ASCII to narrow, half-width kana to wide (Narrow would turn ツ into ﾂ)
	return reKanjiNum.ReplaceAllStringFunc(s, func(m string) string {
		r := []rune(m)
		n, ok := kanjiNumber(string(r[:len(r)-1]))
		if !ok {
			return m
		}
		return strconv.Itoa(n) + string(r[len(r)-1])
	})
}

var kanjiDigit = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// kanjiNumber reads 二十三 (23), 十 (10), 百五 (105) or positional 二〇二二 (2022).
func kanjiNumber(s string) (int, bool) {
	if !strings.ContainsAny(s, "十百千") {
		n := 0
		for _, r := range s {
			n = n*10 + kanjiDigit[r]
		}
		return n, s != ""
	}
	total, cur := 0, 0
	for _, r := range s {
		switch r {
		case '十', '百', '千':
			mult := map[rune]int{'十': 10, '百': 100, '千': 1000}[r]
			if cur == 0 {
				cur = 1
			}
			total += cur * mult
			cur = 0
		default:
			cur = cur*10 + kanjiDigit[r]
		}
	}
	return total + cur, true
}

// eraYear converts an era name (or its one-letter abbreviation) and a year
// number ("元" or digits) to a Western year.
func eraYear(name, num string) (int, bool) {
	n := 1
	if num != "元" {
		var err error
		if n, err = strconv.Atoi(num); err != nil {
			return 0, false
		}
	}
	for _, e := range eras {
		if name == e.name || name == e.abbrev {
			if n < 1 || n > e.max {
				return 0, false
			}
			return e.base + n, true
		}
	}
	return 0, false
}

// ParseFiscalYear finds the first fiscal year (年度) stated in s and returns
// it as a Western year: 令和4年度 → 2022, 令和元年度 → 2019, 平成15年度 → 2003,
// 昭和63年度 → 1988, 2022年度 and ２０２２年度 → 2022, R4年度 → 2022,
// H30年度 → 2018, 令和四年度 → 2022. A bare 23年度 has no era and is not
// accepted here (see ResolveBareYear); neither is 令和0年度 or a year outside
// 1868..2100.
func ParseFiscalYear(s string) (year int, ok bool) {
	s = normalize(s)
	best, bestAt := 0, -1
	for _, m := range reEraFY.FindAllStringSubmatchIndex(s, -1) {
		name := s[m[2]:m[3]]
		if len(name) == 1 && m[2] > 0 && isASCIIAlnum(s[m[2]-1]) {
			continue // "CH30年度", "ABS4年度": not an era abbreviation
		}
		if y, ok := eraYear(name, s[m[4]:m[5]]); ok {
			best, bestAt = y, m[0]
			break
		}
	}
	for _, m := range reWesternFY.FindAllStringSubmatchIndex(s, -1) {
		if bestAt >= 0 && m[0] > bestAt {
			break
		}
		digits := s[m[2]:m[3]]
		y, _ := strconv.Atoi(digits)
		if len(digits) == 4 && y >= minYear && y <= maxYear {
			return y, true
		}
	}
	return best, bestAt >= 0
}

func isASCIIAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// bareFiscalYear finds the first fiscal year written without an era, as in
// 「23年度を取組内容」, and returns its number (23).
func bareFiscalYear(s string) (int, bool) {
	s = normalize(s)
	for _, m := range reWesternFY.FindAllStringSubmatchIndex(s, -1) {
		digits := s[m[2]:m[3]]
		if len(digits) > 2 || precededByEra(s[:m[2]]) {
			continue
		}
		n, _ := strconv.Atoi(digits)
		return n, true
	}
	return 0, false
}

// precededByEra reports whether before ends with an era name, an era
// abbreviation, a digit or a dot (so the number is part of something larger).
func precededByEra(before string) bool {
	before = strings.TrimRight(before, " ")
	for _, e := range eras {
		if strings.HasSuffix(before, e.name) {
			return true
		}
	}
	if before == "" {
		return false
	}
	return isASCIIAlnum(before[len(before)-1]) || before[len(before)-1] == '.'
}

// maxBareDistance is how far (in years) a resolved bare year may lie from
// the reference year. Documents speak of the years around the one they were
// written in; beyond a decade the guess is no longer honest.
const maxBareDistance = 10

// ResolveBareYear gives a bare year number n (「23年度」, no era) a Western
// year, using ref, a Western year known from the document's context (its
// publication date, an era year stated elsewhere in it, or the operator's
// default year). The candidates are 令和n, 平成n, 昭和n (each within its
// era's range), 19nn and 20nn; the one closest to ref wins if it lies within
// maxBareDistance years of ref and no other candidate is equally close.
// Without a plausible ref (0 or outside 1868..2100) the year stays unknown.
func ResolveBareYear(n int, ref int) (int, bool) {
	if ref < minYear || ref > maxYear || n < 0 || n > 99 {
		return 0, false
	}
	var cands []int
	for _, e := range eras {
		if n >= 1 && n <= e.max {
			cands = append(cands, e.base+n)
		}
	}
	cands = append(cands, 1900+n, 2000+n)
	best, bestD, tie := 0, maxBareDistance+1, false
	for _, c := range cands {
		d := abs(c - ref)
		switch {
		case d < bestD:
			best, bestD, tie = c, d, false
		case d == bestD && c != best:
			tie = true
		}
	}
	if bestD > maxBareDistance || tie {
		return 0, false
	}
	return best, true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// reEraAnyYear matches an era year in any use: 平成23年, 令和5年6月9日.
var reEraAnyYear = regexp.MustCompile(`(令和|平成|昭和)\s*(元|\d{1,2})\s*年`)
