package synonym

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// The embedded file is the Sudachi source, unchanged: its SHA-256 is the one
// of src/main/text/synonyms.txt at commit 2c7cbcf.
func TestEmbeddedIsTheSource(t *testing.T) {
	r, err := gzip.NewReader(bytes.NewReader(dictionary))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != "db5f2ce5d937d0c5e75c123bb81c688ed77d252e5ed40f6149ca121b7deca73e" {
		t.Errorf("sha256 %s", got)
	}
	// and, where the shared copy is at hand, equal to it
	if src, err := os.ReadFile("../../../shared/data/sudachi-synonyms/synonyms.txt"); err == nil && !bytes.Equal(src, b) {
		t.Error("data/synonyms.txt.gz differs from ../shared/data/sudachi-synonyms/synonyms.txt")
	}
}

func TestLookup(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ word, want string }{
		{"障害者", "variant:障がい者 variant:障碍者"},
		{"障がい者", "variant:障害者 variant:障碍者"},
		{"保育園", "synonym:保育所"},
		{"母子家庭", "synonym:母子世帯"},
		{"オンライン申請", "synonym:電子申請"},
		{"マイナカード", "variant:マイナンバーカード synonym:個人番号カード"},
		// Latin spellings (kid, child) are left out; 小人 (展開制御 1) is expanded to
		{"子供", "variant:子ども synonym:キッド synonym:キッズ synonym:チャイルド synonym:子供達 synonym:子供たち synonym:子ども達 synonym:小人"},
		{"ＤＸ", lookupString(d, "DX")},
		{"存在しない語", ""},
	}
	for _, tt := range tests {
		if got := lookupString(d, tt.word); got != tt.want {
			t.Errorf("Lookup(%s) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func lookupString(d *Dict, w string) string {
	var s []string
	for _, a := range d.Lookup(w) {
		s = append(s, fmt.Sprintf("%s:%s", a.Relation, a.Text))
	}
	return strings.Join(s, " ")
}

// 展開制御: 1 is expanded to but never expands, 2 is never used.
func TestExpansionFlags(t *testing.T) {
	d, err := Read(strings.NewReader(`008272,1,0,1,0,0,0,(),申し込み,,
008272,1,0,1,0,0,2,(),申込,,
008272,1,1,5,0,0,0,(),申請,,
008272,1,2,6,0,0,0,(),エントリー,,
008272,1,0,6,0,0,1,(),entry,,

000113,1,0,1,0,0,0,(IT),オンライン申請,,
000113,1,0,2,0,0,0,(IT),電子申請,,
`))
	if err != nil {
		t.Fatal(err)
	}
	for w, want := range map[string]string{
		"申し込み": "variant:申込 synonym:申請", "申込": "variant:申し込み synonym:申請",
		"申請": "", "エントリー": "", "entry": "", "電子申請": "synonym:オンライン申請",
	} {
		if got := lookupString(d, w); got != want {
			t.Errorf("Lookup(%s) = %q, want %q", w, got, want)
		}
	}
	if d.Len() != 4 {
		t.Errorf("%d words with alternatives, want 4", d.Len())
	}
}

func TestReadRejectsBrokenCSV(t *testing.T) {
	if _, err := Read(strings.NewReader("000001,1,0,1,0,0,0,(),\"保育園,,\n")); err == nil {
		t.Error("an unterminated quote must be an error")
	}
}
