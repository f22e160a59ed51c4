package source

import (
	"regexp"
	"strings"
)

// Scraped web pages arrive as text with the site's chrome around the
// content. chromeLines are whole lines that are never content.
var chromeLines = map[string]bool{
	"ページの先頭です": true, "ページの先頭へ戻る": true, "ページの先頭へ": true,
	"本文ここから": true, "本文ここまで": true, "ここから本文です": true, "ここまで本文です": true,
	"SNSリンクは別ウィンドウで開きます": true, "Facebookでシェア": true, "Xでポストする": true,
	"LINEで送る": true, "ツイート": true, "探している情報が見つからない": true,
	"策定経過": true, "入力欄を開く": true, "ご注意": true, "メール送信フォーム": true,
	"このページを印刷する": true, "印刷用ページを表示する": true, "閉じる": true,
}

// chromePatterns match chrome lines that vary: page numbers, links to past
// editions, the PDF reader notice.
var chromePatterns = []*regexp.Regexp{
	regexp.MustCompile(`^ページ番号[:：]`),
	regexp.MustCompile(`^過去の.{1,40}(運営方針|マニフェスト)(一覧)?$`),
	regexp.MustCompile(`^(Adobe )?Acrobat Reader`),
	regexp.MustCompile(`^PDF形式のファイルを(ご覧|開)`),
}

// footerStarts open the page footer whose first line names the
// organisation responsible for the page.
var footerStarts = map[string]bool{
	"このページの作成者・問合せ先": true, "このページに関するお問い合わせ": true,
	"このページへのお問い合わせ": true, "お問い合わせ先": true, "問合せ先": true,
}

// ContactPrefix starts the last block of a page whose footer names the
// organisation responsible for it (このページの作成者・問合せ先), e.g.
// "問合せ先: 大阪市 政策企画室秘書部秘書課総務グループ". The metadata
// extractor reads it; the passage splitter drops it.
const ContactPrefix = "問合せ先: "

func isChrome(t string) bool {
	if chromeLines[t] {
		return true
	}
	for _, re := range chromePatterns {
		if re.MatchString(t) {
			return true
		}
	}
	return false
}

// pageState is where a line of a scraped page sits.
type pageState int

const (
	inBody   pageState = iota
	inSurvey           // 【アンケート】 form: dropped
	inFooter           // このページの作成者・問合せ先: organisation line kept as contact
)

// pageReader turns the lines of a scraped page into blocks.
type pageReader struct {
	src     Source
	blocks  blocks
	state   pageState
	contact string
}

// readPage reads a page scraped to text: chrome lines, the survey form and
// the contact footer are left out; "•" lines are list items; the first
// title-like line is the title.
func readPage(text string) Source {
	var p pageReader
	for _, line := range strings.Split(text, "\n") {
		p.line(line)
	}
	if len(p.blocks) == 0 && p.src.Title != "" {
		// a page of one line: its title is all its text
		p.blocks.add(Paragraph, 0, p.src.Title)
	}
	p.src.Blocks = p.blocks
	if len(p.blocks) > 0 && p.contact != "" {
		p.src.Blocks = append(p.src.Blocks, Block{Kind: Paragraph, Text: ContactPrefix + p.contact})
	}
	return p.src
}

func (p *pageReader) line(line string) {
	t := trim(line)
	if t == "" {
		return
	}
	switch {
	case p.state == inFooter:
		if p.contact == "" {
			p.contact = t
		}
	case footerStarts[t]:
		p.state = inFooter
	case p.state == inSurvey:
	case strings.HasPrefix(t, "【アンケート】"):
		p.state = inSurvey
	default:
		p.body(line, t)
	}
}

func (p *pageReader) body(line, t string) {
	item, isItem := cutBullet(t)
	switch {
	case isChrome(t) || isItem && isChrome(item):
	case p.src.Title == "" && len(p.blocks) == 0 && !isItem && titleLike(t):
		p.src.Title = t
	case t == p.src.Title:
	case isItem:
		p.blocks.add(ListItem, 0, item)
	case p.blocks.last() == ListItem && indent(line) >= 4:
		p.blocks.continueLast(t)
	default:
		p.blocks.add(Paragraph, 0, t)
	}
}
