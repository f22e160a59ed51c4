package source

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// looksHTML reports whether data starts like an HTML document.
func looksHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(data, bomUTF8)))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// decodeHTML honours <meta charset> when the bytes are not UTF-8.
func decodeHTML(data []byte) (string, string, error) {
	if bytes.HasPrefix(data, bomUTF8) || utf8.Valid(data) {
		return decode(data)
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "windows-1252" { // DetermineEncoding's default: nothing declared
		return decode(data)
	}
	text, _, err := decodeWith(enc, data, name)
	if err != nil {
		return "", "", err
	}
	return normalizeNewlines(text), htmlEncodingName(name), nil
}

// htmlEncodingName spells the WHATWG names the way Source.Encoding does.
func htmlEncodingName(name string) string {
	switch name {
	case "shift_jis":
		return "Shift_JIS"
	case "euc-jp":
		return "EUC-JP"
	case "utf-8":
		return "UTF-8"
	}
	return name
}

// skippedElements never hold content.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Iframe: true, atom.Svg: true, atom.Button: true,
	atom.Select: true, atom.Head: true, atom.Object: true,
}

// chromeWords are class or id words of site chrome.
var chromeWords = map[string]bool{
	"breadcrumb": true, "breadcrumbs": true, "pankuzu": true, "topicpath": true,
	"sns": true, "share": true, "social": true, "nav": true, "gnav": true, "navi": true,
	"navigation": true, "sidebar": true, "menu": true, "footer": true, "header": true,
	"skip": true, "pagetop": true, "enquete": true, "questionnaire": true, "survey": true,
	"banner": true,
}

// blockKinds maps block elements to the kind of block their text becomes.
var blockKinds = map[atom.Atom]BlockKind{
	atom.H1: Heading, atom.H2: Heading, atom.H3: Heading, atom.H4: Heading, atom.H5: Heading, atom.H6: Heading,
	atom.Li: ListItem, atom.Dt: Paragraph, atom.Dd: Paragraph,
	atom.Td: TableCell, atom.Th: TableCell,
	atom.P: Paragraph, atom.Div: Paragraph, atom.Section: Paragraph, atom.Article: Paragraph,
	atom.Main: Paragraph, atom.Blockquote: Paragraph, atom.Pre: Paragraph, atom.Caption: Paragraph,
	atom.Figcaption: Paragraph, atom.Tr: Paragraph, atom.Table: Paragraph, atom.Ul: Paragraph,
	atom.Ol: Paragraph, atom.Dl: Paragraph, atom.Body: Paragraph,
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// htmlReader walks the parsed tree, collecting the text of the innermost
// block element into blocks.
type htmlReader struct {
	title  string
	url    string // <link rel="canonical">, else <meta property="og:url">
	blocks blocks
	buf    strings.Builder
	kind   BlockKind
	level  int
}

// readHTML reads an HTML page: <title> is the title; site chrome (script,
// nav, header, footer, aside, form and elements whose class or id names
// chrome) is skipped; h1–h6 are headings, li list items, td/th table cells
// and the text of other block elements paragraphs.
func readHTML(data []byte, emit func(Source) error) error {
	text, enc, err := decodeHTML(data)
	if err != nil {
		return err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return err
	}
	r := htmlReader{kind: Paragraph}
	r.walk(doc)
	r.flush()
	return emitText(enc, emit, Source{Title: r.title, URL: r.url, Blocks: r.blocks})
}

func (r *htmlReader) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.buf.WriteString(n.Data)
		return
	case html.ElementNode:
		if n.DataAtom == atom.Head {
			r.title, r.url = headTitle(n), headAddress(n)
		}
		if skippedElements[n.DataAtom] || isChromeElement(n) {
			return
		}
		if n.DataAtom == atom.Br {
			r.buf.WriteRune(lineBreak)
			return
		}
		if kind, ok := blockKinds[n.DataAtom]; ok {
			r.block(n, kind)
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
}

// block flushes the text before a block element, reads its children as
// a block of kind, and restores the enclosing block's kind after it.
func (r *htmlReader) block(n *html.Node, kind BlockKind) {
	r.flush()
	outerKind, outerLevel := r.kind, r.level
	r.kind, r.level = kind, headingLevel(n.DataAtom)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	r.flush()
	r.kind, r.level = outerKind, outerLevel
}

// flush turns the collected text into blocks, one per line, dropping chrome.
func (r *htmlReader) flush() {
	text := r.buf.String()
	r.buf.Reset()
	for _, line := range strings.Split(collapseSpace(text), string(lineBreak)) {
		if t := trim(line); t != "" && !isChrome(t) {
			r.blocks.add(r.kind, r.level, t)
		}
	}
}

// lineBreak stands for <br> in collected text until white space is collapsed.
const lineBreak = '\u2028'

// isChromeElement reports whether an element's class or id names chrome.
func isChromeElement(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" && a.Key != "role" {
			continue
		}
		words := strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return r == ' ' || r == '-' || r == '_' || r == '\t'
		})
		for _, w := range words {
			if chromeWords[w] || w == "navigation" || w == "contentinfo" {
				return true
			}
		}
	}
	return false
}

// headTitle returns the text of the first <title> in head.
func headTitle(head *html.Node) string {
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Title {
			return trim(collapseSpace(textOf(c)))
		}
	}
	return ""
}

// headAddress is the page's own address as its head states it: the
// canonical link, else og:url; only an absolute http(s) address counts.
func headAddress(head *html.Node) string {
	var canonical, og string
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch {
		case c.DataAtom == atom.Link && strings.EqualFold(attr(c, "rel"), "canonical"):
			canonical = trim(attr(c, "href"))
		case c.DataAtom == atom.Meta && attr(c, "property") == "og:url":
			og = trim(attr(c, "content"))
		}
	}
	for _, u := range []string{canonical, og} {
		if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
			return u
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf returns all text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapseSpace treats runs of HTML white space (space, tab, CR, LF) as
// layout: a run becomes one space, or nothing when it joins two
// full-width characters across a source line break (Japanese needs no
// spaces).
func collapseSpace(s string) string {
	var b strings.Builder
	runes := []rune(s)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if r != ' ' && r != '\t' && r != '\r' && r != '\n' {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(runes) && (runes[j] == ' ' || runes[j] == '\t' || runes[j] == '\r' || runes[j] == '\n') {
			j++
		}
		b.WriteString(spaceFor(runes, i, j))
		i = j - 1
	}
	return b.String()
}

// spaceFor decides what the white space run runes[i:j] becomes.
func spaceFor(runes []rune, i, j int) string {
	run := string(runes[i:j])
	if !strings.ContainsAny(run, "\r\n") {
		return " "
	}
	if i > 0 && j < len(runes) && wide(runes[i-1]) && wide(runes[j]) {
		return ""
	}
	return " "
}

func wide(r rune) bool {
	return r > 0x2E80 && !unicode.IsSpace(r)
}
