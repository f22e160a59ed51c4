package source

import (
	"regexp"
	"strings"
)

// Minutes are speeches joined, each starting "○name　": a header of
// agenda and attendance lists comes before the first speech, "△" lines
// mark agenda items and indented lines in （） or 〔〕 note what happened.

// speechStart matches the start of a speech: "○蛭間利雄　…".
var speechStart = regexp.MustCompile(`(?m)^[ 　]*○[^ 　\n]{1,20}[ 　]`)

func hasSpeeches(text string) bool {
	return speechStart.MatchString(text)
}

// readMinutes drops the header before the first speech and returns one
// Speech block per speech (speaker kept, continuation lines joined by
// "\n"), agenda items as Heading blocks of unknown level.
func readMinutes(text string) blocks {
	if loc := speechStart.FindStringIndex(text); loc != nil {
		text = text[loc[0]:]
	}
	var bs blocks
	inSpeech := false
	for _, line := range strings.Split(text, "\n") {
		t := trim(line)
		switch {
		case t == "" || isStageNote(t):
		case strings.HasPrefix(t, "○"):
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
	return bs
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
