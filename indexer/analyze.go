package indexer

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"seisaku/analyzers"
)

// passageAnalyser maps the passages of one document to bleve documents and
// runs their whole analysis right here, in the caller's goroutine. Index
// builders run one per worker, so kagome and the term counting run on every
// core, while bleve's segment builder (which works serially under its own
// lock) finds every field analysed already.
//
// The passage text feeds three fields (morph, reading, bigram);
// analyzers.AnalyzePassage derives all three from one kagome pass. The
// title is the same on every passage of a document and headings repeat
// from passage to passage, so each distinct value is analysed once.
type passageAnalyser struct {
	m    mapping.IndexMapping
	d    *Document
	memo map[fieldValue]analysis.TokenStream
}

type fieldValue struct{ field, value string }

func newPassageAnalyser(m mapping.IndexMapping, d *Document) *passageAnalyser {
	return &passageAnalyser{m: m, d: d, memo: map[fieldValue]analysis.TokenStream{}}
}

// Passages returns the passages of d as a build indexes them (for
// Batch.IndexAdvanced): analysed, with the stored values of
// FirstPassageFields on the first passage alone. Tests that index
// documents made in code use it, so that they search what a build writes.
func Passages(m mapping.IndexMapping, d *Document) ([]*document.Document, error) {
	pa := newPassageAnalyser(m, d)
	out := make([]*document.Document, 0, len(d.Passages))
	for _, p := range d.Passages {
		bd, err := pa.document(p)
		if err != nil {
			return nil, err
		}
		out = append(out, bd)
	}
	return out, nil
}

// document returns passage p as an analysed bleve document.
func (pa *passageAnalyser) document(p Passage) (*document.Document, error) {
	doc := document.NewDocument(PassageID(pa.d.ID, p.Seq))
	if err := pa.m.MapDocument(doc, pa.d.Fields(p)); err != nil {
		return nil, err
	}
	if p.Seq > 0 {
		storeOnFirst(doc)
	}
	var text map[string]analysis.TokenStream
	for i, f := range doc.Fields {
		if !f.Options().IsIndexed() {
			continue
		}
		if nf, ok := f.(*document.NumericField); ok && exactNumbers[nf.Name()] {
			doc.Fields[i] = newExactNumber(nf)
			continue
		}
		if tf, ok := f.(*document.TextField); ok && tf.Analyzer() != nil {
			var tokens analysis.TokenStream
			switch tf.Name() {
			case FieldText, FieldTextReading, FieldTextBigram:
				if text == nil {
					morph, reading, bigram := analyzers.AnalyzePassage(p.Text)
					analyzers.EndsAsLengths(reading) // as the field's analyzer, ReadingIndex
					text = map[string]analysis.TokenStream{
						FieldText: morph, FieldTextReading: reading, FieldTextBigram: bigram,
					}
				}
				tokens = text[tf.Name()]
			default:
				k := fieldValue{tf.Name(), string(tf.Value())}
				var ok bool
				if tokens, ok = pa.memo[k]; !ok {
					tokens = tf.Analyzer().Analyze(tf.Value())
					pa.memo[k] = tokens
				}
			}
			f = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(),
				tf.Options(), &analyzed{tokens})
		}
		f.Analyze()
		doc.Fields[i] = analysedField{f}
	}
	return doc, nil
}

// storeOnFirst takes the stored values of FirstPassageFields off a passage
// that is not its document's first: a field that is indexed stays indexed
// (and keeps its doc values), one that is only stored is left out.
func storeOnFirst(doc *document.Document) {
	fields := doc.Fields[:0]
	for _, f := range doc.Fields {
		o := f.Options()
		if !firstPassageField[f.Name()] || !o.IsStored() {
			fields = append(fields, f)
			continue
		}
		if !o.IsIndexed() {
			continue
		}
		o &^= index.StoreField
		switch f := f.(type) {
		case *document.TextField:
			fields = append(fields, document.NewTextFieldCustom(f.Name(), f.ArrayPositions(), f.Value(), o, f.Analyzer()))
		case *document.NumericField:
			n, err := f.Number()
			if err != nil { // not a number the mapping wrote: keep it as it is
				fields = append(fields, f)
				continue
			}
			fields = append(fields, document.NewNumericFieldWithIndexingOptions(f.Name(), f.ArrayPositions(), n, o))
		default:
			fields = append(fields, f)
		}
	}
	doc.Fields = fields
}

var firstPassageField = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range FirstPassageFields {
		m[f] = true
	}
	return m
}()

// analyzed is an analyzer that returns tokens computed earlier, once: the
// field keeps its analyzer until the batch is written, and the tokens,
// already counted into term frequencies, need not stay in memory that
// long. Token streams are only read, never changed, so passages can share
// one.
type analyzed struct{ tokens analysis.TokenStream }

func (a *analyzed) Analyze([]byte) analysis.TokenStream {
	t := a.tokens
	a.tokens = nil
	return t
}

// analysedField is a field whose Analyze already ran: the call scorch
// makes again when it builds a segment does nothing.
type analysedField struct{ document.Field }

func (analysedField) Analyze() {}

// exactNumbers are the numeric fields that are only ever matched on one
// value (seq 0 for DocumentCount; reply_to, the seq of the question an
// answer answers, is read from the stored fields; page and seq are
// otherwise only stored):
// they are indexed under their full-precision term alone. bleve indexes a
// number under 16 terms (one per 4-bit shift) so that a range query needs
// few of them; on kiryu's minutes those terms of seq were 8 MB of 514.
// year keeps them: its range filters go through bleve's searchers.
var exactNumbers = map[string]bool{FieldSeq: true, FieldPage: true, FieldReplyTo: true}

// exactNumber is a numeric field indexed under its full-precision term only
// (the shift-0 term, the one a range query on a single value looks up);
// stored and typed like any numeric field.
type exactNumber struct {
	*document.NumericField
	freqs index.TokenFrequencies
}

func newExactNumber(nf *document.NumericField) exactNumber {
	v := nf.Value()
	tokens := analysis.TokenStream{{Start: 0, End: len(v), Term: v, Position: 1, Type: analysis.Numeric}}
	return exactNumber{nf, analysis.TokenFrequency(tokens, nf.ArrayPositions(), nf.Options())}
}

func (exactNumber) Analyze()                                           {}
func (exactNumber) AnalyzedLength() int                                { return 1 }
func (f exactNumber) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }
