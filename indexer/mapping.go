package indexer

import (
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"seisaku/analyzers"
)

// PassageType is the bleve document type of every passage.
const PassageType = "passage"

// NewMapping returns the index mapping described at the top of schema.go.
// Nothing is indexed dynamically: a field that is not listed here is not in
// the index, which keeps the index small and the schema explicit.
func NewMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = analyzers.Morph
	im.DefaultType = PassageType
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	dm := bleve.NewDocumentStaticMapping()
	// Indexed, not stored: a passage's ID (PassageID) names both, and
	// package search reads them from it.
	dm.AddFieldMappingsAt(FieldDocID, unscored(keywordField(false, false)))
	dm.AddFieldMappingsAt(FieldSeq, numericField(false, false))
	// The title, the facets of the document and source and url are stored
	// on the document's first passage only (FirstPassageFields, analyze.go).
	dm.AddFieldMappingsAt(FieldTitle, textField("", analyzers.Morph, true, true))
	dm.AddFieldMappingsAt(FieldText,
		// Each location's end is the token's length (TextIndex): the ends
		// took two bytes past a passage's first 128, lengths one.
		textField("", analyzers.TextIndex, true, true),
		// Without term vectors: bigram locations were most of the index.
		// The field is queried as a conjunction of bigrams, not a phrase.
		textField(FieldTextBigram, analyzers.Bigram, false, false),
	)
	dm.AddFieldMappingsAt(FieldHeadings, textField("", analyzers.Morph, true, true))
	for _, f := range Facets {
		if f.Year {
			// the values of the numeric year field, as text, for counting
			dm.AddFieldMappingsAt(f.Field, unscored(keywordField(false, true)))
			continue
		}
		// The values of TermValuedFields are read back from the terms.
		fm := keywordField(!slices.Contains(TermValuedFields, f.Field), true)
		if f.Field != FieldIssueType && f.Field != FieldRole { // themes and 答弁 score
			fm = unscored(fm)
		}
		dm.AddFieldMappingsAt(f.Field, fm)
	}
	dm.AddFieldMappingsAt(FieldDocTitle, keywordField(false, false))
	// Stored on passage 0 only; filters and the year sort read year_facet,
	// whose terms are the same years as text (four digits, 1868..2100).
	// Indexed as a number it was 16 terms a passage, 2.4 % of the index.
	dm.AddFieldMappingsAt(FieldYear, storedNumber())
	dm.AddFieldMappingsAt(FieldPublished, unscored(keywordField(true, true)))
	dm.AddFieldMappingsAt(FieldSource, storedOnly())
	dm.AddFieldMappingsAt(FieldURL, storedOnly())
	dm.AddFieldMappingsAt(FieldPage, numericField(true, false))
	dm.AddFieldMappingsAt(FieldRead, storedOnly())
	// Minutes: speaker, role and session are facets (above); the title is
	// a filter without counts, the question an answer answers is shown.
	dm.AddFieldMappingsAt(FieldSpeakerTitle, unscored(keywordField(true, false)))
	dm.AddFieldMappingsAt(FieldReplyTo, numericField(true, false))
	dm.AddFieldMappingsAt(FieldReplyToSpeaker, storedOnly())
	dm.AddFieldMappingsAt(FieldReplyToLead, storedOnly())
	// The speech key: its postings group a speech's passages; no doc
	// values (counted by postings, never sorted).
	dm.AddFieldMappingsAt(FieldSpeech, unscored(keywordField(true, false)))
	im.AddDocumentMapping(PassageType, dm)
	im.DefaultMapping = dm
	return im
}

// textField is an analyzed field. Term vectors (positions and byte offsets)
// are what phrase queries and highlighting need, and most of what a field
// costs. name renames the index field ("" keeps the property name).
func textField(name, analyzer string, store, termVectors bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Name = name
	fm.Analyzer = analyzer
	fm.Store = store
	fm.IncludeTermVectors = termVectors
	fm.IncludeInAll = false
	fm.DocValues = false
	return fm
}

func keywordField(store, docValues bool) *mapping.FieldMapping {
	fm := bleve.NewKeywordFieldMapping()
	fm.Analyzer = keyword.Name
	fm.Store = store
	fm.IncludeTermVectors = false
	fm.IncludeInAll = false
	fm.DocValues = docValues
	return fm
}

func numericField(store, docValues bool) *mapping.FieldMapping {
	fm := bleve.NewNumericFieldMapping()
	fm.Store = store
	fm.SkipFreqNorm = true // filters, sort keys and ranges: never scored
	fm.IncludeInAll = false
	fm.DocValues = docValues
	return fm
}

// storedNumber is a number that is stored and not indexed.
func storedNumber() *mapping.FieldMapping {
	fm := numericField(true, false)
	fm.Index = false
	return fm
}

func storedOnly() *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Analyzer = keyword.Name
	fm.Store = true
	fm.Index = false
	fm.IncludeTermVectors = false
	fm.IncludeInAll = false
	fm.DocValues = false
	return fm
}

// unscored marks fm as a field nothing scores (a filter, a facet, a key):
// its postings keep no frequency and field length (SkipFreqNorm).
func unscored(fm *mapping.FieldMapping) *mapping.FieldMapping {
	fm.SkipFreqNorm = true
	return fm
}
