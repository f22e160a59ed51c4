package indexer

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"seisaku/indexer/internal/titlecheck"
	"seisaku/indexer/samples"
	"seisaku/indexer/source"
)

// TestMetadataTable holds the extracted metadata to testdata/metadata.tsv,
// the city, prefecture, department, fiscal year and title written by hand
// from reading each document: every bundled sample document but the
// bulletins (two articles of each), every speech of ../shared/corpus, two
// articles of each bulletin issue and three records of each 事務事業 file
// (see testdata/README.md). A field is right when it equals the hand
// value ("-" meaning the document states none and the field must stay
// unknown), unknown when extraction left it empty, wrong otherwise. A
// wrong value fails the test; unknown values are only counted
// (go test -run MetadataTable -v ./indexer/ prints the table).
func TestMetadataTable(t *testing.T) {
	f, err := os.Open("testdata/metadata.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	corpus := "../../shared/corpus"
	_, noCorpus := os.Stat(corpus)
	pdfs := filepath.Join(corpus, "municipal-pdf", "pdf")
	_, noPDFs := os.Stat(pdfs)
	fields := []string{"city", "prefecture", "department", "year", "title"}
	type tally struct{ right, wrong, unknown int }
	counts := map[string]map[string]*tally{}
	docs := map[string]map[string]*Document{} // root/file → key → document
	an := &Analyzer{}
	load := func(root, file string) map[string]*Document {
		id := root + "/" + file
		if m, ok := docs[id]; ok {
			return m
		}
		m := map[string]*Document{}
		emit := func(s source.Source) error {
			if d := an.Document(s); d != nil {
				m[s.Key] = d
			}
			return nil
		}
		if root == "samples" {
			b, err := fs.ReadFile(samples.FS(), file)
			if err != nil {
				t.Fatal(err)
			}
			err = source.Read(file, b, emit)
		} else if root == "municipal-pdf" {
			err = source.ReadFile(filepath.Join(pdfs, file), emit)
		} else {
			err = source.ReadFile(filepath.Join(corpus, file), emit)
		}
		if err != nil {
			t.Errorf("%s: %v", id, err)
		}
		docs[id] = m
		return m
	}
	sc := bufio.NewScanner(f)
	rows := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 8 && len(c) != 9 {
			t.Fatalf("bad row %q", line)
		}
		root, file, key := c[0], c[1], c[2]
		if root == "corpus" && noCorpus != nil || root == "municipal-pdf" && noPDFs != nil {
			continue
		}
		yearAlso := ""
		if len(c) == 9 {
			yearAlso = c[8]
		}
		rows++
		d := load(root, file)[key]
		if d == nil {
			t.Errorf("%s %s %s: no such document", root, file, key)
			continue
		}
		if root == "municipal-pdf" { // none is minutes: plans bullet with ○ and ◎ (◎施策の目標, ○人口構造)
			for _, p := range d.Passages {
				if p.Speaker != "" || p.Role != "" {
					t.Errorf("%s %s: not minutes, yet passage %d has the speaker %q (%s)", root, file, p.Seq, p.Speaker, p.Role)
					break
				}
			}
		}
		year := ""
		if d.Meta.FiscalYear != 0 {
			year = strconv.Itoa(d.Meta.FiscalYear)
		}
		title := d.Title
		if root == "municipal-pdf" {
			title = d.Meta.Title // "" when no title was found: d.Title is then a label, not a claim
		}
		got := []string{d.Meta.City, d.Meta.Prefecture, d.Meta.Department, year, title}
		for i, name := range fields {
			want := c[3+i]
			if counts[root] == nil {
				counts[root] = map[string]*tally{}
			}
			if counts[root][name] == nil {
				counts[root][name] = &tally{}
			}
			n := counts[root][name]
			switch {
			case got[i] == want || got[i] == "" && want == "-":
				n.right++
			case name == "year" && got[i] != "" && got[i] == yearAlso:
				n.right++ // the fiscal year of the document's own date
			case name == "title" && root == "municipal-pdf" && got[i] != "" && titlecheck.Same(got[i], want):
				n.right++
			case got[i] == "":
				n.unknown++
			default:
				n.wrong++
				t.Errorf("%s %s %s: %s = %q, written by hand %q", root, file, key, name, got[i], want)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if noCorpus != nil {
		t.Logf("%s absent: the corpus rows were skipped", corpus)
	} else if noPDFs != nil {
		t.Logf("%s absent: the municipal-pdf rows were skipped", pdfs)
	}
	for _, root := range []string{"samples", "corpus", "municipal-pdf"} {
		if counts[root] == nil {
			continue
		}
		var b strings.Builder
		for _, name := range fields {
			n := counts[root][name]
			fmt.Fprintf(&b, " %s %d/%d/%d", name, n.right, n.wrong, n.unknown)
		}
		t.Logf("%s (right/wrong/unknown):%s", root, b.String())
	}
	if rows == 0 {
		t.Fatal("no rows")
	}
}
