package minutes

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"seisaku/indexer/source"
)

// reConducting is the regexp conducts replaced: it must answer as it did.
var reConducting = regexp.MustCompile(`会議を開きます|開会いたします|休憩いたします|再開いたします|散会いたします|閉会いたします|延会いたします|を議題といたします|^日程第|御異議ありませんか|ご異議ありませんか|異議なしと認め|採決いたします|発言を許します|順次発言を許|質疑を終結|討論を終結|起立を求めます|起立多数|起立全員`)

// TestConducts compares conducts with reConducting on hand-picked bodies
// and, when ../shared/corpus/kiryu-minutes is there (not with -short), on
// every block of its first 40 records and the text after each.
func TestConducts(t *testing.T) {
	bodies := []string{
		"", "日程第１、一般質問を行います。", "次に、日程第２", "これより会議を開きます。", "市長。",
		"御異議ありませんか。\n〔「異議なし」と呼ぶ者あり〕", "起立全員であります。", "お答えいたします。",
		"討論を終結いたします", "\n日程第３", "順次発言を許します。",
	}
	path := "../../../shared/corpus/kiryu-minutes/kiryu_minutes.jsonl.gz"
	if _, err := os.Stat(path); err == nil && !testing.Short() {
		n := 0
		errStop := os.ErrClosed
		err := source.ReadFile(path, func(s source.Source) error {
			if n++; n > 40 {
				return errStop
			}
			var all strings.Builder
			for i := len(s.Blocks) - 1; i >= 0; i-- {
				bodies = append(bodies, s.Blocks[i].Text)
				all.WriteString(s.Blocks[i].Text + "\n")
				if i%50 == 0 {
					bodies = append(bodies, all.String())
				}
			}
			return nil
		})
		if err != nil && err != errStop {
			t.Fatal(err)
		}
	}
	yes := 0
	for _, b := range bodies {
		got, want := conducts(b), reConducting.MatchString(b)
		if got != want {
			t.Errorf("conducts(%.40q) = %v, the regexp says %v", b, got, want)
		}
		if want {
			yes++
		}
	}
	t.Logf("%d bodies, %d conducting", len(bodies), yes)
}
