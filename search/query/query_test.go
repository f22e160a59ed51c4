package query

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"seisaku/search/internal/errs"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q, want string
	}{
		{"", ""},
		{"区政会議", "区政会議"},
		{"区政会議 協働", "区政会議 協働"},
		{"区政会議　協働", "区政会議 協働"}, // ideographic space
		{"多文化共生 OR 国際交流", "(多文化共生|国際交流)"},
		{"多文化共生 ＯＲ 国際交流 OR 外国人", "(多文化共生|国際交流|外国人)"},
		{"防災 or 減災", "防災 or 減災"}, // only upper-case OR is an operator
		{"広報 -SNS", "広報 -SNS"},
		{"広報　－ＳＮＳ", "広報 -ＳＮＳ"},
		{`"区政 会議" 設置`, `"区政 会議" 設置`},
		{`＂市民協働＂`, `"市民協働"`},
		{"「区政会議」の設置", `"区政会議" の設置`},
		{"『豊かな大阪』", `"豊かな大阪"`},
		{`広報 -"市政だより"`, `広報 -"市政だより"`},
		{"経営課題1-1", "経営課題1-1"},
		{"子育て OR 教育 -いじめ 予算", "(子育て|教育) 予算 -いじめ"},
		{"ｺﾝﾋﾞﾆ", "ｺﾝﾋﾞﾆ"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.q)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.q, err)
			continue
		}
		if s := got.String(); s != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.q, s, tt.want)
		}
	}
}

func TestParseQueryInvalid(t *testing.T) {
	tests := []struct {
		q, want string // want: a fragment of the English part of the message
	}{
		{`"区政会議`, "unbalanced quote"},
		{"「区政会議", "unbalanced quote"},
		{`区政 ＂会議`, "unbalanced quote"},
		{`""`, "empty phrase"},
		{"OR", "OR needs a word"},
		{"防災 OR", "OR needs a word"},
		{"OR 防災", "OR needs a word"},
		{"防災 OR OR 減災", "OR needs a word"},
		{"防災 OR -減災", "OR cannot join"},
		{"-防災 OR 減災", "OR cannot join"},
		{"-防災", "only exclusions"},
		{"-防災 －減災", "only exclusions"},
		{"。。。", "only punctuation"},
		{"防災 ・", "only punctuation"},
		{"防災 -", "only punctuation"},
		{strings.Repeat("市 ", 33), "33 words; the limit is 32"},
		{strings.Repeat("あ", 257), "at most 256 characters"},
		{"\xff防災", "not valid UTF-8"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.q)
		if err == nil {
			t.Errorf("Parse(%q): no error, want %q", tt.q, tt.want)
			continue
		}
		if errs.Code(err) != errs.EInvalid {
			t.Errorf("Parse(%q): code %s, want %s", tt.q, errs.Code(err), errs.EInvalid)
		}
		msg := errs.Message(err)
		if !strings.Contains(msg, tt.want) {
			t.Errorf("Parse(%q): message %q lacks %q", tt.q, msg, tt.want)
		}
		if !hasJapanese(msg) {
			t.Errorf("Parse(%q): message %q has no Japanese", tt.q, msg)
		}
	}
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"区政会議 協働", `"区政 会議" -大阪 OR`, "「多文化共生」ＯＲ　－国際", "－", `＂`,
		"子育て -city:倉敷市 year:2019..2022 2022", "２０２２年度 部署：市民局", "year:..", "city:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			if errs.Code(err) != errs.EInvalid {
				t.Fatalf("Parse(%q): code %s", s, errs.Code(err))
			}
			return
		}
		words := len(q.Exclude)
		for _, c := range q.Clauses {
			if len(c.Any) == 0 {
				t.Fatalf("Parse(%q): empty clause", s)
			}
			words += len(c.Any)
			for _, w := range c.Any {
				if w.Text == "" || !utf8.ValidString(w.Text) {
					t.Fatalf("Parse(%q): bad word %q", s, w.Text)
				}
			}
		}
		if words > MaxWords {
			t.Fatalf("Parse(%q): %d words", s, words)
		}
		if len(q.Clauses) == 0 && len(q.Exclude) > 0 {
			t.Fatalf("Parse(%q): only exclusions accepted", s)
		}
		for _, f := range q.Filters {
			if f.Value == "" || f.Facet == "year" && (f.Exclude || f.from == 0 && f.to == 0 || f.from != 0 && f.to != 0 && f.from > f.to) {
				t.Fatalf("Parse(%q): bad filter %+v", s, f)
			}
		}
		// The rendering parses back to the same query.
		if q2, err := Parse(q.String()); err == nil && q2.String() != q.String() && !strings.ContainsAny(s, "\"") {
			t.Fatalf("Parse(%q) = %s, reparsed %s", s, q, q2)
		}
	})
}

// TestTypedAndReplace: the clauses as typed (a relaxed query's report) and
// a word replaced in one (a もしかして correction), filters left out.
func TestTypedAndReplace(t *testing.T) {
	for _, tt := range []struct {
		q, typed, replaced string // replaced: 訓連 → 訓練 in the first clause
	}{
		{"防災訓連", "[防災訓連]", "防災訓連"},
		{"訓連 OR 演習 -避難所 2022", "[訓連 OR 演習]", "訓練 OR 演習 -避難所"},
		{`"訓連" 計画`, "[訓連 計画]", `"訓練" 計画`},
	} {
		q, err := Parse(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(q.Typed()); got != tt.typed {
			t.Errorf("Typed(%q) = %s, want %s", tt.q, got, tt.typed)
		}
		if got := q.Replace(0, "訓連", "訓練"); got != tt.replaced {
			t.Errorf("Replace(%q) = %s, want %s", tt.q, got, tt.replaced)
		}
	}
}
