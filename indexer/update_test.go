package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestUpdate changes, deletes and adds files under a built index: the
// update reads only what changed and ends with the same index a full
// build of the new tree gives.
func TestUpdate(t *testing.T) {
	t.Run("one segment", func(t *testing.T) { testUpdate(t, Options{}) })
	// a live index of several segments, as a large build writes
	t.Run("several segments", func(t *testing.T) { testUpdate(t, Options{BatchSize: 20, SegmentBytes: 64 << 10}) })
}

func testUpdate(t *testing.T, opt Options) {
	root := filepath.Join(t.TempDir(), "docs")
	copyDir(t, seedsDir, root)
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Build(context.Background(), dir, []string{root}, opt); err != nil {
		t.Fatal(err)
	}
	live, _ := CurrentGeneration(dir)

	changed := filepath.Join(root, "003_b420ad07a43b45ed.txt")
	b, err := os.ReadFile(changed)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "\n\n市役所にゼブラ会議を新設し、市民との対話を深めます。\n"...)
	if err := os.WriteFile(changed, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(root, "004_834a0d1253e7f380.txt")); err != nil {
		t.Fatal(err)
	}
	bulletin, _ := os.ReadFile("samples/data/kouhou-bulletins/atsugi-1421.csv")
	if err := os.WriteFile(filepath.Join(root, "atsugi-1421.csv"), bulletin, 0o644); err != nil {
		t.Fatal(err)
	}

	// an interrupted update changes nothing
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Update(ctx, dir, []string{root}, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled update: %v", err)
	}
	if g, _ := CurrentGeneration(dir); g != live {
		t.Fatal("a cancelled update switched the index")
	}

	sum, err := Update(context.Background(), dir, []string{root}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 3 || sum.Changed != 1 || sum.Added != 1 || sum.Removed != 1 || sum.Files != 2 {
		t.Errorf("update read %d files: unchanged %d changed %d added %d removed %d; want 2 files: 3 1 1 1",
			sum.Files, sum.Unchanged, sum.Changed, sum.Added, sum.Removed)
	}
	updated, m, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer updated.Close()

	fresh := filepath.Join(t.TempDir(), "fresh")
	full, err := Build(context.Background(), fresh, []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	if m.Passages != full.Passages || docCount(t, updated) != docCount(t, want) {
		t.Errorf("updated index: manifest %d passages, index %d; a full build: %d, %d",
			m.Passages, docCount(t, updated), full.Passages, docCount(t, want))
	}
	for _, q := range []string{"ゼブラ会議", "部長マニフェスト", "緑のまつり", "市長公室"} {
		if u, w := phraseHits(t, updated, FieldText, q), phraseHits(t, want, FieldText, q); u != w {
			t.Errorf("%s: %d hits after the update, %d in a full build", q, u, w)
		}
	}
	if n := phraseHits(t, updated, FieldText, "ゼブラ会議"); n != 1 {
		t.Errorf("the changed file's new sentence: %d hits, want 1", n)
	}
}

// TestUpdateReadsAgainWhatAnOlderVersionRead: a file whose bytes did not
// change but which an older version of the readers read (its record's
// ReadingVersion) is read again by an update, so that a new reading rule
// reaches an index without a full rebuild; a second update reads nothing.
func TestUpdateReadsAgainWhatAnOlderVersionRead(t *testing.T) {
	root := filepath.Join(t.TempDir(), "docs")
	copyDir(t, seedsDir, root)
	dir := filepath.Join(t.TempDir(), "index")
	built, err := Build(context.Background(), dir, []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	live, _ := CurrentGeneration(dir)
	m, err := readManifest(live)
	if err != nil {
		t.Fatal(err)
	}
	for name, rec := range m.Sources {
		if rec.Reading != ReadingVersion {
			t.Fatalf("%s: a build records reading %d, want %d", name, rec.Reading, ReadingVersion)
		}
		rec.Reading = 0 // as a version before the field was written
		m.Sources[name] = rec
	}
	if err := writeManifest(live, m); err != nil {
		t.Fatal(err)
	}
	sum, err := Update(context.Background(), dir, []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 0 || sum.Reread != len(m.Sources) || sum.Changed != len(m.Sources) || sum.Files != built.Files {
		t.Errorf("update: unchanged %d, reread %d, changed %d, files %d; want 0, %d, %d, %d",
			sum.Unchanged, sum.Reread, sum.Changed, sum.Files, len(m.Sources), len(m.Sources), built.Files)
	}
	if sum.Passages != built.Passages {
		t.Errorf("update read %d passages, the build %d", sum.Passages, built.Passages)
	}
	again, err := Update(context.Background(), dir, []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != len(m.Sources) || again.Reread != 0 || again.Files != 0 {
		t.Errorf("second update: unchanged %d, reread %d, files %d; want %d, 0, 0", again.Unchanged, again.Reread, again.Files, len(m.Sources))
	}
}
