package minutes

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// The values of a speech's role (the same as indexer.RoleQuestion, …:
// this package cannot import indexer).
const (
	Question = "question"
	Answer   = "answer"
	Chair    = "chair"
)

// mark is a speaker mark at the start of a block, as the minutes write it.
type mark struct {
	symbol rune   // ○ (or ◯ 〇), ◆ or ◎
	name   string // as written, spaces dropped; "" when the mark gives a title only
	title  string // the title the mark gives; "" when it gives a name only
	member bool   // the mark says the speaker is a member: 「１番（…）」, 「（山田太郎議員）」
	end    int    // byte offset in the block text where the speech itself starts
	// word is the mark's one word when it has no brackets (日向委員長,
	// 総務委員長, 蛭間利雄): a surname and a title written together, a title,
	// or a name, which only the minutes around it tell apart (compact).
	word string
}

// reMark reads the marks minutes systems write:
//
//	○区長（森澤恭子君）　…    title, name in brackets (君, 議員 or nothing after it)
//	◆１番（山田太郎議員）　…  a member by seat number
//	◎市長（鈴木一郎）　…
//	○蛭間利雄　…            a name alone (kiryu's records), or a title alone
//	                        (○議長　…, ◎総務部長　…)
var reMark = regexp.MustCompile(`^[ 　]*([○◯〇◆◎])(?:([^ 　\n（(]{1,20})[（(]([^）)\n]{1,20})[）)][ 　]*|([^ 　\n]{1,20})(?:[ 　]+|\n|$))`)

// notSpeakers are words in a speaker's place that name no one: kiryu's
// records mark an agenda item resumed after a break 「○続行　」.
var notSpeakers = map[string]bool{"続行": true, "開議": true, "散会": true, "閉会": true, "休憩": true, "再開": true, "日程": true}

// reQualified reads a surname told apart from a namesake's by a letter of
// the given name in brackets, then the title, as committee minutes write
// two members of one surname: 「○石田（秀）委員長　」, 「○高橋（し）委員　」.
var reQualified = regexp.MustCompile(`^[ 　]*([○◯〇◆◎])([^ 　\n（(]{1,6})[（(]([^）)\n]{1,2})[）)]([^ 　\n（(]{1,16})(?:[ 　]+|\n|$)`)

// readMark reads the speaker mark at the start of text.
func readMark(text string) (mark, bool) {
	if q := reQualified.FindStringSubmatchIndex(text); q != nil {
		surname, letter, title := squeeze(text[q[4]:q[5]]), squeeze(text[q[6]:q[7]]), squeeze(text[q[8]:q[9]])
		if nameChars(surname) && nameChars(letter) && titleWord(title) {
			return mark{symbol: []rune(text[q[2]:q[3]])[0], name: surname + "（" + letter + "）", title: title,
				member: title == "議員" || title == "委員", end: q[1]}, true
		}
	}
	m := reMark.FindStringSubmatchIndex(text)
	if m == nil {
		return mark{}, false
	}
	mk := mark{end: m[1]}
	mk.symbol = []rune(text[m[2]:m[3]])[0]
	if m[4] >= 0 {
		title := squeeze(text[m[4]:m[5]])
		name := squeeze(text[m[6]:m[7]])
		for _, suffix := range []string{"議員", "委員", "君", "氏", "さん"} {
			if n, ok := strings.CutSuffix(name, suffix); ok && n != "" {
				if suffix == "議員" {
					mk.member = true
				}
				name = n
				break
			}
		}
		if isSeat(title) {
			title, mk.member = "議員", true
		}
		if !plausibleName(name) || !plausibleTitle(title) {
			return mark{}, false
		}
		mk.name, mk.title = name, title
		return mk, true
	}
	word := squeeze(text[m[8]:m[9]])
	if notSpeakers[word] {
		return mark{}, false
	}
	// 「○石川健太君　」: a name with its honorific, as the Diet's minutes
	// and those after them mark a member
	if n, ok := strings.CutSuffix(word, "君"); ok && plausibleName(n) {
		word = n
	}
	mk.word = word
	switch {
	case isSeat(word):
		mk.title, mk.member = "議員", true
		// 「○７番　村田恵子君　」: the seat, then the name
		if n := reSeatName.FindStringSubmatchIndex(text[m[1]:]); n != nil && plausibleName(squeeze(text[m[1]+n[2]:m[1]+n[3]])) {
			mk.name = squeeze(text[m[1]+n[2] : m[1]+n[3]])
			mk.end = m[1] + n[1]
		}
	case isBareTitle(word):
		mk.title = word
	case plausibleName(word):
		mk.name = word
	default:
		return mark{}, false
	}
	return mk, true
}

