package hit

import "seisaku/indexer"

// Speech says who spoke a passage of assembly minutes and in which meeting:
// the speaker as the minutes write them, a role (indexer.RoleQuestion,
// RoleAnswer, RoleChair) and, on an answer, the question it answers. Every
// field is empty for passages that are not minutes, and a field the minutes
// do not state stays empty: a role is never guessed from a name.
type Speech struct {
	Speaker      string `json:"speaker,omitempty"`      // 渡辺恒
	SpeakerTitle string `json:"speakerTitle,omitempty"` // 市長, 管理部長, 議員
	Role         string `json:"role,omitempty"`         // question, answer or chair
	Session      string `json:"session,omitempty"`      // the meeting: 平成28年第4回定例会
	ReplyTo      *Reply `json:"replyTo,omitempty"`      // on an answer: the question it answers
}

// Reply is the question an answer answers: the first passage of the
// question's speech, who asked and its first words.
type Reply struct {
	Seq       int    `json:"seq"`
	Speaker   string `json:"speaker,omitempty"`
	Lead      string `json:"lead,omitempty"`
	Permalink string `json:"permalink"` // the question's passage in the document view
}

// speech reads a passage's Speech from its stored fields f.
func speech(f map[string]any) Speech {
	s := Speech{
		Speaker:      StoredString(f[indexer.FieldSpeaker]),
		SpeakerTitle: StoredString(f[indexer.FieldSpeakerTitle]),
		Role:         StoredString(f[indexer.FieldRole]),
		Session:      StoredString(f[indexer.FieldSession]),
	}
	if _, ok := f[indexer.FieldReplyTo]; ok {
		s.ReplyTo = &Reply{
			Seq:     StoredInt(f[indexer.FieldReplyTo]),
			Speaker: StoredString(f[indexer.FieldReplyToSpeaker]),
			Lead:    StoredString(f[indexer.FieldReplyToLead]),
		}
	}
	return s
}
