package meta

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

var (
	// Full dates: 2023年6月9日, 令和5年6月9日, 2024.04.15, 2024/4/15, 2024-04-15.
	reDateWestern = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reDateEra     = regexp.MustCompile(`(令和|平成|昭和)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reDateNumeric = regexp.MustCompile(`(\d{4})([./-])(\d{1,2})([./-])(\d{1,2})`)
	// Year and month only: 2024年10月号, 令和6年10月, 2024.10.
	reMonthWestern = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月`)
	reMonthEra     = regexp.MustCompile(`(令和|平成|昭和)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月`)
	reMonthNumeric = regexp.MustCompile(`(\d{4})[./-](\d{1,2})`)
	// What follows a year-month that was part of a (rejected) full date.
	reDayAfter        = regexp.MustCompile(`^\s*\d{1,2}\s*日`)
	reNumericDayAfter = regexp.MustCompile(`^[./-]\d`)
)

// ParseDate finds the first valid date in s and returns it as YYYY-MM-DD
// (2023年6月9日, 令和5年6月9日, 2024.04.15, 2024/4/15, 2024-04-15, also with
// full-width or kanji numerals). When s holds no full date it falls back to
// the first year and month (2024年10月号 → "2024-10"). Month, day and year
// (1868..2100) are validated: 2023年13月1日 and 2023年2月30日 are no dates.
func ParseDate(s string) (iso string, ok bool) {
	s = normalize(s)
	if iso, ok := firstDate(s, true); ok {
		return iso, true
	}
	return firstDate(s, false)
}

// firstDate returns the leftmost valid date (full dates when full, else
// year-months) in an already normalized s.
func firstDate(s string, full bool) (string, bool) {
	type cand struct {
		at  int
		iso string
	}
	var best *cand
	try := func(re *regexp.Regexp, conv func(s string, m []int) (string, bool)) {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if best != nil && m[0] >= best.at {
				return
			}
			if iso, ok := conv(s, m); ok {
				best = &cand{m[0], iso}
				return
			}
		}
	}
	if full {
		try(reDateWestern, func(s string, m []int) (string, bool) { return ymd(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]) })
		try(reDateEra, func(s string, m []int) (string, bool) {
			y, ok := eraYear(s[m[2]:m[3]], s[m[4]:m[5]])
			return ymdInt(y, ok, s[m[6]:m[7]], s[m[8]:m[9]])
		})
		try(reDateNumeric, func(s string, m []int) (string, bool) {
			if s[m[4]:m[5]] != s[m[8]:m[9]] || followedByDigit(s, m[1]) {
				return "", false // 2024.04-15 or 2024.04.150: not one date
			}
			return ymd(s[m[2]:m[3]], s[m[6]:m[7]], s[m[10]:m[11]])
		})
	} else {
		try(reMonthWestern, func(s string, m []int) (string, bool) {
			if reDayAfter.MatchString(s[m[1]:]) {
				return "", false // an invalid full date is no year-month either
			}
			return ym(s[m[2]:m[3]], s[m[4]:m[5]])
		})
		try(reMonthEra, func(s string, m []int) (string, bool) {
			y, ok := eraYear(s[m[2]:m[3]], s[m[4]:m[5]])
			if !ok || reDayAfter.MatchString(s[m[1]:]) {
				return "", false
			}
			return ym(strconv.Itoa(y), s[m[6]:m[7]])
		})
		try(reMonthNumeric, func(s string, m []int) (string, bool) {
			if followedByDigit(s, m[1]) || reNumericDayAfter.MatchString(s[m[1]:]) {
				return "", false
			}
			return ym(s[m[2]:m[3]], s[m[4]:m[5]])
		})
	}
	if best == nil {
		return "", false
	}
	return best.iso, true
}

func followedByDigit(s string, end int) bool {
	return end < len(s) && s[end] >= '0' && s[end] <= '9'
}

func ymd(ys, ms, ds string) (string, bool) {
	y, err := strconv.Atoi(ys)
	return ymdInt(y, err == nil, ms, ds)
}

func ymdInt(y int, ok bool, ms, ds string) (string, bool) {
	m, err1 := strconv.Atoi(ms)
	d, err2 := strconv.Atoi(ds)
	if !ok || err1 != nil || err2 != nil || y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 {
		return "", false
	}
	if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Day() != d {
		return "", false // 2月30日
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

func ym(ys, ms string) (string, bool) {
	y, err1 := strconv.Atoi(ys)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || y < minYear || y > maxYear || m < 1 || m > 12 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d", y, m), true
}

// fiscalYearOf returns the Japanese fiscal year (April to March) of an ISO
// date or year-month: 2024-04-15 → 2024, 2025-01-15 → 2024.
func fiscalYearOf(iso string) (int, bool) {
	if len(iso) < 7 {
		return 0, false
	}
	y, err1 := strconv.Atoi(iso[:4])
	m, err2 := strconv.Atoi(iso[5:7])
	if err1 != nil || err2 != nil {
		return 0, false
	}
	if m < 4 {
		y--
	}
	return y, y >= minYear && y <= maxYear
}

// yearOf returns the calendar year of an ISO date.
func yearOf(iso string) int {
	if len(iso) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(iso[:4])
	return y
}
