package meta

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docInput reads a fixture of testdata/docs the way the source readers
// hand a document over: "%title …" is the title the format states, "%info
// …" a PDF's document-information Title, "%paged" puts the lines on page
// 1; "# " and "## " lines are headings of level 1 and 2, lines with " | "
// table rows.
func docInput(t *testing.T, name string) Input {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	return fixtureInput(strings.Split(strings.TrimRight(string(raw), "\n"), "\n"))
}

// fixtureInput builds an Input from the lines of a fixture in the
// notation docInput describes.
func fixtureInput(lines []string) Input {
	var in Input
	var text []string
	paged := false
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "%title "):
			in.Title = strings.TrimPrefix(l, "%title ")
			continue
		case strings.HasPrefix(l, "%info "):
			in.InfoTitle = strings.TrimPrefix(l, "%info ")
			continue
		case l == "%paged":
			paged = true
			continue
		case strings.TrimSpace(l) == "":
			continue
		}
		line := Line{Text: l, Table: strings.Contains(l, " | ")}
		for lv, mark := range []string{"# ", "## "} {
			if rest, ok := strings.CutPrefix(l, mark); ok {
				line = Line{Text: rest, Heading: true, Level: lv + 1}
			}
		}
		text = append(text, line.Text)
		in.Lines = append(in.Lines, line)
	}
	if paged {
		for i := range in.Lines {
			in.Lines[i].Page = 1
		}
	}
	in.Text = strings.Join(text, "\n")
	return in
}

// compact is title/department/fiscal year, "?" for unknown.
func compact(m Metadata) string {
	q := func(s string) string {
		if s == "" {
			return "?"
		}
		return s
	}
	y := "?"
	if m.FiscalYear != 0 {
		y = fmt.Sprint(m.FiscalYear)
	}
	return q(m.Title) + "/" + q(m.Department) + "/" + y
}

// TestDocumentShapes holds the rules to the shapes of Japanese public
// documents that misled them: a department whose name holds hiragana, an
// issuer line, session headers, a span in the lead, a supplementary
// budget, a plan's date, letter-spaced and garbage titles, greetings.
func TestDocumentShapes(t *testing.T) {
	tests := []struct {
		file, want string
	}{
		// 子ども政策部, never 政策部; the 部 above the 課
		{"mita-department.md", "子育て支援のご案内/子ども政策部/?"},
		// an issuer line in a Markdown page: the 局 above the 室
		{"shimin-bunka-kyoku.md", "人権啓発の取り組み/市民文化局/?"},
		// 区長発言 at a February session (開催日) presents the year from that April
		{"kucho-heisei14.txt", "平成14年_第１回定例会（第１日目） 区長発言（施政方針・所信表明）/区長/2002"},
		// 平成21年度から opens a span: the session says 2013
		{"kucho-span-lead.txt", "平成25年_第１回定例会（第１日目） 区長発言（施政方針）/区長/2013"},
		// the 提案理由 of the budget session: 令和8年度当初予算, not the 補正 of 令和7年度
		{"teian-riyu-r8.txt", "令和8年第1回定例会 市長提案理由説明/?/2026"},
		// a plan dated 令和4年2月 covers 2022–2025: no one year is its own
		{"dx-plan-r4.md", "〇〇市DX推進計画/?/?"},
		// a 3月定例会's 施政方針 presents the year from April
		{"kaigi-r8-march.txt", "令和８年３月定例会 町長発言（施政方針）/町長/2026"},
		// a greeting is no title
		{"greeting-speech.txt", "?/?/?"},
		// 令和６年度 alone is no title; the letter-spaced title is joined
		{"nankoku-yosansho.txt", "令和６年度 南国市予算書/?/2024"},
		// a garbage Title; a letter-spaced cover under its fiscal year; the head's signature
		{"shiseihoushin-cover.txt", "令和８年度 施政方針・予算説明/市長/2026"},
		// a supplementary budget at a March session is about the year under way
		{"hosei-march.txt", "３月補正予算の概要/財政課/2025"},
		// rare kanji of a bad OCR layer are no title
		{"ocr-garbage.txt", "〇〇市議会 平成１５年第１回定例会会議録/議会/?"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m := Extract(docInput(t, tt.file), Metadata{})
			if got := compact(m); got != tt.want {
				t.Errorf("got %s, want %s (why: %+v)", got, tt.want, m.Why)
			}
			if m.FiscalYear != 0 && m.Why.FiscalYear == "" || m.Title != "" && m.Why.Title == "" {
				t.Errorf("a value without its evidence: %+v", m.Why)
			}
		})
	}
}
