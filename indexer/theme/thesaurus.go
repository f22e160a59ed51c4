package theme

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// Theme is one issue type and the words that signal it, as written in the
// thesaurus (markers removed).
type Theme struct {
	Name  string
	Words []string
}

// Thesaurus tags text with themes. It is safe for concurrent use.
type Thesaurus struct {
	themes  []Theme
	entries [][]entry      // per matcher word id: the themes it signals
	ascii   []bool         // per matcher word id: needs non-alphanumeric neighbours
	names   map[string]int // folded name, name part or head term → theme index
	m       *matcher
}

// entry says that a word signals theme (an index into themes; -1 for a
// shadow word) weakly or not.
type entry struct {
	theme int
	weak  bool
}

// shadowName is the name of the line whose words tag nothing.
const shadowName = "!"

//go:embed themes.tsv
var themesTSV string

var defaultThesaurus = sync.OnceValue(func() *Thesaurus {
	t, err := Parse(strings.NewReader(themesTSV))
	if err != nil {
		panic("theme: embedded themes.tsv: " + err.Error())
	}
	return t
})

// Default returns the thesaurus embedded from themes.tsv, parsed once.
func Default() *Thesaurus { return defaultThesaurus() }

// Themes returns the themes in thesaurus order.
func (t *Thesaurus) Themes() []Theme {
	out := make([]Theme, len(t.themes))
	for i, th := range t.themes {
		out[i] = Theme{th.Name, append([]string(nil), th.Words...)}
	}
	return out
}

// Lookup reports whether query names a theme: its name, a part of its name
// split at ・, or one of its head terms (*word), compared after folding.
func (t *Thesaurus) Lookup(query string) (Theme, bool) {
	i, ok := t.names[fold(strings.TrimSpace(query))]
	if !ok {
		return Theme{}, false
	}
	return t.Themes()[i], true
}

// Parse reads a thesaurus in the format that themes.tsv describes in its
// header. Errors name the line.
func Parse(r io.Reader) (*Thesaurus, error) {
	b := builder{t: &Thesaurus{names: map[string]int{}}, ids: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if err := b.line(sc.Text()); err != nil {
			return nil, fmt.Errorf("theme: line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if len(b.t.themes) == 0 {
		return nil, fmt.Errorf("theme: no themes")
	}
	b.t.m = newMatcher(b.words)
	return b.t, nil
}

// builder collects the words of all lines into one matcher vocabulary.
type builder struct {
	t     *Thesaurus
	words []string       // folded, by id
	ids   map[string]int // folded word → id
}

func (b *builder) line(line string) error {
	if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
		return nil
	}
	if !utf8.ValidString(line) {
		return fmt.Errorf("not UTF-8")
	}
	name, list, ok := strings.Cut(line, "\t")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return fmt.Errorf("want \"name<TAB>word|word|…\", got %q", line)
	}
	if name == shadowName {
		return b.shadows(list)
	}
	return b.theme(name, list)
}

func (b *builder) theme(name, list string) error {
	for _, th := range b.t.themes {
		if th.Name == name {
			return fmt.Errorf("theme %q defined twice", name)
		}
	}
	idx := len(b.t.themes)
	th := Theme{Name: name}
	keys := append([]string{name}, strings.Split(name, "・")...)
	strong := false
	for _, raw := range strings.Split(list, "|") {
		w, weak, head, err := parseWord(raw)
		if err != nil {
			return err
		}
		th.Words = append(th.Words, w)
		strong = strong || !weak
		if head {
			keys = append(keys, w)
		}
		if err := b.add(w, entry{idx, weak}); err != nil {
			return err
		}
	}
	if !strong {
		return fmt.Errorf("theme %q has no word that tags alone (all are ~weak)", name)
	}
	b.t.themes = append(b.t.themes, th)
	return b.addNames(idx, keys)
}

// addNames registers what Lookup accepts for theme idx.
func (b *builder) addNames(idx int, keys []string) error {
	for _, k := range keys {
		f := fold(strings.TrimSpace(k))
		if f == "" {
			continue
		}
		if other, ok := b.t.names[f]; ok && other != idx {
			return fmt.Errorf("%q already names theme %q", k, b.t.themes[other].Name)
		}
		b.t.names[f] = idx
	}
	return nil
}

func (b *builder) shadows(list string) error {
	for _, raw := range strings.Split(list, "|") {
		w, weak, head, err := parseWord(raw)
		if err != nil {
			return err
		}
		if weak || head {
			return fmt.Errorf("shadow word %q takes no marker", raw)
		}
		if err := b.add(w, entry{-1, false}); err != nil {
			return err
		}
	}
	return nil
}

// add gives word w (as written) the entry e, sharing one matcher id among
// the themes that list the same folded word.
func (b *builder) add(w string, e entry) error {
	f := fold(w)
	if f == "" {
		return fmt.Errorf("word %q folds to nothing", w)
	}
	id, ok := b.ids[f]
	if !ok {
		id = len(b.words)
		b.ids[f] = id
		b.words = append(b.words, f)
		b.t.entries = append(b.t.entries, nil)
		b.t.ascii = append(b.t.ascii, isAlnumWord(f))
	}
	for _, old := range b.t.entries[id] {
		if old.theme == e.theme {
			return fmt.Errorf("word %q listed twice in one theme", w)
		}
		if old.theme < 0 || e.theme < 0 {
			return fmt.Errorf("word %q is both a shadow and a theme word", w)
		}
	}
	b.t.entries[id] = append(b.t.entries[id], e)
	return nil
}

// parseWord splits the marker off a word and checks it.
func parseWord(raw string) (word string, weak, head bool, err error) {
	w := strings.TrimSpace(raw)
	switch {
	case strings.HasPrefix(w, "~"):
		weak, w = true, w[1:]
	case strings.HasPrefix(w, "*"):
		head, w = true, w[1:]
	}
	switch {
	case w == "":
		return "", false, false, fmt.Errorf("empty word in %q", raw)
	case strings.ContainsAny(w, "~*"):
		return "", false, false, fmt.Errorf("word %q has a marker inside", raw)
	case utf8.RuneCountInString(w) == 1 && !weak:
		return "", false, false, fmt.Errorf("one-character word %q must be weak (~%s)", w, w)
	}
	return w, weak, head, nil
}

func isAlnumWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIAlnum(s[i]) {
			return false
		}
	}
	return true
}

func isASCIIAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
