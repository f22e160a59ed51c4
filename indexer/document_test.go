package indexer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"seisaku/indexer/source"
)

// A document past the size bound is cut there, on a rune boundary, and the
// build reports it as damaged instead of analysing all of it.
func TestLongDocumentIsCut(t *testing.T) {
	line := "桐生市の市政運営の方針として、行財政改革を推進し、市民サービスの向上に努めます。"
	src := source.Source{Blocks: []source.Block{{Kind: source.Paragraph, Text: strings.Repeat(line, 100)}}}
	if cut := cutToSize(&src, 1<<20); cut != "" {
		t.Fatalf("within the bound, cut: %s", cut)
	}
	cut := cutToSize(&src, 1000)
	if !strings.HasPrefix(cut, "cut after") || len(src.Blocks[0].Text) > 1000 || !utf8.ValidString(src.Blocks[0].Text) {
		t.Fatalf("cut %q: %d bytes, valid %v", cut, len(src.Blocks[0].Text), utf8.ValidString(src.Blocks[0].Text))
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "long.txt"), []byte(strings.Repeat(line, 2000)), 0o644); err != nil {
		t.Fatal(err)
	}
	old := maxDocumentText
	maxDocumentText = 16 << 10
	t.Cleanup(func() { maxDocumentText = old })
	sum, err := DryRun(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Damaged) != 1 || !strings.HasPrefix(sum.Damaged[0].Reason, "cut after") || sum.Documents != 1 {
		t.Errorf("summary: %d documents, damaged %+v", sum.Documents, sum.Damaged)
	}
	if sum.TextBytes > 16<<10 {
		t.Errorf("%d bytes of text analysed, bound %d", sum.TextBytes, 16<<10)
	}
}

// TestUntitledPDFShownByFileName: a PDF that prints its text alone (a
// policy speech opening 「おはようございます。」) has no title of its own, so
// its metadata title stays unknown, and it is shown by the name the city
// gave the file when that names a document; a file name that names none
// (Ｐ５.pdf) gives way to the first line of the text.
func TestUntitledPDFShownByFileName(t *testing.T) {
	speech := []source.Block{
		{Kind: source.Paragraph, Page: 1, Text: "おはようございます。"},
		{Kind: source.Paragraph, Page: 1, Text: "開会に当たり、提案いたしました議案の説明に先立ちまして、令和８年度に向けた市政運営について、所信の一端と主要施策を申し上げます。"},
	}
	for path, want := range map[string]string{
		"gian/446/施政方針（446回）.pdf": "施政方針（446回）",
		"gian/446/Ｐ５.pdf":         "おはようございます。",
	} {
		d := (&Analyzer{}).Document(source.Source{Path: path, Encoding: "PDF", Blocks: speech})
		if d == nil {
			t.Fatalf("%s: no document", path)
		}
		if d.Title != want || d.Meta.Title != "" {
			t.Errorf("%s: shown as %q (metadata title %q), want %q (unknown)", path, d.Title, d.Meta.Title, want)
		}
	}
}

// TestUntitledPDFShownByItsHeading: a file that opens on a page of a
// budget book (cut out by 款) has no title of its own; it is shown by the
// heading its page opens with, sum and all, never by a value set down a
// column or a heading below the table's rows.
func TestUntitledPDFShownByItsHeading(t *testing.T) {
	page := []source.Block{
		{Kind: source.Heading, Level: 1, Page: 1, Text: "１項　特別会計繰入金　719,873千円"},
		{Kind: source.TableCell, Page: 1, Text: "目 | 本年度予算額 | 前年度予算額 | 比較 | 説明"},
		{Kind: source.TableCell, Page: 1, Text: "1 | 後期高齢者医療事業特別会計繰入金 | 3,001 | 3,000 | 1"},
		{Kind: source.Heading, Level: 2, Page: 1, Text: "区画整理事業"},
	}
	column := []source.Block{
		{Kind: source.Paragraph, Page: 1, Text: "境港市議会"},
		{Kind: source.Heading, Level: 2, Page: 1, Text: "原案可決"},
		{Kind: source.TableCell, Page: 1, Text: "第１号 | 境港市職員の給与に関する条例の一部を改正する条例"},
		{Kind: source.Heading, Level: 2, Page: 1, Text: "原案可決"},
		{Kind: source.TableCell, Page: 1, Text: "第２号 | 境港市手数料徴収条例の一部を改正する条例"},
		{Kind: source.Heading, Level: 2, Page: 1, Text: "原案可決"},
	}
	for _, c := range []struct {
		name   string
		blocks []source.Block
		want   string
	}{
		{"a budget book's page", page, "１項　特別会計繰入金　719,873千円"},
		{"the heading below the rows", page[1:], "目 | 本年度予算額 | 前年度予算額 | 比較 | 説明"},
		{"a value down a column", column, "境港市議会"},
	} {
		d := (&Analyzer{}).Document(source.Source{Path: "r7-sainyu-19.pdf", Encoding: "PDF", Blocks: c.blocks})
		if d == nil {
			t.Fatalf("%s: no document", c.name)
		}
		if d.Title != c.want || d.Meta.Title != "" {
			t.Errorf("%s: shown as %q (metadata title %q), want %q (unknown)", c.name, d.Title, d.Meta.Title, c.want)
		}
	}
}
