package source

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"seisaku/indexer/meta"
)

// csvColumns are the header names (lower-cased) of the columns a CSV
// export states; the first match wins.
var csvColumns = map[string][]string{
	"title": {"記事タイトル", "タイトル", "表題", "件名", "title", "name", "名称"},
	"text":  {"記事本文", "本文", "内容", "text", "body", "content", "概要"},
	"city":  {"自治体名", "自治体", "市区町村", "city", "municipality"},
	"date":  {"公開年月", "公開日", "発行日", "日付", "date", "published"},
	"url":   {"url", "source_url", "リンク"},
}

// csvLayout says which column holds what; -1 when none does.
type csvLayout struct {
	header                       []string
	title, text, city, date, url int
}

func newLayout(header []string) csvLayout {
	l := csvLayout{header: header}
	find := func(role string) int {
		for _, name := range csvColumns[role] {
			for i, h := range header {
				if strings.EqualFold(trim(h), name) {
					return i
				}
			}
		}
		return -1
	}
	l.title, l.text, l.city, l.date, l.url = find("title"), find("text"), find("city"), find("date"), find("url")
	return l
}

// readCSV reads a CSV export with a header row, one document per row keyed
// "row N" (N counts data rows from 1). A broken row is skipped by name.
//
// Quotes are read strictly, so an unterminated quote cannot swallow the
// rows after it into one field. Where the strict reader fails, the lines
// it could not read are read again one by one, leniently (a stray quote is
// kept as text or dropped): each line that gives a row of the header's
// width is a row, reported as damaged (Source.Damage), each other line is
// a skipped row.
func readCSV(path, text, enc string, comma rune, emit func(Source) error) error {
	text = strings.TrimPrefix(text, "\ufeff")
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma, cr.FieldsPerRecord = comma, -1
	lines := strings.Split(text, "\n")
	header, err := cr.Read()
	if err == io.EOF {
		return ErrEmpty
	}
	if err != nil {
		if header, err = lenientRow(lines[0], comma); err != nil {
			return fmt.Errorf("malformed CSV header: %w", err)
		}
	}
	l := newLayout(header)
	var skipped Skipped
	n := 0
	row := func(fields []string, err error, damage string) error {
		n++
		key := keyed("row", n)
		if err == nil && len(fields) != len(header) {
			err = fmt.Errorf("%d fields, header has %d", len(fields), len(header))
		}
		if err != nil {
			skipped.Records = append(skipped.Records, RecordError{path, key, err})
			return nil
		}
		return emitRow(path, key, enc, damage, l, fields, &skipped, emit)
	}
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && pe.StartLine >= 1 && pe.Line <= len(lines) {
			for i, line := range lines[pe.StartLine-1 : pe.Line] {
				if trim(line) == "" {
					continue
				}
				fields, err := lenientRow(line, comma)
				if err != nil || len(fields) != len(header) {
					err = fmt.Errorf("line %d: %d fields, header has %d (%v)", pe.StartLine+i, len(fields), len(header), pe.Err)
				}
				damage := fmt.Sprintf("CSV lines %d-%d: %v; line %d read as a row of its own", pe.StartLine, pe.Line, pe.Err, pe.StartLine+i)
				if err := row(fields, err, damage); err != nil {
					return err
				}
			}
			continue
		}
		if err := row(fields, err, ""); err != nil {
			return err
		}
	}
	return skipped.result()
}

// lenientRow reads one line as one CSV row with lazy quotes.
func lenientRow(line string, comma rune) ([]string, error) {
	cr := csv.NewReader(strings.NewReader(line))
	cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = comma, true, -1
	return cr.Read()
}

// emitRow renders and emits one row; only an error from emit is returned.
func emitRow(path, key, enc, damage string, l csvLayout, row []string, skipped *Skipped, emit func(Source) error) error {
	s := l.source(row)
	if len(s.Blocks) == 0 {
		skipped.Records = append(skipped.Records, RecordError{path, key, errors.New("empty row")})
		return nil
	}
	s.Key, s.Encoding, s.Damage = key, enc, damage
	if err := emit(s); err != nil {
		return err
	}
	skipped.Good++
	return nil
}

// source renders one row: the text column's lines as blocks, or, when the
// header names no text column, every other non-empty field as "name: value".
func (l csvLayout) source(row []string) Source {
	cell := func(i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return trim(row[i])
	}
	s := Source{Title: cell(l.title), URL: cell(l.url)}
	pref, city := splitPrefecture(cell(l.city))
	s.Hints = meta.Metadata{City: city, Prefecture: pref, Published: isoDate(cell(l.date))}
	if l.text >= 0 {
		s.Blocks = textBlocks(normalizeNewlines(stripMarkup(cell(l.text))))
		if len(s.Blocks) == 0 && s.Title != "" {
			// a body of only a picture (<img …>): the article is its title
			s.Blocks = blocks{{Kind: Paragraph, Text: s.Title}}
		}
		return s
	}
	var bs blocks
	for i, h := range l.header {
		if i != l.title && i != l.city && i != l.date && i != l.url && cell(i) != "" {
			bs.add(Paragraph, 0, trim(h)+": "+cell(i))
		}
	}
	s.Blocks = bs
	return s
}

var prefecture = regexp.MustCompile(`^(北海道|東京都|京都府|大阪府|(青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|神奈川|新潟|富山|石川|福井|山梨|長野|岐阜|静岡|愛知|三重|滋賀|兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|高知|福岡|佐賀|長崎|熊本|大分|宮崎|鹿児島|沖縄)県)`)

// splitPrefecture splits 神奈川県厚木市 into 神奈川県 and 厚木市 (東京都品川区
// into 東京都 and 品川区); the prefecture stays a hint that tells 府中市 of
// 東京都 from 府中市 of 広島県.
func splitPrefecture(city string) (pref, rest string) {
	if p := prefecture.FindString(city); p != "" && trim(city[len(p):]) != "" {
		return p, trim(city[len(p):])
	}
	return "", city
}

var dateField = regexp.MustCompile(`^([0-9]{4})[./\-年]([0-9]{1,2})(?:[./\-月]([0-9]{1,2})日?)?月?$`)

// isoDate turns 2024.04.15 (or 2024/4/15, 2024年4月15日, 2024.04) into
// 2024-04-15 (2024-04); anything else gives "".
func isoDate(s string) string {
	m := dateField.FindStringSubmatch(s)
	if m == nil || !inRange(m[2], 1, 12) || m[3] != "" && !inRange(m[3], 1, 31) {
		return ""
	}
	out := m[1] + "-" + pad2(m[2])
	if m[3] != "" {
		out += "-" + pad2(m[3])
	}
	return out
}

func inRange(s string, lo, hi int) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= lo && n <= hi
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
