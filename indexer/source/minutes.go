package source

import (
	"regexp"
	"strings"
)

// Minutes are speeches joined, each starting with a speaker mark: 「○蛭間利雄　」
// (kiryu's records), 「○区長（森澤恭子君）　」, 「◆１番（山田太郎議員）　」,
// 「◎市長（鈴木一郎）　」. A header of the meeting, its agenda and the
// attendance lists comes before the first speech, "△" lines mark agenda
// items and indented lines in （） or 〔〕 note what happened.

// speechStart matches the start of a speech: a mark, then a speaker
// that is a title with a name in brackets (区長（森澤恭子君）, closing the
// mark), a word up to a space (蛭間利雄　), or a title, seat or name with
// its honorific alone on its line, the speech below it (○議長, ○３番,
// ○佐藤花子君: some systems print the mark on a line of its own). A word
// alone must end as titles, seats and honorifics do (長, 員, 監, 者, 事,
// 幹, 与, 番, 君): ◎ and ○ also head agenda items (◎開議の宣告).
var speechStart = regexp.MustCompile(`(?m)^[ 　]*[○◯〇◆◎](?:[^ 　\n（(]{1,20}[（(][^）)\n]{1,20}[）)]|[^ 　\n]{1,20}[ 　]|[^ 　\n]{0,19}[長員監者事幹与番君]$)`)

func hasSpeeches(text string) bool {
	return speechStart.MatchString(text)
}

// reMinutesHeader is what the top of a file of minutes says it is.
var reMinutesHeader = regexp.MustCompile(`会議録|議事録|定例会|臨時会|委員会|定例月議会`)

// NamesMeeting reports whether a title names a meeting or its record
// (会議録, 定例会, 委員会 …).
func NamesMeeting(title string) bool { return reMinutesHeader.MatchString(title) }

// looksMinutes reports whether a text file is minutes: its first lines
// name a meeting record (会議録, 定例会, 委員会 …) and at least three lines
// start a speech. A notice with 「○対象　…」 lines names no meeting.
func looksMinutes(text string) bool {
	if !reMinutesHeader.MatchString(strings.Join(headerLines(text, 15), "\n")) {
		return false
	}
	return len(speechStart.FindAllStringIndex(text, 3)) >= 3
}

// readMinutesFile reads a text file of minutes: the header and the stage
// notes are its Front, the first header line naming the record its title.
func readMinutesFile(text string) Source {
	var s Source
	s.Blocks, s.Front = readMinutes(text)
	for _, l := range s.Front {
		t := trim(l)
		if t == "" {
			continue
		}
		if reMinutesHeader.MatchString(t) && titleLike(t) {
			s.Title = t
		}
		break
	}
	if s.Title == "" {
		for _, l := range headerLines(text, 5) {
			if reMinutesHeader.MatchString(l) && titleLike(l) {
				s.Title = l
				break
			}
		}
	}
	return s
}

// readMinutes returns one Speech block per speech (speaker mark kept,
// continuation lines joined by "\n"), agenda items as Heading blocks of
// unknown level, and the Front: the header before the first speech and
// every stage note, as written.
func readMinutes(text string) (blocks, []string) {
	var front []string
	if loc := speechStart.FindStringIndex(text); loc != nil {
		for _, l := range strings.Split(text[:loc[0]], "\n") {
			front = append(front, strings.TrimRight(l, " 　\t\r"))
		}
		text = text[loc[0]:]
	}
	var bs blocks
	inSpeech := false
	for _, line := range strings.Split(text, "\n") {
		t := trim(line)
		switch {
		case t == "":
		case isStageNote(t):
			front = append(front, t)
		case speechStart.MatchString(line):
			bs.add(Speech, 0, t)
			inSpeech = true
		case strings.HasPrefix(t, "△"):
			bs.add(Heading, 0, strings.TrimPrefix(t, "△"))
			inSpeech = false
		case inSpeech:
			bs.continueLast(t)
		default:
			bs.add(Paragraph, 0, t)
		}
	}
	return bs, front
}

// isStageNote reports whether a line is wholly a note in （） or 〔〕, such
// as （議場閉鎖） or 〔年長議員　蛭間利雄議長席へ着く〕.
func isStageNote(t string) bool {
	for _, p := range [][2]string{{"（", "）"}, {"〔", "〕"}} {
		if strings.HasPrefix(t, p[0]) && strings.HasSuffix(t, p[1]) && strings.Count(t, p[0]) == 1 {
			return true
		}
	}
	return false
}
