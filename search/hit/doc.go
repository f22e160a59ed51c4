// Package hit presents the passages a search found: a bleve match becomes
// a Hit with its document's metadata (Marker.Hit), highlighted, escaped and
// cropped (highlight.go), with how it holds each query word (Match,
// explain.go); a relevance page is diversified so that one document or a
// repeated notice does not fill it (Diversify); facet counts are converted
// or counted by document (facets.go); similar passages are ordered as
// precedents (Precedents); a document's passages make a DocumentView.
//
// Its input is plain: bleve's document matches with their stored fields
// and term locations, and what each query word became (package plan). A
// hit's Permalink is /documents/<docID>#p<seq>, the document page at the
// passage's anchor.
package hit
