package indexer

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"seisaku/analyzers"
)

// bleveDocument maps passage p of d to a bleve document and runs the text
// analysis right here, in the caller's goroutine. Index builders call this
// from several workers at once, so kagome runs on every core, while bleve's
// segment builder (which analyses documents serially under its own lock)
// only counts the tokens prepared here. The passage text feeds three fields
// (morph, reading, bigram); analyzers.AnalyzePassage derives all three from
// one kagome pass.
func bleveDocument(m mapping.IndexMapping, d *Document, p Passage) (*document.Document, error) {
	doc := document.NewDocument(PassageID(d.ID, p.Seq))
	if err := m.MapDocument(doc, d.Fields(p)); err != nil {
		return nil, err
	}
	var text map[string]analysis.TokenStream
	for i, f := range doc.Fields {
		tf, ok := f.(*document.TextField)
		if !ok || !tf.Options().IsIndexed() || tf.Analyzer() == nil {
			continue
		}
		var tokens analysis.TokenStream
		switch tf.Name() {
		case FieldText, FieldTextReading, FieldTextBigram:
			if text == nil {
				morph, reading, bigram := analyzers.AnalyzePassage(p.Text)
				text = map[string]analysis.TokenStream{
					FieldText: morph, FieldTextReading: reading, FieldTextBigram: bigram,
				}
			}
			tokens = text[tf.Name()]
		default:
			tokens = tf.Analyzer().Analyze(tf.Value())
		}
		doc.Fields[i] = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(),
			tf.Options(), analyzed(tokens))
	}
	return doc, nil
}

// analyzed is an analyzer that returns tokens computed earlier.
type analyzed analysis.TokenStream

func (a analyzed) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(a) }
