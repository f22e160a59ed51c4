package indexer

import (
	"sync"
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
// The passage text feeds three fields (morph, reading, bigram);
// analyzers.AnalyzePassageFunc derives all three from one kagome pass, in
// buffers that serve passage after passage, and tokenFrequencies counts
// them right away. The title is the same on every passage of a document
// and headings repeat from passage to passage, so each distinct value is
// analysed once.
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
	a := newFreqArena() // released with the passage (releaseAnalysis)
	var text []int      // indexes in doc.Fields of the fields of the passage text
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
			case FieldText, FieldTextReading, FieldTextBigram:
				text = append(text, i)
				continue
			}
			k := fieldValue{tf.Name(), string(tf.Value())}
			tokens, ok := pa.memo[k]
			if !ok {
				tokens = tf.Analyzer().Analyze(tf.Value())
				pa.memo[k] = tokens
			}
			doc.Fields[i] = newCountedField(tf, tokens, a)
			continue
		}
		f.Analyze()
		doc.Fields[i] = analysedField{f}
	}
	if len(text) > 0 {
		analyzers.AnalyzeFoldedFunc(p.foldedText(), func(morph, reading, bigram analysis.TokenStream) {
			analyzers.EndsAsLengths(reading) // as the field's analyzer, ReadingIndex
			streams, vectors := make([]analysis.TokenStream, 0, 3), make([]bool, 0, 3)
			for _, i := range text {
				tf := doc.Fields[i].(*document.TextField)
				tokens := morph
				switch tf.Name() {
				case FieldTextReading:
					tokens = reading
				case FieldTextBigram:
					tokens = bigram
				}
				streams, vectors = append(streams, tokens), append(vectors, tf.Options().IncludeTermVectors())
			}
			a.reserve(streams, vectors)
			for k, i := range text {
				tokens := streams[k]
				tf := doc.Fields[i].(*document.TextField)
				doc.Fields[i] = newCountedField(tf, tokens, a)
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
	arena  *freqArena // where freqs live
}

func newCountedField(tf *document.TextField, tokens analysis.TokenStream, a *freqArena) countedField {
	return countedField{tf, len(tokens), a.tokenFrequencies(tokens, tf.ArrayPositions(), tf.Options()), a}
}

func (countedField) Analyze()                                           {}
func (f countedField) AnalyzedLength() int                              { return f.length }
func (f countedField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// tokenFrequencies returns what bleve's analysis.TokenFrequency returns for
// the same arguments (the same terms, counts and locations, in the same
// order), in memory of its own (an arena that is never released).
func tokenFrequencies(tokens analysis.TokenStream, arrayPositions []uint64, options index.FieldIndexingOptions) index.TokenFrequencies {
	return new(freqArena).tokenFrequencies(tokens, arrayPositions, options)
}

// freqArena holds the term frequencies of one passage's fields: their
// TokenFreqs, locations, location pointers and terms (the maps' keys, which
// TokenFreq.Term shares) each come from one slice, which serves the next
// passage once this one is written into a segment (releaseAnalysis). Term
// frequencies were half of what a build allocated.
type freqArena struct {
	terms []byte
	freqs []index.TokenFreq
	locs  []index.TokenLocation
	ptrs  []*index.TokenLocation
	which []*index.TokenFreq // scratch: each token's TokenFreq
}

var arenaPool = sync.Pool{New: func() any { return new(freqArena) }}

// newFreqArena returns an arena, reused if one was released.
func newFreqArena() *freqArena { return arenaPool.Get().(*freqArena) }

// release clears a and makes it serve another passage. Nothing counted in
// it may be read after.
func (a *freqArena) release() {
	a.terms, a.freqs, a.locs, a.ptrs = a.terms[:0], a.freqs[:0], a.locs[:0], a.ptrs[:0]
	arenaPool.Put(a)
}

// releaseAnalysis gives back the arena of a passage that passageAnalyser
// analysed, once nothing reads its fields any more (its segment is
// written, or a dry run counted it).
func releaseAnalysis(d index.Document) {
	bd, ok := d.(*document.Document)
	if !ok {
		return
	}
	for _, f := range bd.Fields {
		if cf, ok := f.(countedField); ok && cf.arena != nil {
			cf.arena.release()
			return
		}
	}
}

// grow returns s with room for n more elements, in a new array when s has
// not: the elements already handed out keep pointing into the old one.
func grow[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	return make([]T, 0, max(n+n/4, 64))
}

// reserve makes room in a for streams counted one after the other, those
// with term vectors among them (vectors): so that an arena holds one array
// of each kind sized for a whole passage, not several.
func (a *freqArena) reserve(streams []analysis.TokenStream, vectors []bool) {
	var terms, tokens, locs int
	for i, ts := range streams {
		for _, t := range ts {
			terms += len(t.Term)
		}
		tokens += len(ts)
		if vectors[i] {
			locs += len(ts)
		}
	}
	a.terms = grow(a.terms, terms)
	a.freqs = grow(a.freqs, tokens)
	a.locs = grow(a.locs, locs)
	a.ptrs = grow(a.ptrs, locs)
}

// tokenFrequencies counts tokens into a; see the function of that name.
// The terms are copied, so tokens may be reused once it returns.
func (a *freqArena) tokenFrequencies(tokens analysis.TokenStream, arrayPositions []uint64, options index.FieldIndexingOptions) index.TokenFrequencies {
	n := 0
	for _, t := range tokens {
		n += len(t.Term)
	}
	a.terms = grow(a.terms, n) // never grows below: the keys point into it
	a.freqs = grow(a.freqs, len(tokens))
	first := len(a.freqs)
	// A map of its own, sized for the tokens: a map kept from passage to
	// passage had to be cleared (2 CPU-s on kiryu) and grew again whenever
	// it served a larger field than before (lookups and inserts took 7.6
	// instead of 2.9 CPU-s).
	rv := make(index.TokenFrequencies, len(tokens))
	vectors := options.IncludeTermVectors()
	if vectors {
		a.which = grow(a.which[:0], len(tokens))[:len(tokens)]
	}
	for i, t := range tokens {
		tf, ok := rv[string(t.Term)]
		if !ok {
			start := len(a.terms)
			a.terms = append(a.terms, t.Term...)
			a.freqs = append(a.freqs, index.TokenFreq{Term: a.terms[start:len(a.terms):len(a.terms)]})
			tf = &a.freqs[len(a.freqs)-1]
			key := ""
			if len(t.Term) > 0 {
				key = unsafe.String(&a.terms[start], len(t.Term))
			}
			rv[key] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1) // the count, for now
		if vectors {
			a.which[i] = tf
		}
	}
	freqs := a.freqs[first:]
	if vectors {
		a.locs = grow(a.locs, len(tokens))
		a.ptrs = grow(a.ptrs, len(tokens))
		l0, p0 := len(a.locs), len(a.ptrs)
		a.locs, a.ptrs = a.locs[:l0+len(tokens)], a.ptrs[:p0+len(tokens)]
		locs, ptrs := a.locs[l0:], a.ptrs[p0:]
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
			a.which[i].Locations = append(a.which[i].Locations, &locs[i])
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
