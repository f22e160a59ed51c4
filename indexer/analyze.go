package indexer

import (
	"strconv"
	"unsafe"

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
// The passage text feeds two fields (morph, bigram);
// analyzers.AnalyzePassageFunc derives both from one kagome pass, in
// buffers that serve passage after passage, and tokenFrequencies counts
// them right away. The title is the same on every passage of a document
// and headings repeat from passage to passage, so each distinct value is
// analysed once.
type passageAnalyser struct {
	m    mapping.IndexMapping
	d    *Document
	text *textEncoder // compresses the stored passage text
	memo map[fieldValue]analysis.TokenStream
}

type fieldValue struct{ field, value string }

func newPassageAnalyser(m mapping.IndexMapping, d *Document, text *textEncoder) *passageAnalyser {
	return &passageAnalyser{m: m, d: d, text: text, memo: map[fieldValue]analysis.TokenStream{}}
}

// Passages returns the passages of d as a build indexes them (for
// Batch.IndexAdvanced): analysed, with the stored values of
// FirstPassageFields on the first passage alone, and the text compressed
// without a dictionary (an index of the caller's making has none). Tests
// that index documents made in code use it, so that they search what a
// build writes.
func Passages(m mapping.IndexMapping, d *Document) ([]*document.Document, error) {
	pa := newPassageAnalyser(m, d, plainTextEncoder())
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
	var text []int // indexes in doc.Fields of the fields of the passage text
	for i, f := range doc.Fields {
		if !f.Options().IsIndexed() {
			continue
		}
		if nf, ok := f.(*document.NumericField); ok && exactNumbers[nf.Name()] {
			doc.Fields[i] = newExactNumber(nf)
			continue
		}
		if tf, ok := f.(*document.TextField); ok && tf.Analyzer() != nil {
			switch tf.Name() {
			case FieldText, FieldTextBigram:
				text = append(text, i)
				continue
			}
			k := fieldValue{tf.Name(), string(tf.Value())}
			tokens, ok := pa.memo[k]
			if !ok {
				tokens = tf.Analyzer().Analyze(tf.Value())
				pa.memo[k] = tokens
			}
			if tf.Name() == FieldSpeech && tf.Options().IsStored() && p.SpeechStart >= 0 {
				// the whole key indexed, its seq alone stored (SpeechKeyFromStored)
				tf = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), []byte(strconv.Itoa(p.SpeechStart)), tf.Options(), tf.Analyzer())
			}
			doc.Fields[i] = newCountedField(tf, tokens)
			continue
		}
		f.Analyze()
		doc.Fields[i] = analysedField{f}
	}
	if len(text) > 0 {
		analyzers.AnalyzeFoldedFunc(p.foldedText(), func(morph, bigram analysis.TokenStream, bigramLength int) {
			analyzers.EndsAsLengths(morph) // as the text field's analyzer, TextIndex
			for _, i := range text {
				tf := doc.Fields[i].(*document.TextField)
				switch tf.Name() {
				case FieldText:
					if tf.Options().IsStored() {
						tf = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), pa.text.encode(tf.Value()), tf.Options(), tf.Analyzer())
					}
					doc.Fields[i] = newCountedField(tf, morph)
				case FieldTextBigram:
					cf := newCountedField(tf, bigram)
					cf.length = bigramLength // the bigrams of grammar count
					doc.Fields[i] = cf
				}
			}
		})
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

// countedField is a text field analysed here: its term frequencies are
// counted from the tokens given (tokenFrequencies), so bleve's Analyze,
// which would copy the stored value and count anew, never runs.
type countedField struct {
	*document.TextField
	length int
	freqs  index.TokenFrequencies
}

func newCountedField(tf *document.TextField, tokens analysis.TokenStream) countedField {
	return countedField{tf, len(tokens), tokenFrequencies(tokens, tf.ArrayPositions(), tf.Options())}
}

func (countedField) Analyze()                                           {}
func (f countedField) AnalyzedLength() int                              { return f.length }
func (f countedField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// tokenFrequencies returns what bleve's analysis.TokenFrequency returns for
// the same arguments (the same terms, counts and locations, in the same
// order), with a handful of allocations per field instead of several per
// distinct term: the TokenFreqs, the locations and their pointers each come
// from one slice, and the terms (the map's keys, which TokenFreq.Term
// shares) from one byte buffer. The terms are copied, so tokens may be
// reused once it returns.
func tokenFrequencies(tokens analysis.TokenStream, arrayPositions []uint64, options index.FieldIndexingOptions) index.TokenFrequencies {
	n := 0
	for _, t := range tokens {
		n += len(t.Term)
	}
	terms := make([]byte, 0, n) // never grows: the keys below point into it
	freqs := make([]index.TokenFreq, 0, len(tokens))
	rv := make(index.TokenFrequencies, len(tokens))
	vectors := options.IncludeTermVectors()
	var which []*index.TokenFreq // each token's, when there are locations
	if vectors {
		which = make([]*index.TokenFreq, len(tokens))
	}
	for i, t := range tokens {
		tf, ok := rv[string(t.Term)]
		if !ok {
			start := len(terms)
			terms = append(terms, t.Term...)
			freqs = append(freqs, index.TokenFreq{Term: terms[start:len(terms):len(terms)]})
			tf = &freqs[len(freqs)-1]
			key := ""
			if len(t.Term) > 0 {
				key = unsafe.String(&terms[start], len(t.Term))
			}
			rv[key] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1) // the count, for now
		if vectors {
			which[i] = tf
		}
	}
	if vectors {
		locs := make([]index.TokenLocation, len(tokens))
		ptrs := make([]*index.TokenLocation, len(tokens))
		off := 0
		for k := range freqs {
			c := freqs[k].Frequency()
			freqs[k].Locations = ptrs[off : off : off+c]
			off += c
		}
		for i, t := range tokens {
			locs[i] = index.TokenLocation{
				ArrayPositions: arrayPositions,
				Start:          t.Start,
				End:            t.End,
				Position:       t.Position,
			}
			which[i].Locations = append(which[i].Locations, &locs[i])
		}
	}
	if options.SkipFreqNorm() {
		for k := range freqs {
			freqs[k].SetFrequency(0)
		}
	}
	return rv
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
