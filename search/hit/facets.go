package hit

import (
	"strconv"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/indexer"
)

// Facet counts. bleve's facet results (and the fast path's, converted to
// them) count passages, those without a value under indexer.Unknown
// (Distribution). With Distinct "document" a page lists documents and its
// total counts them, so the facets should count documents too:
// DocumentFacets counts each document once per value instead: under a
// city, department or fiscal year it has (one each: they are the
// document's), under every theme one of its matching passages is tagged
// with, and as "unknown" for a facet where it has no value.

// Distribution converts bleve's facet results. Passages without the field
// are counted under the facet's unknown value.
func Distribution(fr bsearch.FacetResults, names []string) map[string]map[string]int {
	if len(names) == 0 {
		return nil
	}
	out := make(map[string]map[string]int, len(names))
	for _, n := range names {
		m := map[string]int{}
		if f := fr[n]; f != nil {
			for _, t := range f.Terms.Terms() {
				m[t.Term] = t.Count
			}
			if f.Missing > 0 {
				m[indexer.Unknown] += f.Missing
			}
		}
		out[n] = m
	}
	return out
}

// DocumentFields are the stored fields DocumentFacets reads: every
// facet's stored field (from indexer.Facets, so that a facet added there is
// counted by document too: prefecture was left out and counted every
// document as unknown). The document ID is the match's own (package
// search gives every match its FieldDocID from its ID).
var DocumentFields = documentFields()

func documentFields() []string {
	var out []string
	for _, f := range indexer.Facets {
		out = append(out, storedField(f))
	}
	return out
}

// storedField is the stored field that holds a facet's values: the year
// facet counts the text of the numeric year field.
func storedField(f indexer.Facet) string {
	if f.Year {
		return indexer.FieldYear
	}
	return f.Field
}

// DocumentFacets counts the facets of every matching passage sr (with
// DocumentFields) by document.
func DocumentFacets(sr bsearch.DocumentMatchCollection, facets []string) map[string]map[string]int {
	seen := map[string]map[string]bool{} // facet → "doc\x00value" counted
	out := map[string]map[string]int{}
	count := func(facet, doc, value string) {
		if seen[facet] == nil {
			seen[facet] = map[string]bool{}
		}
		if k := doc + "\x00" + value; !seen[facet][k] {
			seen[facet][k] = true
			out[facet][value]++
		}
	}
	themed := map[string]bool{}
	docs := map[string]bool{}
	for _, f := range facets {
		out[f] = map[string]int{}
	}
	for _, h := range sr {
		doc := StoredString(h.Fields[indexer.FieldDocID])
		docs[doc] = true
		for _, name := range facets {
			f, ok := indexer.FacetNamed(name)
			if !ok {
				continue
			}
			var values []string
			switch {
			case f.Year:
				values = single(yearKey(StoredInt(h.Fields[indexer.FieldYear])))
			case f.Multi:
				values = nonEmpty(StoredStrings(h.Fields[f.Field]))
			default:
				values = single(StoredString(h.Fields[f.Field]))
			}
			for _, v := range values {
				count(name, doc, v)
			}
			switch {
			case f.Multi && len(values) > 0:
				themed[name+"\x00"+doc] = true
			case !f.Multi && len(values) == 0:
				count(name, doc, indexer.Unknown)
			}
		}
	}
	// a document counts as unknown under a multi-valued facet when none of
	// its matching passages holds a value
	for _, name := range facets {
		if f, ok := indexer.FacetNamed(name); ok && f.Multi {
			for d := range docs {
				if !themed[name+"\x00"+d] {
					out[name][indexer.Unknown]++
				}
			}
		}
	}
	for _, m := range out { // as the engine's facets: no zero counts
		for v, n := range m {
			if n == 0 {
				delete(m, v)
			}
		}
	}
	return out
}

// PassageCount is the number of matching passages the facets fd show:
// the sum over a single-valued facet (with unknown), or -1 when only themes
// (several per passage) were counted.
func PassageCount(fd map[string]map[string]int) int {
	for _, f := range []string{"city", "year", "department"} {
		if m, ok := fd[f]; ok {
			n := 0
			for _, c := range m {
				n += c
			}
			return n
		}
	}
	return -1
}

func single(v string) []string {
	if v == "" {
		return nil
	}
	return []string{v}
}

func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func yearKey(y int) string {
	if y <= 0 {
		return ""
	}
	return strconv.Itoa(y)
}
