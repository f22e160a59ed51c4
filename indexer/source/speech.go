package source

import "strings"

// A speech file has a three-line header, then one paragraph a line:
//
//	桐生市議会 平成15年第1回定例会 03月05日　議案説明、予算総括質疑 市長発言（…）
//	発言者: 大澤善隆（市長）
//	出典: https://ssp.kaigiroku.net/tenant/kiryu/MinuteView.html?council_id=1&schedule_id=2
func looksSpeech(text string) bool {
	h := headerLines(text, 3)
	return len(h) == 3 && hasLabel(h[1], "発言者") && hasLabel(h[2], "出典")
}

// headerLines returns the first n non-empty lines of text, trimmed.
func headerLines(text string, n int) []string {
	var out []string
	for len(out) < n && text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if t := trim(line); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// hasLabel reports whether line starts with label and a colon.
func hasLabel(line, label string) bool {
	_, ok := cutLabel(line, label)
	return ok
}

// cutLabel returns what follows "label:" or "label：" in line.
func cutLabel(line, label string) (string, bool) {
	rest, ok := strings.CutPrefix(line, label)
	if !ok {
		return "", false
	}
	for _, colon := range []string{":", "："} {
		if v, ok := strings.CutPrefix(rest, colon); ok {
			return trim(v), true
		}
	}
	return "", false
}

// readSpeech reads a speech file: the header gives the title and the
// source address, the speaker line stays as a paragraph and every further
// line is a Speech block with its leading full-width spaces trimmed.
func readSpeech(text string) Source {
	var s Source
	var bs blocks
	n := 0
	for _, line := range strings.Split(text, "\n") {
		t := trim(line)
		if t == "" {
			continue
		}
		n++
		switch n {
		case 1:
			s.Title = t
		case 2:
			bs.add(Paragraph, 0, t)
		case 3:
			s.URL, _ = cutLabel(t, "出典")
		default:
			bs.add(Speech, 0, t)
		}
	}
	s.Blocks = bs
	return s
}
