package passage

import (
	"regexp"
	"unicode/utf8"
)

// A contact line (問合せ：本庁男女共同参画課, 【電話】426-3105, TEL 086-…,
// E-mail: …) ends the notice above it: it is packed into that notice's
// passage even when the notice is full, not cut off as a passage of its
// own (倉敷市's 「問合せ：本庁男女共同参画課⏎【電話】426-3105」 was one, and
// ranked first by year). A longer line that starts so is text.
var reContact = regexp.MustCompile(`^[■□●○◆◇◎・※＊*▼▲〇]?\s*(?:` +
	`【?(?:(?:申込み?|申し込み)[・/／]?)?(?:お?問い?合わ?せ先?|連絡先|担当(?:課|部署|窓口|者)?)\s*[:：】)）(（\s]` +
	`|【(?:電話|TEL|Tel|FAX|Fax|ファクス|ファックス|E-?mail|E-?Mail|Eメール|メール)】` +
	`|(?:電話(?:番号)?|TEL|Tel|FAX|Fax|ファクス|ファックス|E-?mail|E-?Mail|Eメール|メール)\s*[:：]` +
	`|(?:TEL|Tel|FAX|Fax|☎|℡)\s*[0-9０-９(（]` +
	`)`)

const maxContactRunes = 100

func isContact(text string) bool {
	return utf8.RuneCountInString(text) <= maxContactRunes && reContact.MatchString(text)
}

// An update or publication stamp (更新日：2024年4月1日, 最終更新日 2024/04/01,
// 2024年4月1日更新) is page chrome, not a passage: a web page's first
// passage was 「更新日：2024年4月1日」. The document's publication date is
// still read from it by package meta, which sees every line.
var reStamp = regexp.MustCompile(`^[\[【（(]?(?:ページ)?(?:最終更新日?時?|更新日時?|掲載日時?|公開日時?|作成日|登録日|発行日|更新)[\]】）)]?\s*[:：]?\s*` + stampDate + `\s*(?:更新|掲載|公開)?$` +
	`|^` + stampDate + `\s*(?:更新|掲載|公開|作成)$`)

// stampDate is a date as a stamp writes it: 2024年4月1日, 令和6年4月1日(月),
// 2024/04/01 10:00.
const stampDate = `(?:令和|平成|昭和|R|H)?\s*[0-9０-９元]+\s*[年/／.．\-－]\s*[0-9０-９]+\s*(?:[月/／.．\-－]\s*[0-9０-９]+\s*日?)?` +
	`(?:\s*[(（][^)）]{1,3}[)）])?(?:\s*[0-9０-９]{1,2}[:：時][0-9０-９]{2}分?)?`

func isStamp(text string) bool {
	return utf8.RuneCountInString(text) <= 40 && reStamp.MatchString(text)
}
