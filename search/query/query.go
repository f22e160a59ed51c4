package query

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"seisaku/search/internal/errs"
)

// Query limits. A longer query is almost always pasted text, which the
// service answers badly and slowly; the messages tell the user what to do.
const (
	MaxWords = 32
	MaxRunes = 256
)

// Query is a parsed search query: every clause must match, no exclusion may,
// and every filter written in the query holds (see filter.go).
type Query struct {
	Clauses []Clause // ANDed
	Exclude []Word   // none may match
	Filters []Filter // city:, department:, year: and the words read as them
}

// Clause is one required clause: any of its alternatives (joined by OR).
type Clause struct {
	Any []Word
}

// Word is one query word or quoted phrase, as the user typed it.
type Word struct {
	Text   string
	Phrase bool // quoted: matched exactly, no reading match, no theme expansion
}

// Empty reports whether q has no words (filter browsing: match everything).
func (q *Query) Empty() bool { return len(q.Clauses) == 0 && len(q.Exclude) == 0 }

// String renders q compactly: clauses separated by spaces, alternatives as
// (a|b), phrases in ASCII quotes, exclusions prefixed with -, then the
// filters as facet:value (-facet:value for an excluded one).
func (q *Query) String() string {
	var parts []string
	for _, c := range q.Clauses {
		ws := make([]string, len(c.Any))
		for i, w := range c.Any {
			ws[i] = w.String()
		}
		if len(ws) == 1 {
			parts = append(parts, ws[0])
		} else {
			parts = append(parts, "("+strings.Join(ws, "|")+")")
		}
	}
	for _, w := range q.Exclude {
		parts = append(parts, "-"+w.String())
	}
	for _, f := range q.Filters {
		parts = append(parts, f.String())
	}
	return strings.Join(parts, " ")
}

func (w Word) String() string {
	if w.Phrase {
		return `"` + w.Text + `"`
	}
	return w.Text
}

// closers maps each opening quote to its closing quote.
var closers = map[rune]rune{
	'"': '"',
	'＂': '＂',
	'“': '”',
	'「': '」',
	'『': '』',
}

// token is one lexical unit of a query before OR is resolved.
type token struct {
	word   Word
	neg    bool
	or     bool
	filter *Filter // an operator (city:…) or a fiscal year (2022)
}

// CheckLength is the one limit on a query's length, MaxRunes characters,
// wherever a query arrives (the search, its CSV, suggestions): an
// *errs.Error with code EInvalid that says the limit. It counts at most
// MaxRunes+1 characters, so an absurdly long query costs no more.
func CheckLength(q string) error {
	n := 0
	for range q {
		if n++; n > MaxRunes {
			return errs.Errorf(errs.EInvalid, "検索語が長すぎます。%d文字以内にしてください (a query has at most %d characters)", MaxRunes, MaxRunes)
		}
	}
	return nil
}

// Parse parses the query syntax described in doc.go. It never panics; a
// malformed query is an *errs.Error (search.Error) with code EInvalid and a
// bilingual message.
func Parse(q string) (*Query, error) {
	if !utf8.ValidString(q) {
		return nil, errs.Errorf(errs.EInvalid, "検索語に不正な文字が含まれています (query is not valid UTF-8)")
	}
	if err := CheckLength(q); err != nil {
		return nil, err
	}
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	return assemble(toks)
}

// lex splits q into words, phrases, exclusions and OR operators.
func lex(q string) ([]token, error) {
	var toks []token
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		t, next, err := lexOne(rs, i)
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		i = next
	}
	return toks, nil
}

// lexOne reads the token starting at rs[i] and returns the index after it.
func lexOne(rs []rune, i int) (token, int, error) {
	var t token
	if (rs[i] == '-' || rs[i] == '－') && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
		t.neg = true
		i++
	}
	if cl, ok := closers[rs[i]]; ok {
		j := i + 1
		for j < len(rs) && rs[j] != cl {
			j++
		}
		if j == len(rs) {
			return t, 0, errs.Errorf(errs.EInvalid, "引用符が閉じていません。%c に対応する %c を入れてください (unbalanced quote)", rs[i], cl)
		}
		t.word = Word{Text: strings.TrimSpace(string(rs[i+1 : j])), Phrase: true}
		if t.word.Text == "" {
			return t, 0, errs.Errorf(errs.EInvalid, "引用符の中が空です (empty phrase)")
		}
		return t, j + 1, checkWord(t.word)
	}
	j := i
	for j < len(rs) && !unicode.IsSpace(rs[j]) && !isOpenQuote(rs[j]) {
		j++
	}
	text := string(rs[i:j])
	if !t.neg && (text == "OR" || text == "ＯＲ") {
		t.or = true
		return t, j, nil
	}
	t.word = Word{Text: text}
	if f, ok, err := filterToken(text, t.neg); ok || err != nil {
		t.filter = f
		return t, j, err
	}
	return t, j, checkWord(t.word)
}

