package source

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tagLike finds what can only be HTML markup in a text cell: a start, end
// or self-closing tag with a letter right after "<" (「<img class=…>」,
// 「</p>」, 「<br />」). A lone "<" as in 「3<5」 or 「<重要>」 does not match.
var tagLike = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)

// stripMarkup returns the text of a CSV or JSON text cell that holds HTML
// (CMS exports keep the article body's <img>, <br> and <p>): the markup
// removed, character references decoded, and block-level elements and <br>
// turned into line breaks. Text without markup is returned as it is.
func stripMarkup(s string) string {
	if !tagLike.MatchString(s) {
		return s
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if breaksLine(atom.Lookup(name)) {
				b.WriteByte('\n')
			}
		}
	}
}

// breaksLine reports elements whose start or end is a line break in text.
func breaksLine(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.P, atom.Div, atom.Li, atom.Tr, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Table, atom.Blockquote:
		return true
	}
	return false
}
