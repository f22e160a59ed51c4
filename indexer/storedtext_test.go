package indexer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/klauspost/compress/dict"

	"seisaku/indexer/source"
)

// passageTextsUnder returns the text of every passage the files under roots
// give, by passage ID, as the analysis makes them (not read from an index).
func passageTextsUnder(t *testing.T, roots []string) map[string]string {
	t.Helper()
	inputs, _, _, err := discover(roots, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, in := range inputs {
		var n atomic.Int64
		err := in.read(func(src source.Source) error {
			src.Path = in.name
			d := (&Analyzer{Defaults: in.defaults}).Document(src)
			if d != nil {
				for _, p := range d.Passages {
					out[PassageID(d.ID, p.Seq)] = p.Text
				}
			}
			return nil
		}, &n)
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// checkStoredText decodes the stored text of every passage of idx with
// the index's dictionary and compares it with want; it returns the bytes
// stored and the bytes of text.
func checkStoredText(t *testing.T, idx bleve.Index, want map[string]string) (stored, text int) {
	t.Helper()
	d, err := TextDictionary(idx)
	if err != nil {
		t.Fatal(err)
	}
	if d == nil {
		t.Fatal("the index has no text dictionary")
	}
	dec, err := NewTextDecoder(d)
	if err != nil {
		t.Fatal(err)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), len(want)+10, 0, false)
	req.Fields = []string{FieldText}
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(want) {
		t.Fatalf("%d passages in the index, %d made by the analysis", len(res.Hits), len(want))
	}
	for _, h := range res.Hits {
		v, _ := h.Fields[FieldText].(string)
		got, err := dec.Text([]byte(v))
		if err != nil {
			t.Fatalf("%s: %v", h.ID, err)
		}
		if w, ok := want[h.ID]; !ok || got != w {
			t.Fatalf("%s decodes to %q, want %q", h.ID, got, w)
		}
		if v == got && got != "" {
			t.Fatalf("%s: the text is stored as it is", h.ID)
		}
		stored += len(v)
		text += len(got)
	}
	return stored, text
}

// TestStoredTextDecodes: every passage's stored text, compressed with the
// dictionary a build trained on the samples (Japanese minutes, bulletins
// and municipal pages), decodes to the passage's text; an update
// compresses the passages it adds with the same dictionary.
func TestStoredTextDecodes(t *testing.T) {
	root := filepath.Join(t.TempDir(), "docs")
	if err := os.CopyFS(root, os.DirFS("samples/data")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Build(context.Background(), dir, []string{root}, Options{}); err != nil {
		t.Fatal(err)
	}
	idx, _, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := passageTextsUnder(t, []string{root})
	stored, text := checkStoredText(t, idx, want)
	t.Logf("%d passages, %d bytes of text stored in %d", len(want), text, stored)
	if stored*2 > text {
		t.Errorf("%d bytes of text stored in %d", text, stored)
	}
	before, _ := TextDictionary(idx)
	idx.Close()

	// a new file, and one changed
	speeches := filepath.Join(root, "kiryu-speeches")
	ents, err := os.ReadDir(speeches)
	if err != nil || len(ents) == 0 {
		t.Fatal("no speeches", err)
	}
	b, err := os.ReadFile(filepath.Join(speeches, ents[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	added := strings.ReplaceAll(string(b), "市民", "市民の皆様")
	if err := os.WriteFile(filepath.Join(speeches, "added.txt"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(speeches, ents[0].Name()), []byte(added+"\n以上で説明を終わります。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := Update(context.Background(), dir, []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 1 || sum.Changed != 1 {
		t.Fatalf("update: %d added, %d changed", sum.Added, sum.Changed)
	}
	idx, _, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	after, _ := TextDictionary(idx)
	if string(after) != string(before) {
		t.Error("the update changed the index's dictionary")
	}
	checkStoredText(t, idx, passageTextsUnder(t, []string{root}))
}

// TestTextWithoutDictionary: text too short to train on is compressed
// without a dictionary, and decodes as well.
func TestTextWithoutDictionary(t *testing.T) {
	d, err := trainTextDictionary([][]byte{[]byte("市民の声を聞く会を開催しました。")})
	if err != nil || d != nil {
		t.Fatalf("dictionary of one sentence: %d bytes, %v", len(d), err)
	}
	enc, err := newTextEncoder(nil)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := NewTextDecoder(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "市民の声を聞く会を開催しました。", strings.Repeat("議長（森山享大）　ただいまから本日の会議を開きます。", 50)} {
		got, err := dec.Text(enc.encode([]byte(s)))
		if err != nil || got != s {
			t.Errorf("%q decodes to %q, %v", s, got, err)
		}
	}
}

// TestTextDictionaryClash: two indexes whose different dictionaries carry
// the same ID cannot be decoded together.
func TestTextDictionaryClash(t *testing.T) {
	sample := func(word string) [][]byte {
		var s [][]byte
		for i := range 60 {
			s = append(s, []byte(strings.Repeat(word, 1+i%7)+"について質問いたします。市長の答弁を求めます。"))
		}
		return s
	}
	a, err := dict.BuildZstdDict(sample("子育て支援"), dict.Options{MaxDictSize: 4 << 10, HashBytes: 6, ZstdDictID: 40000})
	if err != nil {
		t.Fatal(err)
	}
	b, err := dict.BuildZstdDict(sample("公共交通"), dict.Options{MaxDictSize: 4 << 10, HashBytes: 6, ZstdDictID: 40000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewTextDecoder(a, a); err != nil {
		t.Errorf("the same dictionary twice: %v", err)
	}
	if _, err := NewTextDecoder(a, b); err == nil {
		t.Error("two dictionaries with one ID: no error")
	}
}