func isOpenQuote(r rune) bool { _, ok := closers[r]; return ok }

// checkWord rejects a word made only of punctuation and symbols: it would
// analyse to nothing and silently match everything or nothing.
func checkWord(w Word) error {
	for _, r := range w.Text {
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsSpace(r) {
			return nil
		}
	}
	return errs.Errorf(errs.EInvalid, "記号だけの検索語「%s」は使えません。文字を含めてください (a word of only punctuation: %q)", w.Text, w.Text)
}

// assemble resolves OR between words and checks the query as a whole.
func assemble(toks []token) (*Query, error) {
	q := &Query{}
	words := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.or {
			return nil, errLoneOR()
		}
		if t.filter != nil && t.filter.bare && i+1 < len(toks) && toks[i+1].or {
			t.filter = nil // 2021 OR 2022: words, not a year filter
		}
		if t.filter != nil {
			if i+1 < len(toks) && toks[i+1].or {
				return nil, errORFilter(t.filter)
			}
			q.Filters = append(q.Filters, *t.filter)
			continue
		}
		words++
		if t.neg {
			if i+1 < len(toks) && toks[i+1].or {
				return nil, errORExclusion()
			}
			q.Exclude = append(q.Exclude, t.word)
			continue
		}
		c := Clause{Any: []Word{t.word}}
		for i+1 < len(toks) && toks[i+1].or {
			if i+2 >= len(toks) || toks[i+2].or {
				return nil, errLoneOR()
			}
			if toks[i+2].neg {
				return nil, errORExclusion()
			}
			if f := toks[i+2].filter; f != nil && !f.bare {
				return nil, errORFilter(f)
			}
			c.Any = append(c.Any, toks[i+2].word)
			words++
			i += 2
		}
		q.Clauses = append(q.Clauses, c)
	}
	if words > MaxWords {
		return nil, errs.Errorf(errs.EInvalid, "検索語が多すぎます。%d語以内にしてください (%d words; the limit is %d)", MaxWords, words, MaxWords)
	}
	if len(q.Clauses) == 0 && (len(q.Exclude) > 0 || hasExcluded(q.Filters)) {
		return nil, errs.Errorf(errs.EInvalid, "除外語（-）だけでは検索できません。探したい語も入れてください (a query of only exclusions)")
	}
	return q, nil
}

func errLoneOR() error {
	return errs.Errorf(errs.EInvalid, "OR の前後に検索語を入れてください (OR needs a word on each side)")
}

func errORExclusion() error {
	return errs.Errorf(errs.EInvalid, "OR と除外語（-）は組み合わせられません (OR cannot join an excluded word)")
}

// Typed renders each clause of q as the user typed it (a OR b).
func (q *Query) Typed() []string {
	out := make([]string, len(q.Clauses))
	for i, c := range q.Clauses {
		ws := make([]string, len(c.Any))
		for j, w := range c.Any {
			ws[j] = w.Text
		}
		out[i] = strings.Join(ws, " OR ")
	}
	return out
}

// Replaced is a copy of q with word in clause ci replaced by fixed; q is
// left as it is.
func (q *Query) Replaced(ci int, word, fixed string) *Query {
	c := *q
	c.Clauses = append([]Clause(nil), q.Clauses...)
	any := append([]Word(nil), c.Clauses[ci].Any...)
	for i := range any {
		if any[i].Text == word {
			any[i].Text = fixed
		}
	}
	c.Clauses[ci] = Clause{Any: any}
	return &c
}

// Replace renders q with word in clause ci replaced by fixed, its
// alternatives joined by OR and its filters left out: a corrected query
// (もしかして) to search again.
func (q *Query) Replace(ci int, word, fixed string) string {
	c := q.Replaced(ci, word, fixed)
	parts := make([]string, 0, len(c.Clauses)+len(c.Exclude))
	for _, cl := range c.Clauses {
		ws := make([]string, len(cl.Any))
		for i, w := range cl.Any {
			ws[i] = w.String()
		}
		parts = append(parts, strings.Join(ws, " OR "))
	}
	for _, w := range c.Exclude {
		parts = append(parts, "-"+w.String())
	}
	return strings.Join(parts, " ")
}
