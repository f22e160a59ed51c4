package source

import (
	"html"
	"regexp"
	"strings"
)

// looksTSV reports whether a text file is a table export: at least two
// lines hold tabs, and lines with tabs are at least a third of all lines.
func looksTSV(text string) bool {
	tabbed, lines := 0, 0
	for _, line := range strings.Split(text, "\n") {
		if trim(line) == "" {
			continue
		}
		lines++
		if strings.Contains(line, "\t") {
			tabbed++
		}
	}
	return tabbed >= 2 && 3*tabbed >= lines
}

// readTSV reads a tab-separated table export, one document for the file:
// every cell is a TableCell (a cell of several <p> parts gives one block
// per part), lines without tabs are paragraphs; the last short line above
// the first row is the title.
func readTSV(text, enc string, emit func(Source) error) error {
	var bs blocks
	caption, inTable := "", false
	for _, line := range strings.Split(text, "\n") {
		if !strings.Contains(line, "\t") {
			for _, part := range htmlParts(line) {
				bs.add(Paragraph, 0, part)
				if !inTable {
					caption = part
				}
			}
			continue
		}
		inTable = true
		for _, cell := range strings.Split(line, "\t") {
			for _, part := range htmlParts(cell) {
				bs.add(TableCell, 0, part)
			}
		}
	}
	return emitText(enc, emit, Source{Title: tableCaption(caption), Blocks: bs})
}

// tableCaption is the title a table export states above its first row (the
// caption or heading "2 区役所・市役所力の強化"), never its header row; a long
// line there is text, not a caption.
func tableCaption(line string) string {
	if n := len([]rune(line)); n == 0 || n > 60 {
		return ""
	}
	return line
}

var (
	paragraphTag = regexp.MustCompile(`(?i)</?p(\s[^>]*)?>|<br\s*/?>`)
	anyTag       = regexp.MustCompile(`<[a-zA-Z/!][^>]*>`)
)

// htmlParts splits a cell at <p>, </p> and <br>, strips the other tags,
// unescapes entities and returns the non-empty parts.
func htmlParts(cell string) []string {
	var out []string
	for _, part := range paragraphTag.Split(cell, -1) {
		part = trim(html.UnescapeString(anyTag.ReplaceAllString(part, "")))
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}
