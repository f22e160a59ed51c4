package theme

import "slices"

// matcher finds thesaurus words in folded text with an Aho–Corasick
// automaton over UTF-8 bytes, compiled to a full transition table over byte
// classes (bytes that occur in no word share class 0), so scanning costs
// one table look-up per byte.
type matcher struct {
	class   [256]uint8
	nclass  int
	next    []int32 // next[state*nclass+class]
	longest []int32 // per state: the longest word ending here, or -1
	lens    []int   // per word: length in bytes
}

// newMatcher compiles words (non-empty, folded); a word's index is its id.
func newMatcher(words []string) *matcher {
	m := &matcher{lens: make([]int, len(words))}
	m.assignClasses(words)
	trie := [][]int32{m.newRow()}
	m.longest = []int32{-1}
	for id, w := range words {
		m.lens[id] = len(w)
		s := int32(0)
		for i := 0; i < len(w); i++ {
			c := m.class[w[i]]
			if trie[s][c] == 0 {
				trie = append(trie, m.newRow())
				m.longest = append(m.longest, -1)
				trie[s][c] = int32(len(trie) - 1)
			}
			s = trie[s][c]
		}
		m.longest[s] = int32(id)
	}
	m.link(trie)
	return m
}

func (m *matcher) newRow() []int32 { return make([]int32, m.nclass) }

func (m *matcher) assignClasses(words []string) {
	m.nclass = 1
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			if m.class[w[i]] == 0 {
				m.class[w[i]] = uint8(m.nclass)
				m.nclass++
			}
		}
	}
}

// link turns the trie into a DFA: breadth first, missing transitions follow
// the failure state, and a state without a word of its own inherits the
// longest word of its failure state.
func (m *matcher) link(trie [][]int32) {
	fail := make([]int32, len(trie))
	queue := []int32{}
	for c := 0; c < m.nclass; c++ {
		if t := trie[0][c]; t != 0 {
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if m.longest[s] < 0 {
			m.longest[s] = m.longest[fail[s]]
		}
		for c := 0; c < m.nclass; c++ {
			t := trie[s][c]
			if t == 0 {
				trie[s][c] = trie[fail[s]][c]
				continue
			}
			fail[t] = trie[fail[s]][c]
			queue = append(queue, t)
		}
	}
	m.next = slices.Concat(trie...)
}

// match is one occurrence of word id at text[start:end].
type match struct{ id, start, end int }

// scan appends to dst, for every end position in text, the longest word
// ending there.
func (m *matcher) scan(dst []match, text string) []match {
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = m.next[int(s)*m.nclass+int(m.class[text[i]])]
		if id := m.longest[s]; id >= 0 {
			dst = append(dst, match{int(id), i + 1 - m.lens[id], i + 1})
		}
	}
	return dst
}