// squeeze drops the spaces of letter-spaced or surname-spaced text
// (森　智広 → 森智広, 総 務 部長 → 総務部長).
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// reSeat is a member named by seat number: 5番, ５番, 十五番, 百二番 (the
// Tokyo Metropolitan Assembly's 127 seats).
var reSeat = regexp.MustCompile(`^(?:[0-9０-９]{1,3}|[一二三四五六七八九十百〇]{1,6})番$`)

// reSeatName: a name with its honorific after a seat number and a space,
// then a space (「○７番　村田恵子君　」).
var reSeatName = regexp.MustCompile(`^([^ 　\n（(]{1,12}?)(?:君|議員)(?:[ 　]+|\n|$)`)

func isSeat(s string) bool { return reSeat.MatchString(s) }

// reNoName: words in a speaker's place that name an item or a body, not
// a person (kiryu's records mark sub-items so: 「○総務委員会　」,
// 「○議案第２号及び議案第３号　」).
var reNoName = regexp.MustCompile(`(?:委員会|議会|会議|審議会|協議会|案|件|号|報告|質疑|討論|表決|採決|選挙|について|説明|付託|質問)$|第|及び|並びに`)

// plausibleName: a person's name as minutes write it, kanji and kana
// (ヶ, 々 and the like) of 2 to 12 characters, nothing that is a sentence,
// an agenda item or a body.
func plausibleName(s string) bool {
	if reNoName.MatchString(s) {
		return false
	}
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 12 && nameChars(s)
}

// nameChars: kanji and kana only, with the marks names use.
func nameChars(s string) bool {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		case r == 'ー' || r == '・' || r == '々' || r == 'ヶ' || r == '〆':
		default:
			return false
		}
	}
	return true
}

// plausibleTitle: a title is a name of an office, not a sentence.
func plausibleTitle(s string) bool {
	if s == "" || len([]rune(s)) > 20 {
		return false
	}
	return !strings.ContainsAny(s, "。、，,.")
}

// fold narrows full-width digits and letters (for matching only).
func fold(s string) string { return width.Fold.String(s) }

// Compact marks. Committee minutes, and some plenary ones, write the
// speaker as a surname and a title together with nothing between
// (「○日向委員長　」, 「○鈴木委員　」, 「○佐藤市長　」, 「○高橋福祉局長　」); other
// minutes write a title alone the same way (「○総務委員長　」: the chair of
// the 総務委員会 reporting, 「○企画部長　」). A mark's one word is read as a
// surname and a title when
//
//   - the roster writes that title, then a name starting with that
//     surname (「福祉局長　高橋次郎君」 for ○高橋福祉局長); or
//   - the chair's speech before it gives the floor by that title
//     (「○小野寺委員長　道路課長。」, then 「○西川道路課長　」); or
//   - it ends in a title only one person holds or that names no unit
//     (standalone: 委員長, 委員, 議員, 市長, 教育長, …) and what comes before
//     it reads as a surname: one to four characters of a name, not the
//     name of a body (総務, 予算特別, 教育民生 — words committees and units
//     are named with — nor any P of a P委員会 or P分科会 the minutes
//     mention).
//
// A unit's head that neither the roster nor the chair names
// (○高橋健康福祉部長) is not split: where the surname ends is not known; the
// word stays a title.

// standalone are the titles a compact mark may end with when no roster
// says so, longest first.
var standalone = func() []string {
	ts := []string{"議長", "副議長", "委員長", "副委員長", "委員", "議員", "分科会長", "副分科会長", "座長",
		"市長", "区長", "町長", "村長", "知事", "副市長", "副区長", "副町長", "副村長", "副知事",
		"教育長", "会計管理者", "消防長", "事務局長", "監査委員", "代表監査委員", "教育委員長", "選挙管理委員長", "選挙管理委員会委員長"}
	sort.Slice(ts, func(i, j int) bool { return len(ts[i]) > len(ts[j]) })
	return ts
}()

