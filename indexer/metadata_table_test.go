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
		if len(c) != 8 {
			t.Fatalf("bad row %q", line)
		}
		root, file, key := c[0], c[1], c[2]
		if root == "corpus" && noCorpus != nil {
			continue
		}
		rows++
		d := load(root, file)[key]
		if d == nil {
			t.Errorf("%s %s %s: no such document", root, file, key)
			continue
		}
		year := ""
		if d.Meta.FiscalYear != 0 {
			year = strconv.Itoa(d.Meta.FiscalYear)
		}
		got := []string{d.Meta.City, d.Meta.Prefecture, d.Meta.Department, year, d.Title}
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
	}
	for _, root := range []string{"samples", "corpus"} {
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
