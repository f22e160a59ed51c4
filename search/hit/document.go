package hit

import (
	"sort"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"seisaku/indexer"
	"seisaku/indexer/theme"
)

// DocumentView is a whole document: metadata and passages in order.
type DocumentView struct {
	ID         string        `json:"id"`
	Title      string        `json:"title"`
	City       string        `json:"city,omitempty"`
	Prefecture string        `json:"prefecture,omitempty"`
	Department string        `json:"department,omitempty"`
	Year       int           `json:"year,omitempty"`
	Published  string        `json:"published,omitempty"`
	Source     string        `json:"source"`
	URL        string        `json:"url,omitempty"`
	CitySite   string        `json:"citySite,omitempty"` // the city's official site (CitySite)
	Session    string        `json:"session,omitempty"`  // minutes: the meeting (Speech.Session)
	IssueTypes []string      `json:"issueTypes"`
	Passages   []PassageView `json:"passages"`
}

// PassageView is one passage of a DocumentView.
type PassageView struct {
	ID         string   `json:"id"`
	Seq        int      `json:"seq"`
	Text       string   `json:"text"`
	Headings   []string `json:"headings"`
	IssueTypes []string `json:"issueTypes"`
	Page       int      `json:"page,omitempty"` // the PDF page the passage starts on
	Read       string   `json:"read,omitempty"` // "ocr" when read from a page image (Hit.Read)
	Speech              // minutes: who spoke (Hit.Speech); the session is the document's
}

// NewDocument is the document id of the passages ms (every passage, with
// the stored fields).
func NewDocument(id string, ms bsearch.DocumentMatchCollection) *DocumentView {
	// seq has no doc values in the mapping, so bleve cannot sort on it.
	sort.Slice(ms, func(i, j int) bool {
		return StoredInt(ms[i].Fields[indexer.FieldSeq]) < StoredInt(ms[j].Fields[indexer.FieldSeq])
	})
	f := ms[0].Fields
	d := &DocumentView{
		ID: id, Title: StoredString(f[indexer.FieldTitle]), City: StoredString(f[indexer.FieldCity]), Prefecture: StoredString(f[indexer.FieldPrefecture]),
		Department: StoredString(f[indexer.FieldDepartment]), Year: StoredInt(f[indexer.FieldYear]),
		Published: StoredString(f[indexer.FieldPublished]), Source: StoredString(f[indexer.FieldSource]),
		URL: StoredString(f[indexer.FieldURL]),
	}
	d.CitySite = CitySite(d.City, d.Prefecture)
	d.Session = StoredString(f[indexer.FieldSession])
	for _, m := range ms {
		sp := speech(m.Fields)
		sp.Session = ""
		if sp.ReplyTo != nil {
			sp.ReplyTo.Permalink = Permalink(id, sp.ReplyTo.Seq)
		}
		d.Passages = append(d.Passages, PassageView{
			ID: m.ID, Seq: StoredInt(m.Fields[indexer.FieldSeq]), Text: StoredString(m.Fields[indexer.FieldText]),
			Headings:   splitHeadings(StoredString(m.Fields[indexer.FieldHeadings])),
			IssueTypes: StoredStrings(m.Fields[indexer.FieldIssueType]),
			Page:       StoredInt(m.Fields[indexer.FieldPage]),
			Read:       StoredString(m.Fields[indexer.FieldRead]),
			Speech:     sp,
		})
	}
	// the document's themes, as the indexer rolls them up (indexer.Document)
	themes := make([][]string, len(d.Passages))
	for i, p := range d.Passages {
		themes[i] = p.IssueTypes
	}
	d.IssueTypes = theme.Rollup(themes)
	if d.IssueTypes == nil {
		d.IssueTypes = []string{} // [] in JSON, as a passage's
	}
	return d
}
