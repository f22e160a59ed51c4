package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"seisaku/indexer"
	"seisaku/search"
)

// minutesServer serves an index of the ward minutes of the minutes reader's
// tests (令和８年第１回品川区議会定例会, text as such records are published).
func minutesServer(t *testing.T) *Server {
	t.Helper()
	b, err := os.ReadFile("../../indexer/minutes/testdata/ward-minutes.txt")
	if err != nil {
		t.Fatal(err)
	}
	idx, _, err := indexer.BuildMemory(context.Background(),
		fstest.MapFS{"ward-minutes.txt": {Data: b}}, indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return NewServer(DefaultConfig(), search.New(idx), nil)
}

func serveGet(t *testing.T, srv *Server, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d: %s", target, rec.Code, rec.Body)
	}
	return rec
}

// TestMinutesAPI: a passage of minutes says who spoke, in which role and
// meeting, and an answer which question it answers, in the JSON, in the
// facets and filters, in the document view and in the CSV.
func TestMinutesAPI(t *testing.T) {
	srv := minutesServer(t)
	var res struct {
		TotalHits int `json:"totalHits"`
		Hits      []struct {
			Text         string `json:"text"`
			Speaker      string `json:"speaker"`
			SpeakerTitle string `json:"speakerTitle"`
			Role         string `json:"role"`
			Session      string `json:"session"`
			Permalink    string `json:"permalink"`
			ReplyTo      *struct {
				Seq       int    `json:"seq"`
				Speaker   string `json:"speaker"`
				Lead      string `json:"lead"`
				Permalink string `json:"permalink"`
			} `json:"replyTo"`
		} `json:"hits"`
		FacetDistribution map[string]map[string]int `json:"facetDistribution"`
	}
	q := url.Values{"q": {"給食費"}, "role": {"answer"}, "facets": {"speaker,role,session"}}
	if err := json.Unmarshal(serveGet(t, srv, "/api/search?"+q.Encode()).Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.TotalHits != 1 {
		t.Fatalf("給食費, role=answer: %d hits, want the 教育長's answer alone: %+v", res.TotalHits, res.Hits)
	}
	h := res.Hits[0]
	if h.Speaker != "渡辺四郎" || h.SpeakerTitle != "教育長" || h.Role != "answer" || h.Session != "令和8年第1回定例会" {
		t.Errorf("answer = %q %q %q %q", h.Speaker, h.SpeakerTitle, h.Role, h.Session)
	}
	if h.ReplyTo == nil || h.ReplyTo.Speaker != "山田太郎" || !strings.Contains(h.ReplyTo.Lead, "子どもの居場所づくり") ||
		!strings.HasSuffix(h.ReplyTo.Permalink, "#p"+strconv.Itoa(h.ReplyTo.Seq)) {
		t.Errorf("replyTo = %+v", h.ReplyTo)
	}
	if got := res.FacetDistribution["role"]; got["answer"] != 1 || len(got) != 1 {
		t.Errorf("role facet under role=answer = %v", got)
	}

	// without the filter the member's question counts too
	q.Del("role")
	if err := json.Unmarshal(serveGet(t, srv, "/api/search?"+q.Encode()).Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if got := res.FacetDistribution["role"]; got["question"] != 1 || got["answer"] != 1 {
		t.Errorf("role facet of 給食費 = %v, want a question and an answer", got)
	}
	if got := res.FacetDistribution["speaker"]; got["山田太郎"] != 1 || got["渡辺四郎"] != 1 {
		t.Errorf("speaker facet of 給食費 = %v", got)
	}

	// the document view: every passage its speaker; the question's passage is where replyTo points
	id, _, _ := strings.Cut(strings.TrimPrefix(h.Permalink, "/documents/"), "#")
	var doc struct {
		Session  string `json:"session"`
		Passages []struct {
			Seq     int    `json:"seq"`
			Text    string `json:"text"`
			Speaker string `json:"speaker"`
			Role    string `json:"role"`
			Session string `json:"session"`
		} `json:"passages"`
	}
	if err := json.Unmarshal(serveGet(t, srv, "/api/documents/"+url.PathEscape(id)).Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Session != "令和8年第1回定例会" {
		t.Errorf("document session = %q", doc.Session)
	}
	found := false
	for _, p := range doc.Passages {
		if p.Session != "" {
			t.Errorf("passage %d repeats the document's session", p.Seq)
		}
		if strings.Contains(p.Text, "ただいまから本日の会議を開きます") && (p.Speaker != "高橋誠" || p.Role != "chair") {
			t.Errorf("the opening line: %q %q", p.Speaker, p.Role)
		}
		if p.Seq == h.ReplyTo.Seq {
			found = true
			if p.Speaker != "山田太郎" || p.Role != "question" || !strings.Contains(p.Text, "区民の会の山田太郎です") {
				t.Errorf("replyTo points at %q (%s, %s)", p.Text, p.Speaker, p.Role)
			}
		}
	}
	if !found {
		t.Errorf("no passage %d in the document", h.ReplyTo.Seq)
	}

	// the CSV
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(
		serveGet(t, srv, "/api/search.csv?q=給食費&role=answer").Body.String(), utf8BOM))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("CSV: %v, %d rows", err, len(rows))
	}
	col := func(name string) string { return rows[1][slices.Index(rows[0], name)] }
	if col("speaker") != "渡辺四郎" || col("role") != "answer" || col("session") != "令和8年第1回定例会" ||
		col("speaker_title") != "教育長" || !strings.HasSuffix(col("reply_to"), h.ReplyTo.Permalink) ||
		!strings.HasPrefix(col("reply_to"), "http") {
		t.Errorf("CSV row = %q", rows[1])
	}
}
