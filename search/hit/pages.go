package hit

import (
	"cmp"
	"slices"
	"strconv"
)

// Pages. A PDF page is what a reader opens, and a passage is a piece of
// it (a table's rows, a notice's paragraphs): a list that shows one page
// five times shows four pages fewer. So when the index holds paged
// documents, the first PageWindow hits of a relevance page are taken page
// by page: a passage of a page a hit above already shows is folded into
// that hit (Hit.SamePage counts them), and among the pages, one whose
// passages together hold more of the query's words comes first (a page of
// table cells and notices seldom holds every word in one passage, but the
// page holds them; a relaxed search's passages are otherwise ranked one by
// one). Hits without a page keep their places.
//
// On the municipal PDF relevance set (20 needs judged by page) nDCG@10 went
// 0.586 → 0.606 (and to 0.663 with a document's pages capped as pages, see
// pagesPerPassage); on ../shared/relevance, which holds no PDF, nothing
// moves (0.548). Only an index that holds paged documents fetches the
// window (Searcher.paged), so searches of text alone cost what they did.
//
// A page of minutes holds several speeches, each a unit of its own (a
// question and the answers to it are on one page as often as not), so
// there the passages of one speaker fold together and another speaker's
// stay hits of their own.
//
// In minutes the speech is the unit of meaning: a member's question on a
// matter, the executive's answer to it, a 討論, a committee report; a
// passage is a piece of one. Where the index names each passage's speech
// (Hit.SpeechKey), a passage of a speech a hit above already shows is
// folded into that hit whatever its page (Hit.SameSpeech counts them), and
// the speeches keep their order: a speech of many passages that holds the
// query's words between them is as often a long one that names each in
// passing. A list that shows one speech three times shows two speeches
// fewer, and the cap on a document's hits (Diversify) then counts a meeting
// day's speeches, not its passages. On bench/minutes (18 needs over the
// 桐生市 minutes, judged by speech, 775 judgments) nDCG@10 went 0.683 →
// 0.691 (ordering the speeches by the words their passages hold, as pages
// are: 0.644); see docs/ranking.md.
const PageWindow = 100

// CollapsePages folds the hits of each page (and, in minutes, of each
// speech) into its first and orders the pages by how many query words they
// hold (see above), in place of the paged hits; it returns the hits left.
func CollapsePages(hits []Hit) []Hit {
	type page struct {
		first int // index in out
		words map[string]bool
	}
	key := func(h Hit) string {
		if h.SpeechKey != "" {
			return "speech\x00" + h.SpeechKey
		}
		return h.DocID + "\x00" + strconv.Itoa(h.Page) + "\x00" + h.Speaker + "\x00" + h.Role
	}
	pages := map[string]*page{}
	out := hits[:0:0]
	for _, h := range hits {
		if h.Page <= 0 && h.SpeechKey == "" {
			out = append(out, h)
			continue
		}
		k := key(h)
		p, seen := pages[k]
		switch {
		case !seen:
			p = &page{first: len(out), words: map[string]bool{}}
			pages[k] = p
			out = append(out, h)
		case h.SpeechKey != "":
			out[p.first].SameSpeech++
		default:
			out[p.first].SamePage++
		}
		for _, w := range held(h) {
			p.words[w] = true
		}
	}
	// the paged hits' places, refilled with the pages by words held, then
	// by their first passage's rank
	var at []int
	for i, h := range out {
		if h.Page > 0 && h.SpeechKey == "" {
			at = append(at, i)
		}
	}
	paged := make([]Hit, len(at))
	for j, i := range at {
		paged[j] = out[i]
	}
	slices.SortStableFunc(paged, func(a, b Hit) int {
		return cmp.Compare(len(pages[key(b)].words), len(pages[key(a)].words))
	})
	for j, i := range at {
		out[i] = paged[j]
	}
	return out
}

// held is the query words a hit holds, as its explanation says (none when
// it is not explained: every hit of a strict search holds them all).
func held(h Hit) []string {
	if h.Match == nil {
		return nil
	}
	var out []string
	for _, w := range h.Match.Words {
		if w.How != "missing" && w.How != "" {
			out = append(out, w.Word)
		}
	}
	return out
}
