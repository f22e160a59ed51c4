package meta

// Metadata is what the service knows about a document beyond its text.
// The zero value of every field means "unknown"; extraction never fills a
// field the text (or the operator) does not support.
type Metadata struct {
	City       string // municipality, e.g. 大阪市, 桐生市, 品川区; "" when unknown
	Prefecture string // the city's prefecture, e.g. 大阪府; "" when unknown (always when City is)
	Department string // 部局, e.g. 市民局, 政策推進部, 市長公室; "" when unknown
	FiscalYear int    // 年度 as a Western year (令和4年度 → 2022); 0 when unknown
	Published  string // publication date as YYYY-MM-DD (or YYYY-MM); "" when unknown
	Title      string // the document's own title (see extractTitle); "" when nothing reads as one
	Session    string // minutes: the meeting, as the format or the header states it (令和8年第1回定例会); "" otherwise
	Why        Why    // what Title, Department and FiscalYear were read from
}

// Why keeps the evidence of a field: where its value was read and, for
// a rule, which one (「令和8年度 (title)」, 「施政方針 given at a 2月 session
// → the fiscal year from that April」). "" where the field is unknown.
type Why struct {
	Title      string
	Department string
	FiscalYear string
}
