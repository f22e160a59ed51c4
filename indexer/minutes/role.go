package minutes

import (
	"regexp"
	"strings"
)

// How Japanese assembly minutes divide the speakers, and the role each
// title gets (roleOf):
//
//   - The chair conducts: 議長, 副議長 (in the 議長's place), 仮議長, 臨時議長 and
//     the 年長議員 acting as 議長 in plenary minutes; 委員長, 副委員長 and 分科会長
//     in a committee's minutes (one where a bare 委員長 speaks), where a
//     visiting 議長 conducts nothing; a 座長.
//   - Members ask: 議員, a seat number (５番), 委員 in a committee.
//   - The executive answers: the head (市長, 区長, 町長, 村長, 知事), the
//     deputies (副市長, 助役, 収入役), 教育長, 会計管理者, the 管理者 of public
//     enterprises, the heads of units (…部長, …局長, …課長, …室長, …所長,
//     消防長, 次長 and 参事 of a unit, 理事, …監), 監査委員, and the heads of the
//     executive's committees the law sets up (教育委員長, 選挙管理委員会委員長,
//     公安委員会委員長, 農業委員会会長).
//   - A committee chair of the assembly speaking in plenary (総務委員長,
//     予算特別委員長: a committee's report, then answers on it) is neither
//     the executive nor a member asking: no role. Neither has the
//     assembly's own staff (議会事務局長, 事務局長, 議事課長, 書記): they read
//     and announce.
//
// A title none of these rules knows gets no role: never guessed.

var (
	plenaryChairs   = map[string]bool{"議長": true, "副議長": true, "仮議長": true, "臨時議長": true, "年長議員": true}
	committeeChairs = map[string]bool{"委員長": true, "副委員長": true, "分科会長": true, "副分科会長": true}

	// executiveCommittees are the heads of the executive's own committees
	// (行政委員会), who answer for them; the city's name may precede.
	executiveCommittees = map[string]bool{
		"教育委員長": true, "教育委員会委員長": true, "選挙管理委員会委員長": true, "選挙管理委員長": true,
		"農業委員会会長": true, "公平委員会委員長": true, "人事委員会委員長": true, "固定資産評価審査委員会委員長": true,
		"監査委員": true, "代表監査委員": true, "教育委員": true,
	}

	// reExecutiveCommittee: the heads and members of the executive
	// committees the Local Autonomy Act sets up (地方自治法180条の5: 教育,
	// 選挙管理, 人事 or 公平, 監査委員, 公安, 労働, 収用, 海区漁業調整, 内水面漁場管理,
	// 農業, 固定資産評価審査), as minutes title them: 公安委員会委員長,
	// 労働委員会会長, 農業委員会会長, 選挙管理委員長.
	reExecutiveCommittee = regexp.MustCompile(`^(?:教育|選挙管理|人事|公平|公安|労働|収用|海区漁業調整|内水面漁場管理|農業|固定資産評価審査)(?:委員会(?:委員長|会長|委員)|委員長)$`)

	// reHead: the head, the deputies, and the officers the law names.
	reHead = regexp.MustCompile(`^(?:(?:市|区|町|村)長|知事|副(?:市|区|町|村)長|副知事|助役|収入役|教育長|会計管理者|消防長)$`)

	// reExecutive: the titles of the executive side. A title ending in
	// 教育長 is the 教育長 (教育委員会教育長); one ending in …監 is an
	// executive's post (危機管理監, 技監, 警視総監): the assembly has none.
	reExecutive = regexp.MustCompile(reHead.String() +
		`|教育長$|管理者$` +
		`|(?:部|局|室|課|所|署|館|院|園|本部|センター|事務所|支所|事務長|校)長$` +
		`|.(?:次長|参事|理事|主幹)$|\p{Han}監$`)

	// reStaff: the assembly's own staff.
	reStaff = regexp.MustCompile(`^(?:議会|議事|庶務|調査)|^(?:事務局|事務局長|事務局次長|書記|主査|主任|主事|係長|次長)$`)
)

