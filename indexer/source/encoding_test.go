package source

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// TestLegacyEncodings encodes real excerpts in Shift_JIS, EUC-JP and
// UTF-16, with CRLF line ends and a BOM, and expects the blocks of the
// UTF-8 original.
func TestLegacyEncodings(t *testing.T) {
	encodings := []struct {
		name string
		enc  encoding.Encoding
	}{
		{"Shift_JIS", japanese.ShiftJIS},
		{"EUC-JP", japanese.EUCJP},
		{"UTF-16", xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)},
		{"UTF-16", xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)},
	}
	for _, file := range []string{"kiryu-speech.txt", "seed003_markdown.txt"} {
		orig := readFixture(t, file)
		want := one(t, file, orig)
		for _, e := range encodings {
			crlf := strings.ReplaceAll(string(orig), "\n", "\r\n")
			data, err := e.enc.NewEncoder().Bytes([]byte(crlf))
			if err != nil {
				t.Fatalf("%s in %s: %v", file, e.name, err)
			}
			got := one(t, file, data)
			if got.Encoding != e.name || got.Title != want.Title || compact(got.Blocks) != compact(want.Blocks) {
				t.Errorf("%s in %s: encoding %q title %q\n got  %.300s\n want %.300s", file, e.name, got.Encoding, got.Title, compact(got.Blocks), compact(want.Blocks))
			}
		}
	}
}

func TestUTF8BOM(t *testing.T) {
	data := append([]byte("\ufeff"), readFixture(t, "kouhou.csv")...)
	docs, err := collect("kouhou.csv", data)
	if err != nil || len(docs) != 3 || docs[0].Hints.City != "厚木市" || docs[0].Encoding != "UTF-8" {
		t.Errorf("BOM: %d docs, err %v", len(docs), err)
	}
}

func TestHTMLMetaCharset(t *testing.T) {
	page := strings.Replace(string(readFixture(t, "page.html")), `<meta charset="UTF-8">`, `<meta charset="Shift_JIS">`, 1)
	data, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	got := one(t, "page.html", data)
	want := one(t, "page.html", readFixture(t, "page.html"))
	if got.Encoding != "Shift_JIS" || got.Title != want.Title || compact(got.Blocks) != compact(want.Blocks) {
		t.Errorf("encoding %q title %q blocks %s", got.Encoding, got.Title, compact(got.Blocks))
	}
}

func TestJapaneseScorePrefersTheRightEncoding(t *testing.T) {
	// EUC-JP bytes read as Shift_JIS come out as half-width katakana.
	text := "区政についての意見と区政の評価を行う「区政会議」の設置"
	euc, _ := japanese.EUCJP.NewEncoder().Bytes([]byte(text))
	got, name, err := decode(euc)
	if err != nil || name != "EUC-JP" || got != text {
		t.Errorf("decode(EUC-JP) = %q, %q, %v", got, name, err)
	}
}
