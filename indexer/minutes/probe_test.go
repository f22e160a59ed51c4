package minutes

import (
	"os"
	"strings"
	"testing"

	"seisaku/indexer/source"
)

// probeLine is a line of testdata/probe.txt whose speaker was written
// down by hand.
type probeLine struct {
	excerpt, text     string
	name, title, role string
	opens             bool // the line opens a speech (" ⇒ -": it does not)
}

// readProbe reads testdata/probe.txt: its excerpts, each as the text of
// one file, and the lines with their speakers.
func readProbe(t *testing.T) (excerpts []string, names []string, lines [][]probeLine) {
	data, err := os.ReadFile("testdata/probe.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if name, ok := strings.CutPrefix(l, "=== "); ok {
			excerpts, names, lines = append(excerpts, ""), append(names, name), append(lines, nil)
			continue
		}
		if len(excerpts) == 0 {
			continue // the comment on top
		}
		k := len(excerpts) - 1
		text, want, ok := strings.Cut(l, " ⇒ ")
		excerpts[k] += text + "\n"
		if !ok {
			continue
		}
		p := probeLine{excerpt: names[k], text: strings.TrimSpace(text)}
		if want != "-" {
			f := strings.Split(want, "|")
			if len(f) != 3 {
				t.Fatalf("probe line %q: want name|title|role", l)
			}
			p.name, p.title, p.role, p.opens = f[0], f[1], f[2], true
		}
		lines[k] = append(lines[k], p)
	}
	return excerpts, names, lines
}

// TestProbe reads each excerpt of the probe set as a text file of minutes
// is read, and compares the speaker of each line written down by hand
// with what the reading gives: right, wrong (another value, or a value
// where the line gives none) or unknown (no value where the line gives
// one). It fails on any wrong value; unknown ones are counted (go test
// -run Probe -v ./indexer/minutes/).
func TestProbe(t *testing.T) {
	excerpts, names, lines := readProbe(t)
	type tally struct{ right, wrong, unknown int }
	fields := []string{"opens", "name", "title", "role"}
	counts := map[string]*tally{}
	for _, f := range fields {
		counts[f] = &tally{}
	}
	score := func(field, want, got string, p probeLine) {
		c := counts[field]
		switch {
		case want == got:
			c.right++
		case got == "":
			c.unknown++
			t.Logf("unknown %-5s %q (want %q): %s", field, got, want, p.text)
		default:
			c.wrong++
			t.Errorf("wrong %s %q, want %q: %s [%s]", field, got, want, p.text, p.excerpt)
		}
	}
	total := 0
	for k, text := range excerpts {
		var src source.Source
		err := source.Read("probe.txt", []byte(text), func(s source.Source) error { src = s; return nil })
		if err != nil {
			t.Fatalf("%s: %v", names[k], err)
		}
		rec, blocks := Read(src.Blocks, src.Front, src.Session, src.Title)
		if rec == nil {
			t.Logf("%s: not read as minutes", names[k])
		}
		for _, p := range lines[k] {
			total++
			var got Speech
			opens := false
			if rec != nil {
				for i, b := range blocks {
					first, _, _ := strings.Cut(b.Text, "\n")
					if strings.TrimSpace(first) != p.text || b.Speech == 0 || i > 0 && blocks[i-1].Speech == b.Speech {
						continue
					}
					got, opens = rec.Speeches[b.Speech-1], true
					break
				}
			}
			if opens != p.opens {
				if p.opens {
					counts["opens"].unknown++
					t.Logf("unknown opens: %s", p.text)
				} else {
					counts["opens"].wrong++
					t.Errorf("wrong opens: %s [%s] reads as %+v", p.text, p.excerpt, got)
				}
			} else {
				counts["opens"].right++
			}
			score("name", p.name, got.Name, p)
			score("title", p.title, got.Title, p)
			score("role", p.role, got.Role, p)
		}
	}
	t.Logf("probe set: %d lines in %d excerpts", total, len(excerpts))
	for _, f := range fields {
		c := counts[f]
		t.Logf("  %-5s right %2d, wrong %2d, unknown %2d", f, c.right, c.wrong, c.unknown)
	}
}
