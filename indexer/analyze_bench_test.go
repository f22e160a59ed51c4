package indexer

import (
	"os"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"

	"seisaku/analyzers"
)

// benchStreams returns the morph, reading and bigram streams of the
// analyzers' test passages.
func benchStreams(b *testing.B) []analysis.TokenStream {
	raw, err := os.ReadFile("../analyzers/testdata/passages.txt")
	if err != nil {
		b.Fatal(err)
	}
	var out []analysis.TokenStream
	for _, text := range strings.Split(string(raw), "\n") {
		m, r, bg := analyzers.AnalyzePassage(text)
		out = append(out, m, r, bg)
	}
	return out
}

// BenchmarkTokenFrequencies counts the streams of the test passages as a
// build does, with term vectors (as the morph and reading fields).
func BenchmarkTokenFrequencies(b *testing.B) {
	streams := benchStreams(b)
	o := index.IndexField | index.IncludeTermVectors
	b.Run("seisaku", func(b *testing.B) {
		for b.Loop() {
			for _, ts := range streams {
				tokenFrequencies(ts, nil, o)
			}
		}
	})
	b.Run("bleve", func(b *testing.B) {
		for b.Loop() {
			for _, ts := range streams {
				analysis.TokenFrequency(ts, nil, o)
			}
		}
	})
}
