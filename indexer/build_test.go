package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search/query"

	"seisaku/analyzers"
	"seisaku/indexer/meta"
)

// seedsDir holds the five seed documents (bundled samples).
const seedsDir = "samples/data/seeds"

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func docCount(t *testing.T, idx bleve.Index) uint64 {
	t.Helper()
	n, err := idx.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func phraseHits(t *testing.T, idx bleve.Index, field, text string) uint64 {
	t.Helper()
	var q query.Query
	if field == FieldTextBigram { // no term vectors, no phrases: every bigram, anywhere
		mq := bleve.NewMatchQuery(text)
		mq.SetField(field)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		q = mq
	} else {
		pq := bleve.NewMatchPhraseQuery(text)
		pq.SetField(field)
		q = pq
	}
	res, err := idx.Search(bleve.NewSearchRequest(q))
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

func TestBuildAndOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	sum, err := Build(context.Background(), dir, []string{seedsDir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 5 || sum.Documents != 5 || len(sum.Skipped) != 0 {
		t.Fatalf("summary: files %d documents %d skipped %v; want 5, 5, none", sum.Files, sum.Documents, sum.Skipped)
	}
	idx, m, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if m.SchemaVersion != SchemaVersion || m.Passages != sum.Passages {
		t.Errorf("manifest %+v, summary passages %d", m, sum.Passages)
	}
	if n := docCount(t, idx); n != uint64(sum.Passages) {
		t.Errorf("index holds %d passages, summary says %d", n, sum.Passages)
	}
	// 多文化共生 occurs in seed 001 (市民局運営方針) only.
	if n := phraseHits(t, idx, FieldText, "多文化共生"); n == 0 {
		t.Error("no passage found for 多文化共生")
	}
	if n := phraseHits(t, idx, FieldTextBigram, "多文化共生"); n == 0 {
		t.Error("no passage found for 多文化共生 through bigrams")
	}
}

func TestBuildSkipsBadFilesAndKeepsTheRest(t *testing.T) {
	root := filepath.Join(t.TempDir(), "docs")
	copyDir(t, seedsDir, root)
	bad := map[string][]byte{
		"empty.txt":        nil,
		"broken.json":      []byte(`{"records": [ {"name": "広報広聴事業", `),
		"binary.txt":       {0xff, 0xfe, 0xfd, 0x00, 0x81, 0x00, 0xff, 0xff, 0x80, 0x80},
		"chrome-only.html": []byte("<html><body><nav>ページの先頭です</nav></body></html>"),
	}
	for name, b := range bad {
		if err := os.WriteFile(filepath.Join(root, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "index")
	sum, err := Build(context.Background(), dir, []string{root}, Options{})
	if err != nil {
		t.Fatalf("a bad file aborted the build: %v", err)
	}
	if sum.Documents != 5 {
		t.Errorf("indexed %d documents, want the 5 good ones", sum.Documents)
	}
	skipped := map[string]string{}
	for _, s := range sum.Skipped {
		skipped[filepath.Base(strings.SplitN(s.Path, "#", 2)[0])] = s.Reason
	}
	for name := range bad {
		if skipped[name] == "" {
			t.Errorf("%s not reported as skipped (skipped: %v)", name, sum.Skipped)
		}
	}
}

func TestFailedBuildKeepsPreviousIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	first, err := Build(context.Background(), dir, []string{seedsDir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	live, _ := CurrentGeneration(dir)

	// A build cancelled part-way, as by Ctrl-C.
	ctx, cancel := context.WithCancel(context.Background())
	opt := Options{BatchSize: 10, Workers: 1, Progress: func(p Progress) {
		if p.Passages > 0 {
			cancel()
		}
	}}
	root := filepath.Join(t.TempDir(), "more")
	copyDir(t, "samples/data/kouhou-bulletins", root)
	if _, err := Build(ctx, dir, []string{seedsDir, root}, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: err = %v, want context.Canceled", err)
	}
	// A build whose source folder is missing.
	if _, err := Build(context.Background(), dir, []string{filepath.Join(root, "missing")}, Options{}); err == nil {
		t.Fatal("build of a missing folder succeeded")
	}

	if g, _ := CurrentGeneration(dir); g != live {
		t.Fatalf("live generation changed from %s to %s", live, g)
	}
	idx, m, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if m.Passages != first.Passages || docCount(t, idx) != uint64(first.Passages) {
		t.Errorf("previous index damaged: manifest %d passages, index %d, want %d", m.Passages, docCount(t, idx), first.Passages)
	}
	gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*"))
	if len(gens) != 1 {
		t.Errorf("generations left on disk: %v, want only the live one", gens)
	}
}

func TestOpenChecksSchemaVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Build(context.Background(), dir, []string{seedsDir}, Options{}); err != nil {
		t.Fatal(err)
	}
	gen, _ := CurrentGeneration(dir)
	m, err := readManifest(gen)
	if err != nil {
		t.Fatal(err)
	}
	m.SchemaVersion = SchemaVersion - 1
	if err := writeManifest(gen, m); err != nil {
		t.Fatal(err)
	}
	_, _, err = Open(dir)
	if err == nil || !strings.Contains(err.Error(), "schema version") || !strings.Contains(err.Error(), "seisaku index") {
		t.Fatalf("Open of an old schema: err = %v, want a message asking for a rebuild", err)
	}
	if _, _, err := Open(filepath.Join(t.TempDir(), "nothing")); !errors.Is(err, ErrNoIndex) {
		t.Fatalf("Open of a missing directory: err = %v, want ErrNoIndex", err)
	}
}

func TestBuildMemoryMatchesDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	opt := Options{Defaults: meta.Metadata{City: "大阪市"}}
	sum, err := Build(context.Background(), dir, []string{seedsDir}, opt)
	if err != nil {
		t.Fatal(err)
	}
	disk, _, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	mem, msum, err := BuildMemory(context.Background(), os.DirFS(seedsDir), opt)
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	if msum.Passages != sum.Passages {
		t.Fatalf("memory build %d passages, disk build %d", msum.Passages, sum.Passages)
	}
	for _, q := range []struct{ field, text string }{
		{FieldText, "情報発信"}, {FieldText, "区政会議"}, {FieldTextBigram, "協働"},
		{FieldText, "広報紙"}, {FieldTitle, "運営方針"},
	} {
		if d, m := phraseHits(t, disk, q.field, q.text), phraseHits(t, mem, q.field, q.text); d != m || d == 0 {
			t.Errorf("%s:%s: disk %d hits, memory %d (want equal and > 0)", q.field, q.text, d, m)
		}
	}
}

// TestRootDefaults: the operator's defaults apply to the folder they were
// given for. Two folders hold a report that names no city; only the one
// given -city 桐生市 gets it, the other stays unknown, and the seeds keep
// the cities their text names.
func TestRootDefaults(t *testing.T) {
	report := "令和5年度 事業報告\n\n市民の声を聞く会を開催し、地域の課題について意見を交わしました。\n"
	kiryu, other := filepath.Join(t.TempDir(), "kiryu"), filepath.Join(t.TempDir(), "other")
	for _, d := range []string{kiryu, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, filepath.Base(d)+".txt"), []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cities := func(opt Options) string {
		t.Helper()
		idx, _, err := BuildMemoryFromRoots(t, []string{seedsDir, kiryu, other}, opt)
		if err != nil {
			t.Fatal(err)
		}
		defer idx.Close()
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1000, 0, false)
		req.Fields = []string{FieldSource, FieldCity}
		res, err := idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, h := range res.Hits {
			src, _ := h.Fields[FieldSource].(string)
			city, _ := h.Fields[FieldCity].(string)
			got[filepath.Base(src)] = city
		}
		return fmt.Sprintf("kiryu=%s other=%s seed000=%s", got["kiryu.txt"], got["other.txt"], got["000_1403620876372b75.txt"])
	}
	if got, want := cities(Options{RootDefaults: map[string]meta.Metadata{kiryu: {City: "桐生市"}}}), "kiryu=桐生市 other= seed000=大阪市"; got != want {
		t.Errorf("per-folder default: %s, want %s", got, want)
	}
	if got, want := cities(Options{Defaults: meta.Metadata{City: "桐生市"}}), "kiryu=桐生市 other=桐生市 seed000=大阪市"; got != want {
		t.Errorf("global default: %s, want %s", got, want)
	}
}

// BuildMemoryFromRoots builds roots on disk into a temporary index and opens it.
func BuildMemoryFromRoots(t *testing.T, roots []string, opt Options) (bleve.Index, *Manifest, error) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Build(context.Background(), dir, roots, opt); err != nil {
		return nil, nil, err
	}
	return Open(dir)
}

// TestProgressFollowsAnalysis: the progress bar read 100% at 35 of 74
// files, because input bytes counted as done when read, and reading runs
// far ahead of analysis and indexing. Bytes now count as done with the
// documents analysed from them, and a file when its last document is.
func TestProgressFollowsAnalysis(t *testing.T) {
	inputs, _, _, err := discover([]string{seedsDir, "samples/data/kouhou-bulletins"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var snaps []Progress
	opt := Options{Workers: 1, Progress: func(p Progress) { snaps = append(snaps, p) }}
	sum, err := run(context.Background(), NewMapping(), inputs, opt, nil, func(*document.Document) error {
		time.Sleep(time.Millisecond) // a slow index writer
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(snaps) < 3 {
		t.Fatalf("only %d progress reports; the test needs a slower sink", len(snaps))
	}
	for _, p := range snaps[:len(snaps)-1] {
		if p.BytesDone >= p.Bytes && p.FilesDone < p.Files || p.FilesDone > p.Files {
			t.Errorf("progress %d of %d bytes with %d of %d files done", p.BytesDone, p.Bytes, p.FilesDone, p.Files)
		}
	}
	if last := snaps[len(snaps)-1]; last.BytesDone != last.Bytes || last.FilesDone != last.Files || sum.FilesDone != sum.Files {
		t.Errorf("final progress %+v", last)
	}
}

// seq, page and reply_to are indexed under one term a value (exactNumbers), which is
// the term a query for one value looks up; year is not indexed at all
// (year_facet's terms serve its ranges). year stays stored as a number;
// seq is not stored (the passage's ID names it).
func TestExactNumbers(t *testing.T) {
	idx, _, err := BuildMemory(context.Background(), os.DirFS(seedsDir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for _, field := range []string{FieldSeq, FieldYear, FieldYearFacet} {
		d, err := idx.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		terms, shifted := 0, 0
		for e, err := d.Next(); err == nil && e != nil; e, err = d.Next() {
			terms++
			if s, err := numeric.PrefixCoded(e.Term).Shift(); field != FieldYearFacet && (err != nil || s > 0) {
				shifted++
			}
		}
		d.Close()
		if shifted > 0 {
			t.Errorf("%s: %d terms of a shift above 0, want none", field, shifted)
		}
		if want := field != FieldYear; (terms > 0) != want {
			t.Errorf("%s: %d terms, want some: %v", field, terms, want)
		}
	}
	zero, incl := 0.0, true
	q := bleve.NewNumericRangeInclusiveQuery(&zero, &zero, &incl, &incl)
	q.SetField(FieldSeq)
	req := bleve.NewSearchRequest(q)
	req.Fields = []string{FieldSeq, FieldYear}
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 5 {
		t.Errorf("seq 0 in %d passages, want the 5 documents'", res.Total)
	}
	years := 0
	for _, h := range res.Hits {
		if _, seq, ok := SplitPassageID(h.ID); !ok || seq != 0 || h.Fields[FieldSeq] != nil {
			t.Errorf("%s: seq %d, stored %v; want 0, not stored", h.ID, seq, h.Fields[FieldSeq])
		}
		if y, ok := h.Fields[FieldYear].(float64); ok && y >= 1868 && y <= 2100 {
			years++
		}
	}
	if years == 0 {
		t.Error("no first passage stores its document's year")
	}
}

// TestEndsAsLengths: the text field keeps each location's length where its
// end was (analyzers.TextIndex): a location
// of a term is the start and length of its token in the analysis of the
// stored text.
func TestEndsAsLengths(t *testing.T) {
	idx, _, err := BuildMemory(context.Background(), os.DirFS(seedsDir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	dict, err := TextDictionary(idx)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := NewTextDecoder(dict)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ field, analyzer string }{
		{FieldText, analyzers.Morph},
	} {
		d, err := idx.FieldDict(c.field)
		if err != nil {
			t.Fatal(err)
		}
		var term string
		for e, err := d.Next(); err == nil && e != nil; e, err = d.Next() {
			if e.Count > 2 && (strings.ContainsRune(e.Term, 'カ') || strings.HasPrefix(e.Term, "市民")) {
				term = e.Term
				break
			}
		}
		d.Close()
		if term == "" {
			t.Fatalf("%s: no term with カ or 市民 in the seeds", c.field)
		}
		tq := bleve.NewTermQuery(term)
		tq.SetField(c.field)
		req := bleve.NewSearchRequest(tq)
		req.IncludeLocations = true
		req.Fields = []string{FieldText}
		res, err := idx.Search(req)
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("%s: no hits: %v", term, err)
		}
		checked := 0
		for _, h := range res.Hits {
			stored, _ := h.Fields[FieldText].(string)
			text, err := dec.Text([]byte(stored))
			if err != nil {
				t.Fatal(err)
			}
			ts, err := analyzers.Analyze(c.analyzer, text)
			if err != nil {
				t.Fatal(err)
			}
			at := map[uint64][2]uint64{}
			for _, tok := range ts {
				if string(tok.Term) == term {
					at[uint64(tok.Position)] = [2]uint64{uint64(tok.Start), uint64(tok.End - tok.Start)}
				}
			}
			for _, l := range h.Locations[c.field][term] {
				if want, ok := at[l.Pos]; !ok || [2]uint64{l.Start, l.End} != want {
					t.Errorf("%s %s: %s at %d: start %d, end %d; want start and length %v", c.field, h.ID, term, l.Pos, l.Start, l.End, want)
				}
				checked++
			}
		}
		if checked == 0 {
			t.Errorf("%s: no locations", term)
		}
	}
}

// TestSegmentBound: a build whose merge bound is smaller than its index
// writes several segments, none much above the bound, and answers as a
// build of one segment does. With a batch of 20 passages the seeds make
// about a dozen batch segments; the bound of 64 KB merges them into a few.
func TestSegmentBound(t *testing.T) {
	one := filepath.Join(t.TempDir(), "one")
	if _, err := Build(context.Background(), one, []string{seedsDir}, Options{BatchSize: 20}); err != nil {
		t.Fatal(err)
	}
	many := filepath.Join(t.TempDir(), "many")
	const bound = 64 << 10
	sum, err := Build(context.Background(), many, []string{seedsDir}, Options{BatchSize: 20, SegmentBytes: bound})
	if err != nil {
		t.Fatal(err)
	}
	zaps := func(dir string) (n int, biggest int64) {
		t.Helper()
		gen, err := CurrentGeneration(dir)
		if err != nil {
			t.Fatal(err)
		}
		files, err := filepath.Glob(filepath.Join(gen, "store", "*.zap"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			fi, err := os.Stat(f)
			if err != nil {
				t.Fatal(err)
			}
			biggest = max(biggest, fi.Size())
		}
		return len(files), biggest
	}
	if n, _ := zaps(one); n != 1 {
		t.Errorf("default bound: %d segments, want 1", n)
	}
	n, biggest := zaps(many)
	if n < 2 || biggest > 3*bound {
		t.Errorf("bound %d: %d segments, the largest %d bytes; want several, none far above the bound", bound, n, biggest)
	}
	a, _, err := Open(one)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, _, err := Open(many)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := docCount(t, b); got != uint64(sum.Passages) {
		t.Errorf("%d passages in the index, %d built", got, sum.Passages)
	}
	for _, q := range []struct{ field, text string }{
		{FieldText, "多文化共生"}, {FieldText, "区政会議"}, {FieldTextBigram, "協働"},
		{FieldText, "広報紙"}, {FieldTitle, "運営方針"},
	} {
		if x, y := phraseHits(t, a, q.field, q.text), phraseHits(t, b, q.field, q.text); x != y || x == 0 {
			t.Errorf("%s:%s: %d hits in one segment, %d in several (want equal and > 0)", q.field, q.text, x, y)
		}
	}
}