// reBody: the words committees and units are named with (総務委員長,
// 予算特別委員長, 議会運営委員長), which no surname ends with.
var reBody = regexp.MustCompile(`(?:総務|文教|厚生|建設|経済|環境|予算|決算|運営|特別|常任|福祉|教育|産業|民生|都市|企画|市民|区民|町民|生活|水道|交通|防災|広報|広聴|財政|行政|改革|調査|対策|審査|議会|計画|観光|農林|商工|消防|整備|保健|健康|文化|基地|病院|子ども|協議|委員会)$`)

// compact reads a mark's one word as a surname and a title (see above);
// roster is the header's lines, spaces dropped; floor is the title the
// speech before gave the floor to ("" if it gave none); mentions reports
// whether the minutes write a word.
func compact(mk mark, roster []string, floor string, mentions func(string) bool) mark {
	w := mk.word
	if w == "" || isSeat(w) || exactTitle(w) {
		return mk
	}
	if p, ok := strings.CutSuffix(w, floor); ok && floor != "" && surname(p) && titleWord(floor) {
		return split(mk, p, floor)
	}
	rs := []rune(w)
	for i := 1; i <= 4 && i <= len(rs)-2; i++ {
		p, t := string(rs[:i]), string(rs[i:])
		if !surname(p) || !titleWord(t) {
			continue
		}
		for _, l := range roster {
			if strings.Contains(l, t+p) {
				return split(mk, p, t)
			}
		}
	}
	if name, title, ok := committeeChair(w, mentions); ok {
		return split(mk, name, title)
	}
	for _, t := range standalone {
		p, ok := strings.CutSuffix(w, t)
		if !ok || !(surname(p) || memberName(p, t)) || reBody.MatchString(p) || reNoName.MatchString(p) || mentions(p+"委員会") || mentions(p+"分科会") {
			continue
		}
		return split(mk, p, t)
	}
	return mk
}

// memberName: before 議員 or 委員 a mark may write a member's whole name,
// given name and all (「○安藤たい作議員　」, 「○鈴木ひろ子委員　」), as
// minutes that write members so do for every member.
func memberName(p, title string) bool {
	return (title == "議員" || title == "委員") && plausibleName(p) && utf8.RuneCountInString(p) <= 8
}

// committeeChair reads a committee's chair named by surname and
// committee together (「○つる文教委員長　」, 「○高橋区民委員長　」,
// 「○まつざわ予算特別委員長　」): a surname of one to four characters, then
// a committee the minutes name (文教委員会), then 委員長 or 副委員長; the
// committee's name starts with a kanji or katakana, so that 「付託される
// 文教委員会」 does not name a る文教委員会. The longest such name is taken. A word
// that is itself a committee's chair (新庁舎整備特別委員長, when the minutes
// name the 新庁舎整備特別委員会) is not cut.
func committeeChair(w string, mentions func(string) bool) (name, title string, ok bool) {
	for _, t := range []string{"副委員長", "委員長"} {
		p, ok := strings.CutSuffix(w, t)
		if !ok {
			continue
		}
		if p == "" || mentions(p+"委員会") {
			return "", "", false
		}
		rs := []rune(p)
		for i := 1; i <= 4 && i <= len(rs)-2; i++ {
			sur, body := string(rs[:i]), string(rs[i:])
			if surname(sur) && !reBody.MatchString(sur) && !reNoName.MatchString(sur) &&
				!unicode.Is(unicode.Hiragana, rs[i]) && mentions(body+"委員会") {
				return sur, body + t, true
			}
		}
		return "", "", false
	}
	return "", "", false
}

func split(mk mark, name, title string) mark {
	mk.name, mk.title = name, title
	mk.member = mk.member || title == "議員"
	return mk
}

// surname: one to four characters of a name.
func surname(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 1 && n <= 4 && nameChars(s)
}

// exactTitle: a word that is a title as a whole (副委員長, not 副 and 委員長;
// 教育委員長, 選挙管理委員長).
func exactTitle(w string) bool {
	return plenaryChairs[w] || committeeChairs[w] || w == "座長" || w == "議員" || w == "委員" ||
		executiveCommittees[w] || reExecutiveCommittee.MatchString(w) || reHead.MatchString(w)
}

// titleWord: a word that reads as a title of the roster.
func titleWord(t string) bool {
	return exactTitle(t) || roleOf(t, false) != "" || roleOf(t, true) != "" || reStaff.MatchString(t)
}