// roleOf is the role of a speaker titled title; committee says the
// minutes are a committee's (a bare 委員長 speaks in them).
func roleOf(title string, committee bool) string {
	t := strings.TrimLeft(title, "市区町村")
	switch {
	case title == "":
		return ""
	case reStaff.MatchString(title):
		return ""
	case title == "議員" || title == "委員":
		return Question
	case plenaryChairs[title]:
		if committee {
			return "" // a 議長 visiting a committee conducts nothing
		}
		return Chair
	case committeeChairs[title]:
		if committee {
			return Chair
		}
		return ""
	case title == "座長":
		return Chair
	case executiveCommittees[title] || executiveCommittees[t] || reExecutiveCommittee.MatchString(t):
		return Answer
	case strings.HasSuffix(title, "委員長") || strings.HasSuffix(title, "会長") || strings.HasSuffix(title, "委員"):
		return "" // a committee of the assembly reporting, or an unknown body
	case reExecutive.MatchString(title):
		return Answer
	case reHeadFirst.MatchString(title) && !strings.Contains(title, "議会"):
		return Answer // 副市長保健福祉部長事務取扱: the deputy mayor acting as 部長 too
	}
	if t, ok := cutActing(title); ok {
		return roleOf(t, committee) // 監査委員事務局長職務代理
	}
	return ""
}

// reHeadFirst: a title that starts with the head or a deputy and goes on
// with what they also do; or a deputy named by his duties (事務担当助役).
var reHeadFirst = regexp.MustCompile(`^(?:副?(?:市|区|町|村)長|副?知事|助役|収入役|教育長)\p{Han}|\p{Han}(?:助役|収入役)$`)

// cutActing drops an acting post's ending: 職務代理, 事務取扱, 事務代理.
func cutActing(title string) (string, bool) {
	for _, suffix := range []string{"職務代理者", "職務代理", "事務取扱", "事務代理", "代理"} {
		if t, ok := strings.CutSuffix(title, suffix); ok && t != "" {
			return t, true
		}
	}
	return "", false
}

// isBareTitle reports whether a speaker mark's word is a title, not a
// name (○議長　, ◎総務部長　, ○事務局長　).
func isBareTitle(w string) bool {
	return plenaryChairs[w] || committeeChairs[w] || w == "座長" || executiveCommittees[w] ||
		reStaff.MatchString(w) && len([]rune(w)) <= 6 || reExecutive.MatchString(w) ||
		strings.HasSuffix(w, "委員長") && len([]rune(w)) > 3
}

// reCommitteeName is a committee named in a record's title: 決算特別委員会,
// 総務委員会, 議会運営委員会 (the name is the letters before 委員会).
var reCommitteeName = regexp.MustCompile(`([^\s　・、（(「]{1,16}?)委員会`)

// reAdvisory: the committees the executive sets up to draft, review or
// choose (○○計画策定委員会, 指定管理者選定委員会): not the assembly's.
var reAdvisory = regexp.MustCompile(`(策定|検討|推進|評価|選定|審査|審議|協議|懇話|懇談|運営協議)$`)

// AssemblyCommittee reports whether a record's title names a committee of
// the assembly: a 常任 or 特別 committee or the 議会運営委員会, named by
// the matters it takes (総務, 文教, 厚生, 区民, 決算特別, 予算特別 …), and
// not one of the executive's committees the law sets up (教育委員会,
// 選挙管理委員会, 農業委員会 …) or an advisory one the executive appoints
// (○○策定委員会).
func AssemblyCommittee(title string) bool {
	m := reCommitteeName.FindStringSubmatch(title)
	if m == nil {
		return false
	}
	name := m[1]
	// reExecutiveCommittee reads a head's title (教育委員会委員長): the
	// committee's name is read as that title would write it
	if reExecutiveCommittee.MatchString(name+"委員会委員長") || reAdvisory.MatchString(name) {
		return false
	}
	return strings.Contains(title, "議会") || reBody.MatchString(name)
}
