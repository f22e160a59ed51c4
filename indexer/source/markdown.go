package source

import (
	"regexp"
	"strings"
)

var (
	mdHeading = regexp.MustCompile(`^(#{1,6})[ \t　]+(.*?)[ \t#]*$`)
	mdItem    = regexp.MustCompile(`^[-*+][ \t　]+(.*)$`)
)

// looksMarkdown reports whether a text file is Markdown: it has "#"
// headings or several "- " list items.
func looksMarkdown(text string) bool {
	headings, items := 0, 0
	for _, line := range strings.Split(text, "\n") {
		switch {
		case mdHeading.MatchString(line):
			headings++
		case mdItem.MatchString(line):
			items++
		}
	}
	return headings > 0 || items >= 3
}

// readMarkdown reads Markdown converted from PDF: "#" headings with their
// level, "- " items (a further "・" or "◆" marker stripped, numbering such
// as "(1)" or "①" kept), lines right after an item continue it, and every
// other line is a paragraph of its own.
func readMarkdown(text string) Source {
	var bs blocks
	prevBlank := true
	for _, line := range strings.Split(text, "\n") {
		t := trim(line)
		switch m, item := mdHeading.FindStringSubmatch(t), mdItem.FindStringSubmatch(t); {
		case t == "":
		case m != nil:
			bs.add(Heading, len(m[1]), m[2])
		case item != nil:
			text, _ := cutBullet(trim(item[1]))
			bs.add(ListItem, 0, text)
		case !prevBlank && bs.last() == ListItem:
			bs.continueLast(t)
		default:
			bs.add(Paragraph, 0, t)
		}
		prevBlank = t == ""
	}
	return Source{Title: markdownTitle(bs), Blocks: bs}
}

// notTitle matches lines near the top that are not a title: a bare year or
// date, or a section label in brackets.
var notTitle = regexp.MustCompile(`^[(（]?(令和|平成|昭和)?[0-9０-９元]+年度?[)）]?$|^[<＜〈【].*[>＞〉】]$`)

// markdownTitle is the first heading, else the first short title-like line
// among the first blocks.
func markdownTitle(bs blocks) string {
	for i, b := range bs {
		if i >= 5 {
			break
		}
		switch {
		case b.Kind == Heading:
			return b.Text
		case b.Kind == Paragraph && titleLike(b.Text) && !notTitle.MatchString(b.Text):
			return b.Text
		}
	}
	return ""
}
