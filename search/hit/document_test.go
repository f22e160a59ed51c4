package hit

import (
	"encoding/json"
	"strings"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/indexer"
)

// TestDocumentThemes: a document's themes are its passages' themes rolled
// up as the indexer rolls them up (theme.Rollup: those of at least one
// passage in a document under 50, in the themes' order), and [] when none.
func TestDocumentThemes(t *testing.T) {
	passage := func(seq int, themes ...any) *bsearch.DocumentMatch {
		f := map[string]any{indexer.FieldSeq: float64(seq), indexer.FieldText: "市民の声を聞く"}
		switch len(themes) {
		case 0:
		case 1:
			f[indexer.FieldIssueType] = themes[0]
		default:
			f[indexer.FieldIssueType] = themes
		}
		return &bsearch.DocumentMatch{ID: indexer.PassageID("d", seq), Fields: f}
	}
	for _, tt := range []struct {
		ms   bsearch.DocumentMatchCollection
		want string
	}{
		{bsearch.DocumentMatchCollection{passage(1, "防災"), passage(0, "多文化共生・国際", "防災")}, `["多文化共生・国際","防災"]`},
		{bsearch.DocumentMatchCollection{passage(0), passage(1)}, `[]`},
	} {
		b, err := json.Marshal(NewDocument("d", tt.ms))
		if err != nil {
			t.Fatal(err)
		}
		if got := string(b); !strings.Contains(got, `"issueTypes":`+tt.want+`,"passages"`) {
			t.Errorf("got %s, want issueTypes %s", got, tt.want)
		}
	}
}
