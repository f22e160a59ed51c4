package minutes_test

import (
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"

	"seisaku/indexer"
	"seisaku/indexer/minutes"
	"seisaku/indexer/source"
)

// TestKiryuCorpus reads every record of ../shared/corpus/kiryu-minutes
// (468 meeting days of 桐生市, 平成15年〜令和7年) as the indexer does and
// reports how many passages have a speaker and a role, the titles found,
// why speeches have no role, and a sample of answers with the question
// they answer, to read by eye (go test -run KiryuCorpus -v
// ./indexer/minutes/). It fails only where a value must be wrong: a
// passage with a role but no speaker, an answer linked to no question, a
// meeting day whose date is not its record's. Skipped without the corpus
// or with -short.
func TestKiryuCorpus(t *testing.T) {
	path := "../../../shared/corpus/kiryu-minutes/kiryu_minutes.jsonl.gz"
	if _, err := os.Stat(path); err != nil || testing.Short() {
		t.Skip("no ../shared/corpus/kiryu-minutes (or -short)")
	}
	an := &indexer.Analyzer{}
	var (
		docs, passages, withSpeaker, withRole, withReply int
		dated, yeared, sessioned                         int
		roles                                            = map[string]int{}
		titles                                           = map[string]int{}
		speeches, noRole                                 int
		why                                              = map[string]int{}
		whyExamples                                      = map[string][]string{}
		answers                                          []string
	)
	err := source.ReadFile(path, func(s source.Source) error {
		docs++
		rec, _ := minutes.Read(s.Blocks, s.Front, s.Session, s.Title)
		d := an.Document(s)
		if d == nil {
			t.Errorf("%s: no document", s.Key)
			return nil
		}
		if d.Meta.Published != "" {
			dated++
		}
		if d.Meta.FiscalYear > 0 {
			yeared++
		}
		if d.Meta.Session != "" {
			sessioned++
		}
		if rec == nil {
			t.Errorf("%s (%s): not read as minutes", s.Key, s.Title)
			return nil
		}
		// who spoke
		names := map[string]int{}
		for _, sp := range rec.Speeches {
			names[sp.Name]++
		}
		for _, sp := range rec.Speeches {
			speeches++
			if sp.Title != "" {
				titles[sp.Title]++
			}
			if sp.Role != "" {
				continue
			}
			noRole++
			reason := "title known, no role: " + sp.Title
			if sp.Title == "" {
				reason = "not in the roster and not conducting"
			}
			why[reason]++
			if len(whyExamples[reason]) < 4 {
				whyExamples[reason] = append(whyExamples[reason], s.Key+" "+sp.Name)
			}
		}
		for _, p := range d.Passages {
			passages++
			if p.Speaker != "" {
				withSpeaker++
			}
			if p.Role != "" {
				withRole++
				roles[p.Role]++
				if p.Speaker == "" && p.SpeakerTitle == "" {
					t.Errorf("%s passage %d: a role without a speaker", s.Key, p.Seq)
				}
			}
			if p.Reply != nil {
				withReply++
				q := d.Passages[p.Reply.Seq]
				if q.Role != indexer.RoleQuestion || q.Speaker != p.Reply.Speaker {
					t.Errorf("%s passage %d answers passage %d, no question of %s", s.Key, p.Seq, p.Reply.Seq, p.Reply.Speaker)
				}
				if p.Seq == 0 || d.Passages[p.Seq-1].Speech != p.Speech {
					answers = append(answers, fmt.Sprintf("%s %s #%d %s（%s）「%s」\n    → #%d %s: %q\n      lead %q",
						s.Key, d.Meta.Session, p.Seq, p.Speaker, p.SpeakerTitle, head(p.Text, 50),
						p.Reply.Seq, p.Reply.Speaker, head(q.Text, 60), p.Reply.Lead))
				}
			}
		}
		if rec.Date != "" {
			if m, day := month(s.Title); m != "" && !strings.HasSuffix(rec.Date, m+"-"+day) {
				t.Errorf("%s: date %s, title %s", s.Key, rec.Date, s.Title)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pct := func(n, of int) string {
		return fmt.Sprintf("%d of %d (%.1f%%)", n, of, 100*float64(n)/float64(max(of, 1)))
	}
	t.Logf("documents %d; published %s; fiscal year %s; session %s", docs, pct(dated, docs), pct(yeared, docs), pct(sessioned, docs))
	t.Logf("passages %d: speaker %s, role %s, reply_to %s", passages, pct(withSpeaker, passages), pct(withRole, passages), pct(withReply, passages))
	for _, r := range []string{minutes.Question, minutes.Answer, minutes.Chair} {
		t.Logf("  role %-8s %s", r, pct(roles[r], passages))
	}
	t.Logf("speeches %d, without role %s", speeches, pct(noRole, speeches))
	for _, k := range sortedKeys(why) {
		t.Logf("  %5d %s (e.g. %s)", why[k], k, strings.Join(whyExamples[k], ", "))
	}
	t.Logf("titles (%d):", len(titles))
	for _, k := range sortedKeys(titles) {
		t.Logf("  %5d %s", titles[k], k)
	}
	r := rand.New(rand.NewSource(22))
	r.Shuffle(len(answers), func(i, j int) { answers[i], answers[j] = answers[j], answers[i] })
	t.Logf("20 of %d answers (first passages), with the question they answer:", len(answers))
	for _, a := range answers[:min(20, len(answers))] {
		t.Log(a)
	}
}

func head(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", "⏎")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// month is the month and day of a record's title (12月20日) as "12", "20".
func month(title string) (string, string) {
	var m, d int
	i := strings.Index(title, " ")
	if i < 0 {
		return "", ""
	}
	if n, _ := fmt.Sscanf(title[i+1:], "%d月%d日", &m, &d); n != 2 {
		return "", ""
	}
	return fmt.Sprintf("%02d", m), fmt.Sprintf("%02d", d)
}

func sortedKeys(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return m[ks[i]] > m[ks[j]] || m[ks[i]] == m[ks[j]] && ks[i] < ks[j] })
	return ks
}
