package source

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"seisaku/indexer/meta"
)

// A record is one JSON object of a JSON or JSON Lines file. Known fields
// become title, address, hints and readable blocks; see doc.go.
type record map[string]any

// str returns the first non-empty string (or number) among keys; values
// meaning "no data" count as empty.
func (r record) str(keys ...string) string {
	for _, k := range keys {
		var s string
		switch v := r[k].(type) {
		case string:
			s = trim(v)
		case float64:
			s = strconv.FormatFloat(v, 'f', -1, 64)
		}
		if s != "" && s != "データなし" {
			return s
		}
	}
	return ""
}

var (
	titleKeys = []string{"name", "title", "タイトル", "記事タイトル", "件名"}
	textKeys  = []string{"text", "body", "content", "本文", "記事本文", "内容"}
	urlKeys   = []string{"source_url", "url", "pdf_url", "URL"}
)

// recordSource renders one record as a document. city is the
// municipality stated for the whole file, if any.
func recordSource(r record, city string) (Source, error) {
	s := Source{URL: r.str(urlKeys...), Title: recordTitle(r)}
	if s.URL != "" && r.str("pdf_url") == s.URL {
		if page := r.str("pdf_page"); page != "" {
			s.URL += "#page=" + page
		}
	}
	s.Hints = meta.Metadata{City: city, Department: recordDepartment(r)}
	var bs blocks
	if _, ok := r["bureau"]; ok && r.str("name") != "" {
		bs.add(Heading, 1, r.str("name"))
	}
	bs = append(bs, evaluationBlocks(r)...)
	if text := r.str(textKeys...); text != "" {
		text = normalizeNewlines(stripMarkup(text))
		if hasSpeeches(text) {
			minutes, front := readMinutes(text)
			bs = append(bs, minutes...)
			s.Front, s.Session = front, r.str("session")
		} else {
			bs = append(bs, textBlocks(text)...)
		}
	}
	if len(bs) == 0 || len(bs) == 1 && bs[0].Kind == Heading {
		return Source{}, ErrEmpty
	}
	s.Blocks = bs
	return s, nil
}

// recordTitle is the record's name or title; minutes state it as session
// and schedule ("平成15年第1回臨時会 05月15日　議長の選挙、副議長の選挙").
func recordTitle(r record) string {
	if t := r.str(titleKeys...); t != "" {
		return t
	}
	return trim(r.str("session") + " " + r.str("schedule"))
}

// recordDepartment is the first word of bureau, else of dept; a bureau
// that names no unit (部局外: outside the departments) gives way to the
// unit after it in dept ("部局外　農業委員会事務局" → 農業委員会事務局).
func recordDepartment(r record) string {
	w := firstWord(r.str("bureau", "dept", "department", "部局"))
	if w == "部局外" {
		if _, rest, ok := strings.Cut(strings.ReplaceAll(r.str("dept"), "　", " "), "部局外 "); ok {
			return firstWord(trim(rest))
		}
		return ""
	}
	return w
}

// firstWord returns s up to its first space (ASCII or full-width).
func firstWord(s string) string {
	if i := strings.IndexAny(s, " 　"); i >= 0 {
		return s[:i]
	}
	return s
}

// evaluationBlocks renders the fields of a 事務事業評価 record as
// readable Japanese paragraphs, skipping empty ones.
func evaluationBlocks(r record) blocks {
	var bs blocks
	add := func(label, value string) {
		if value != "" {
			bs.add(Paragraph, 0, label+": "+value)
		}
	}
	add("所属", r.str("dept"))
	if v, ok := r["budget"].(float64); ok {
		add("予算", thousands(int64(v))+"千円")
	}
	add("評価", r.str("ev"))
	if cls := r.str("cls"); cls != "施策なし" {
		add("施策", cls)
	}
	for _, kind := range []struct{ key, label string }{{"output", "活動指標"}, {"outcome", "成果指標"}} {
		for _, suffix := range []string{"", "2", "3", "4", "5"} {
			add(kind.label, indicator(r, kind.key, suffix))
		}
	}
	return bs
}

// indicator renders one output or outcome indicator: "フォーラム等参加者数 1191人".
func indicator(r record, key, suffix string) string {
	name := r.str(key + "_name" + suffix)
	if name == "" {
		return ""
	}
	if val := r.str(key + "_val" + suffix); val != "" {
		return name + " " + val + r.str(key+"_unit"+suffix)
	}
	return name
}

// thousands formats n with a comma every three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// textBlocks reads the text of a record that is no minutes: plain
// paragraphs, one a line, "・" lines as list items.
func textBlocks(text string) blocks {
	var bs blocks
	for _, line := range strings.Split(text, "\n") {
		t := trim(line)
		if item, ok := strings.CutPrefix(t, "・"); ok {
			bs.add(ListItem, 0, item)
			continue
		}
		bs.add(Paragraph, 0, t)
	}
	return bs
}

// cityOfTitle takes the municipality from a page title such as
// "朝来市 事務事業優先度評価ツール".
func cityOfTitle(title string) string {
	w := firstWord(trim(title))
	if municipality.MatchString(w) {
		return w
	}
	return ""
}

var municipality = regexp.MustCompile(`^\p{Han}[\p{Han}\p{Hiragana}\p{Katakana}ヶケ]{0,8}[市区町村]$`)

// keyed names the n-th record of a file (1-based): "record 3".
func keyed(kind string, n int) string { return fmt.Sprintf("%s %d", kind, n) }
