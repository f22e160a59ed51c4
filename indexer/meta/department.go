package meta

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unitSuffixes end the name of an organisational unit, longest first so that
// 市長公室 ends at 公室 and 教育委員会事務局 at 委員会事務局.
var unitSuffixes = []string{"委員会事務局", "区役所", "委員会", "本部", "公室", "局", "部", "室", "課"}

// notUnits are words that end like a unit but name none.
var notUnits = map[string]bool{
	"一部": true, "全部": true, "内部": true, "外部": true, "幹部": true, "本部": true,
	"北部": true, "南部": true, "東部": true, "西部": true, "中部": true, "学部": true,
	"区役所": true, "市役所": true, "役所": true, "委員会": true, "部局": true, "各局": true, "各部": true,
	"会議室": true, "教室": true, "賦課": true, "日課": true, "和室": true, "事務局": true, "当局": true, "同局": true,
}

// notUnitNext are runes that, right after a suffix, show it was part of
// another word: 課題, 部分, 局面, 室内, 部門, 部品.
var notUnitNext = map[string]bool{"課題": true, "課税": true, "部分": true, "部品": true, "部門": true,
	"局面": true, "室内": true, "部会": true, "課後": true}

// reNonUnit removes what never belongs to a unit name before the search:
// fiscal years, dates and numbering.
var reNonUnit = regexp.MustCompile(`(令和|平成|昭和|[RHS])?\s*\.?\s*(元|\d+)\s*年度?|\(\d+年度\)|第\d+次`)

// departmentIn returns the top organisational unit named in s: the first
// unit in reading order, because Japanese writes the hierarchy from the top
// down (市民局総務部総務担当 → 市民局). Municipality and prefecture names are
// removed first (大阪市 政策企画室… → 政策企画室).
func departmentIn(s string) string {
	s = reNonUnit.ReplaceAllString(normalize(s), " ")
	r := []rune(removePlaces(s))
	unit := unitRunes(r)
	start := 0
	for i := 0; i < len(r); i++ {
		if !unit[i] {
			start = i + 1
			continue
		}
		for _, suf := range unitSuffixes {
			sr := []rune(suf)
			if i+len(sr) > len(r) || string(r[i:i+len(sr)]) != suf {
				continue
			}
			name := string(r[start : i+len(sr)])
			if d, ok := unitName(name, r, i+len(sr)); ok {
				return d
			}
			start = i + len(sr)
			break
		}
	}
	return ""
}

func unitName(name string, r []rune, end int) (string, bool) {
	if len([]rune(name)) < 2 || notUnits[name] || strings.HasSuffix(name, "教室") {
		return "", false
	}
	if end < len(r) {
		last := []rune(name)
		if notUnitNext[string(last[len(last)-1])+string(r[end])] {
			return "", false
		}
	}
	return name, true
}

// kanaInUnits are the hiragana words that occur inside unit names
// (こども青少年局, くらし安全課); other hiragana ends a name, so that a
// phrase such as 緑に親しもう教室 is no unit.
var kanaInUnits = []string{"こども", "くらし", "まちづくり", "いきいき", "みどり"}

// unitRunes marks the runes that may be part of a unit name: kanji,
// katakana, ー and the hiragana of kanaInUnits.
func unitRunes(r []rune) []bool {
	ok := make([]bool, len(r))
	for i, c := range r {
		ok[i] = isHan(c) || unicode.Is(unicode.Katakana, c) || c == 'ー'
	}
	s := string(r)
	for _, w := range kanaInUnits {
		at := 0 // rune index of s[off:], counted as the search moves on
		for off := 0; ; {
			j := strings.Index(s[off:], w)
			if j < 0 {
				break
			}
			at += utf8.RuneCountInString(s[off : off+j])
			n := utf8.RuneCountInString(w)
			for k := range n {
				ok[at+k] = true
			}
			at += n
			off += j + len(w)
		}
	}
	return ok
}

// removePlaces blanks out municipality and prefecture names.
func removePlaces(s string) string {
	r := []rune(s)
	for i := 0; i < len(r); {
		name, n := places.longestAt(r, i)
		if n == 0 || places.kind[name] != "" && !acceptable(r, i, n, name, places.kind[name]) {
			i++
			continue
		}
		for j := i; j < i+n; j++ {
			r[j] = ' '
		}
		i += n
	}
	return string(r)
}

// speakerDepartment recognises the two bodies a speech or minutes belong
// to when the header says so: a mayor's speech (市長発言, 発言者: …（市長）)
// is 市長; assembly minutes (…議会…会議録/定例会/臨時会) are 議会.
func speakerDepartment(header []string) string {
	joined := normalize(strings.Join(header, "\n"))
	switch {
	case strings.Contains(joined, "市長発言") || regexp.MustCompile(`発言者:[^\n]*\(市長\)`).MatchString(joined):
		return "市長"
	case strings.Contains(joined, "議会") && (strings.Contains(joined, "会議録") || strings.Contains(joined, "定例会") || strings.Contains(joined, "臨時会")):
		return "議会"
	}
	return ""
}
