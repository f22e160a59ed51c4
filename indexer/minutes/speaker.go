package minutes

import (
	"regexp"
	"strings"
	"unicode"

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

// readMark reads the speaker mark at the start of text.
func readMark(text string) (mark, bool) {
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
	switch {
	case isSeat(word):
		mk.title, mk.member = "議員", true
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

// reSeat is a member named by seat number: 5番, ５番, 十五番.
var reSeat = regexp.MustCompile(`^[0-9０-９一二三四五六七八九十]{1,3}番$`)

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
	n := 0
	for _, r := range s {
		n++
		switch {
		case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		case r == 'ー' || r == '・' || r == '々' || r == 'ヶ' || r == '〆':
		default:
			return false
		}
	}
	return n >= 2 && n <= 12
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
