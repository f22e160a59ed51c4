package source

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// TestOneLineText: a .txt of one line (a notice, a title-like sentence)
// used to be "empty document": its only line was taken as the title and
// its text lost. The line is now the title and the text.
func TestOneLineText(t *testing.T) {
	for _, text := range []string{"市民の声を聞く会を開催しました\n", "令和5年度 事業報告"} {
		docs, err := collect("notice.txt", []byte(text))
		if err != nil || len(docs) != 1 {
			t.Fatalf("%q: %d documents, %v", text, len(docs), err)
		}
		want := "P:" + strings.TrimSpace(text)
		if got := compact(docs[0].Blocks); got != want {
			t.Errorf("%q: blocks %s, want %s", text, got, want)
		}
	}
}

// TestBrokenBytesAreReplaced: one bad byte sequence in an 8 KB file used
// to skip the whole file ("broken encoding"). It is read with U+FFFD in
// place of the bad bytes and the damage is reported on the document;
// every other character is kept, in UTF-8 as in Shift_JIS. A file that is
// mostly garbage is still refused.
func TestBrokenBytesAreReplaced(t *testing.T) {
	line := "桐生市の市政運営の方針として、行財政改革を推進し、市民サービスの向上に努めます。\n"
	utf := []byte(strings.Repeat(line, 90))
	sjis, err := encodeSJIS(strings.Repeat(line, 90))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		enc  string
	}{
		{"UTF-8", breakAt(utf, 4000, "\xff\xfe"), "UTF-8"},
		{"UTF-8, a cut character", breakAt(utf, 4001, ""), "UTF-8"},
		{"Shift_JIS", breakAt(sjis, 3001, "\xff"), "Shift_JIS"},
	} {
		docs, err := collect("policy.txt", tc.data)
		if err != nil || len(docs) != 1 {
			t.Errorf("%s: %d documents, %v", tc.name, len(docs), err)
			continue
		}
		d := docs[0]
		text := d.Title + "\n" + compact(d.Blocks)
		if d.Encoding != tc.enc || !strings.Contains(d.Damage, "replaced with U+FFFD") || !strings.Contains(text, "\uFFFD") {
			t.Errorf("%s: encoding %s, damage %q", tc.name, d.Encoding, d.Damage)
		}
		if n := strings.Count(text, "市政運営"); n < 88 {
			t.Errorf("%s: %d of 90 lines kept", tc.name, n)
		}
	}
	garbage := bytes.Repeat([]byte("市\xff\xfe\x81"), 500)
	if _, err := collect("garbage.txt", garbage); !errors.Is(err, ErrEncoding) {
		t.Errorf("mostly broken bytes: err = %v, want ErrEncoding", err)
	}
}

// breakAt puts junk in data at byte i, or cuts one byte out when junk is "".
func breakAt(data []byte, i int, junk string) []byte {
	out := append([]byte{}, data[:i]...)
	if junk == "" {
		return append(out, data[i+1:]...)
	}
	return append(append(out, junk...), data[i:]...)
}

// TestTruncatedJSONLinesGz: a .jsonl.gz cut off in the middle (an
// interrupted download) used to index its first records while the file was
// listed as skipped. The records before the cut are emitted and the cut is
// reported as "partly read: N records".
func TestTruncatedJSONLinesGz(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for i := range 400 {
		fmt.Fprintf(zw, `{"title":"第%d回 定例会","text":"桐生市議会の会議録です。市民の声を聞く会について質疑がありました。番号%d"}`+"\n", i+1, i*7919)
	}
	zw.Close()
	data := buf.Bytes()[:buf.Len()*2/3]
	docs, err := collect("minutes.jsonl.gz", data)
	var sk *Skipped
	if !errors.As(err, &sk) || len(docs) == 0 || sk.Good != len(docs) {
		t.Fatalf("truncated gzip: %d documents, err %v", len(docs), err)
	}
	want := fmt.Sprintf("line %d: partly read: %d records", len(docs)+1, len(docs))
	if len(sk.Records) != 1 || !strings.Contains(sk.Records[0].Error(), want) || !strings.Contains(sk.Records[0].Error(), "gzip") {
		t.Errorf("report: %v; want only %q and the gzip error", sk.Records, want)
	}
}

// TestCSVUnterminatedQuote: a row with an unterminated quote used to
// swallow the rows after it into one field, silently. Now the lines the
// strict reader cannot read are read one by one: every row is there, with
// its own number, and the rows read that way say so (Damage); a quoted
// field over several lines after them is still one field.
func TestCSVUnterminatedQuote(t *testing.T) {
	csv := "タイトル,本文\n" +
		"子育て支援,\"保育所の入所申込みを受け付けます\n" +
		"防災訓練,市民の皆さんが参加する防災訓練を行います\n" +
		"広報紙,広報紙\"きりゅう\"を発行しました\n" +
		"市民協働,\"地域活動の報告会を開きます。\n会場は市民文化会館です\"\n" +
		"多文化共生,外国人市民のための相談窓口を開設しました\n"
	docs, err := collect("news.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		damaged := ""
		if strings.Contains(d.Damage, `extraneous or missing " in quoted-field`) {
			damaged = " (damaged)"
		}
		got = append(got, d.Key+" "+d.Title+" "+compact(d.Blocks)+damaged)
	}
	want := []string{
		"row 1 子育て支援 P:保育所の入所申込みを受け付けます (damaged)",
		"row 2 防災訓練 P:市民の皆さんが参加する防災訓練を行います (damaged)",
		`row 3 広報紙 P:広報紙"きりゅう"を発行しました (damaged)`,
		"row 4 市民協働 P:地域活動の報告会を開きます。 | P:会場は市民文化会館です",
		"row 5 多文化共生 P:外国人市民のための相談窓口を開設しました",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// a line of the broken stretch that is no row is skipped by number
	docs, err = collect("news.csv", []byte(strings.Replace(csv, "防災訓練,", "防災訓練,,", 1)))
	var sk *Skipped
	if !errors.As(err, &sk) || len(sk.Records) != 1 || sk.Records[0].Key != "row 2" || len(docs) != 4 {
		t.Errorf("a 3-field line among them: %d documents, err %v", len(docs), err)
	}
}

func encodeSJIS(s string) ([]byte, error) { return japanese.ShiftJIS.NewEncoder().Bytes([]byte(s)) }
