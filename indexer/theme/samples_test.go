package theme_test

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"seisaku/indexer"
	"seisaku/indexer/samples"
	"seisaku/indexer/source"
)

// samplePassage is one passage of the bundled samples with its themes.
type samplePassage struct {
	key, seq, headings, text string
	themes                   []string
}

// tagSamples reads the bundled samples as the indexer does and returns
// their passages with the themes the tagger gives them.
func tagSamples(t *testing.T) []samplePassage {
	t.Helper()
	fsys := samples.FS()
	an := &indexer.Analyzer{}
	var out []samplePassage
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !source.Supported(p) {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return source.Read(p, data, func(src source.Source) error {
			src.Path = p
			doc := an.Document(src)
			if doc == nil {
				return nil
			}
			for _, ps := range doc.Passages {
				out = append(out, samplePassage{p + "#" + src.Key, fmt.Sprint(ps.Seq),
					strings.Join(ps.Headings, " > "), ps.Text, ps.Themes})
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestJudgedSamples checks the tagger against the (passage, theme) tags
// judged by hand in testdata/judged-*.tsv (see testdata/README.md): of the
// judged tags it still gives, at least 80% must be right. With
// THEME_DUMP=file it also writes every passage and its themes, one a line.
func TestJudgedSamples(t *testing.T) {
	ps := tagSamples(t)
	tags := map[[2]string][]string{}
	counts := map[string]int{}
	none := 0
	for _, p := range ps {
		tags[[2]string{p.key, p.seq}] = p.themes
		for _, th := range p.themes {
			counts[th]++
		}
		if len(p.themes) == 0 {
			none++
		}
	}
	right, given := 0, 0
	seen := map[string]bool{}
	for _, f := range []string{"testdata/judged-before.tsv", "testdata/judged-after.tsv"} {
		file, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(file)
		for sc.Scan() {
			c := strings.Split(sc.Text(), "\t")
			if strings.HasPrefix(c[0], "#") || seen[c[0]+c[1]+c[2]] {
				continue
			}
			seen[c[0]+c[1]+c[2]] = true
			if slices.Contains(tags[[2]string{c[0], c[1]}], c[2]) {
				given++
				if c[3] == "1" {
					right++
				}
			}
		}
		file.Close()
	}
	t.Logf("%d passages, %d without a theme; judged tags given %d, right %d; per theme %v", len(ps), none, given, right, counts)
	if given == 0 || right*5 < given*4 {
		t.Errorf("precision on the judged sample %d/%d, want at least 80%%", right, given)
	}
	if out := os.Getenv("THEME_DUMP"); out != "" {
		var b strings.Builder
		clean := strings.NewReplacer("\n", "⏎", "\t", " ", "\r", "").Replace
		for _, p := range ps {
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", p.key, p.seq, clean(p.headings), clean(p.text), strings.Join(p.themes, ","))
		}
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
