package indexer

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"

	"seisaku/analyzers"
	"seisaku/indexer/passage"
)

// TestTokenFrequenciesAsBleve checks tokenFrequencies against bleve's
// analysis.TokenFrequency on the streams of real passages, with locations
// and without, and that its terms outlive the streams' reused buffers.
func TestTokenFrequenciesAsBleve(t *testing.T) {
	texts := []string{
		"桐生市の市民の声を、市は取り組み、取組として聞く。サーバーとサーバ。ABC abc",
		"令和６年度　第２回　桐生市議会定例会　（１２月４日）",
		"",
	}
	options := []index.FieldIndexingOptions{
		index.IndexField | index.IncludeTermVectors,
		index.IndexField,
		index.IndexField | index.SkipFreqNorm,
		index.IndexField | index.IncludeTermVectors | index.SkipFreqNorm,
	}
	arrayPositions := []uint64{2}
	var got []index.TokenFrequencies
	var want []string
	for _, text := range texts {
		analyzers.AnalyzePassageFunc(text, func(morph, bigram analysis.TokenStream, _ int) {
			for _, ts := range []analysis.TokenStream{morph, bigram, nil} {
				for _, o := range options {
					got = append(got, tokenFrequencies(ts, arrayPositions, o))
					want = append(want, describeFrequencies(analysis.TokenFrequency(ts, arrayPositions, o)))
				}
			}
		})
		analyzers.AnalyzePassageFunc("別の文が同じバッファを使う。", func(analysis.TokenStream, analysis.TokenStream, int) {})
	}
	for i := range want {
		if g := describeFrequencies(got[i]); g != want[i] {
			t.Errorf("case %d:\ngot  %s\nwant %s", i, g, want[i])
		}
	}
}

// describeFrequencies writes token frequencies out in term order.
func describeFrequencies(tfs index.TokenFrequencies) string {
	keys := make([]string, 0, len(tfs))
	for k := range tfs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	for _, k := range keys {
		tf := tfs[k]
		fmt.Fprintf(&sb, "%s(%s)x%d:", k, tf.Term, tf.Frequency())
		for _, l := range tf.Locations {
			fmt.Fprintf(&sb, "%v/%d/%d-%d,", l.ArrayPositions, l.Position, l.Start, l.End)
		}
		sb.WriteByte(' ')
	}
	return sb.String()
}

// TestBigramLengthCountsGrammar checks that a passage's text_bigram field
// is as long as its text has bigrams, the grammatical ones the field leaves
// out (analyzers: grammarBigrams) included, so that its length norm is what
// all its characters make it.
func TestBigramLengthCountsGrammar(t *testing.T) {
	d := &Document{ID: "d", Passages: []Passage{{Passage: passage.Passage{Text: "いじめられております。ごみの出し方"}}}}
	ps, err := Passages(NewMapping(), d)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ps[0].Fields {
		if f.Name() != FieldTextBigram {
			continue
		}
		var terms []string
		for term := range f.AnalyzedTokenFrequencies() {
			terms = append(terms, term)
		}
		sort.Strings(terms)
		// いじめられております: 9 bigrams, of which じめ, られ, れて, おり,
		// りま and ます are within words of grammar; ごみの出し方: 5, all kept.
		if got, want := strings.Join(terms, " "), "いじ ごみ し方 てお の出 みの めら 出し"; got != want {
			t.Errorf("terms %q, want %q", got, want)
		}
		if got := f.AnalyzedLength(); got != 14 {
			t.Errorf("length %d, want 14", got)
		}
		return
	}
	t.Fatal("no text_bigram field")
}
