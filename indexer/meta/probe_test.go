package meta

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"seisaku/indexer/internal/titlecheck"
)

// probe is one record of testdata/probe.txt: a document's opening and
// the values written for it by hand.
type probe struct {
	name, about string
	batch       int       // 1: written before any rule was changed for them; 2: after the first round; 3: 2026-12-08, from one city's assembly papers
	want        [4]string // title, fiscal year, department, city; "-" none
	lines       []string
}

func readProbes(t *testing.T) []probe {
	t.Helper()
	f, err := os.Open("testdata/probe.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []probe
	batch := 1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "%batch "):
			batch, _ = strconv.Atoi(strings.Fields(l)[1])
		case strings.HasPrefix(l, "=== "):
			name, about, _ := strings.Cut(strings.TrimPrefix(l, "=== "), "  ")
			out = append(out, probe{name: name, about: about, batch: batch})
		case len(out) == 0:
			// the file's own comments, above the first record
		case strings.HasPrefix(l, "want\t"):
			f := strings.Split(l, "\t")
			if len(f) != 5 {
				t.Fatalf("%s: want line with %d fields", out[len(out)-1].name, len(f))
			}
			copy(out[len(out)-1].want[:], f[1:])
		default:
			out[len(out)-1].lines = append(out[len(out)-1].lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var probeFields = [4]string{"title", "fiscal year", "department", "city"}

// TestProbe runs the rules on the probe set (testdata/probe.txt): openings
// of documents of kinds and cities the corpus does not hold, with values
// written by hand. A field is right when it is the hand value ("-": none,
// and the field stays empty; a title when it holds most of the hand title,
// as sameProbeTitle says), unknown when left empty, wrong otherwise. A
// wrong value fails the test; go test -run Probe -v ./indexer/meta/ prints
// the counts.
func TestProbe(t *testing.T) {
	var right, wrong, unknown [4][4]int // all, batch 1, batch 2, batch 3
	var count [4]int
	probes := readProbes(t)
	for _, p := range probes {
		count[0]++
		count[p.batch]++
		m := Extract(fixtureInput(p.lines), Metadata{})
		y := ""
		if m.FiscalYear != 0 {
			y = strconv.Itoa(m.FiscalYear)
		}
		got := [4]string{m.Title, y, m.Department, m.City}
		why := [4]string{m.Why.Title, m.Why.FiscalYear, m.Why.Department, ""}
		for i, want := range p.want {
			switch {
			case got[i] == want || got[i] == "" && want == "-" || i == 0 && got[i] != "" && want != "-" && titlecheck.Same(got[i], want):
				right[0][i]++
				right[p.batch][i]++
			case got[i] == "":
				unknown[0][i]++
				unknown[p.batch][i]++
				t.Logf("%s (%s): %s unknown, written by hand %q", p.name, p.about, probeFields[i], want)
			default:
				wrong[0][i]++
				wrong[p.batch][i]++
				t.Errorf("%s (%s): %s = %q (%s), written by hand %q", p.name, p.about, probeFields[i], got[i], why[i], want)
			}
		}
	}
	for b, what := range []string{"all", "batch 1", "batch 2", "batch 3"} {
		t.Logf("%s: %d probes, right / wrong / unknown:", what, count[b])
		for i, f := range probeFields {
			t.Logf("  %-12s %2d / %d / %d", f, right[b][i], wrong[b][i], unknown[b][i])
		}
	}
}
