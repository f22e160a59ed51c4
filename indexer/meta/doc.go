// Package meta extracts a document's city, department, fiscal year and
// publication date from its title, text and the hints its format states.
//
// # Precedence
//
// Every field is decided in the same order:
//
//  1. Hints: what the format states explicitly (a CSV 自治体名 or 公開年月
//     column, a JSON bureau). The format's author meant that value.
//  2. Strong evidence in the document: the title, the page footer's
//     organisation line (the readers emit it as a last line "問合せ先: …"),
//     the header lines (the first five non-empty lines) and named plans.
//     A document that states where it comes from knows better than a
//     directory-wide setting.
//  3. The operator's defaults (index --city 桐生市): true for a whole source
//     but blind to a stray file from elsewhere, so below the document.
//  4. Weak evidence (a city named a few times in passing, never once):
//     better than nothing, but not better than an operator who knows.
//
// A field nothing supports stays zero, which means unknown. Unknown is an
// honest value; an invented one misleads every facet count built on it.
// The path is never evidence (file names are codes); the address's host
// is, when it is a municipality's website.
//
// # City
//
// Municipality names come from municipalities.tsv, embedded and generated
// from localgovjp (CC0; municipalities.go, internal/genmuni): all 1,741
// municipalities (792 市 with the 20 政令指定都市, 743 町, 183 村, 23 特別区)
// and the 175 wards of the 政令指定都市, each with its prefecture, reading,
// 全国地方公共団体コード and website. Names are found leftmost-longest, with
// the 47 prefecture names as tokens too, so 東大阪市 is never 大阪市, 東京都市町村
// holds no 京都市, 東京都府中市 names no 京都府 and 岡山県倉敷市 is 倉敷市. A
// ward of a 政令指定都市 is not a city of its own (大阪市北区 is 大阪市); the
// 特別区 names 北区, 中央区 and 港区 count only after 東京都. Other 特別区 names
// and two-character names (津市, 呉市) count only when the character before
// them does not continue a word (港北区, 今津市場). Every stage is linear in
// the text (BenchmarkExtractLongLine).
//
// A name several municipalities share (府中市 in 東京都 and 広島県, 伊達市 in
// 北海道 and 福島県, and 23 more, mostly 町 and 村) is resolved by the
// prefecture written right before it (広島県府中市), else by the prefecture the
// document names elsewhere when it names only one of theirs, else by the
// address's website; otherwise the city is unknown. The prefecture of the
// city found is the document's Prefecture.
//
// The address (URL) is evidence too, as strong as the title: the host of a
// municipality's official website (www.city.kiryu.lg.jp → 桐生市; matched by
// the host, else by its city/town/vill label, since the source lists some
// sites under their older names).
//
// Each mention scores: in the title, at the start of a header line, inside
// a header line as part of a name (桐生市議会), or at the start of the
// 問合せ先 line, 4; a city's own publication in kana (広報ひらかた → 枚方市,
// 広報あつぎ, 広報くらしき, 広報かしわら, 広報きりゅう, 広報しながわ; the
// brands table in city.go), 3; in the body as the head of a longer name
// (第4次柏原市総合計画, 大阪市協働指針), 2; in passing (大阪府と大阪市の,
// 大阪市内), 1; and 本市 or 当市 anywhere adds 1 to the leading city when
// it is named more than in passing (a partner named twice in passing,
// 「事業実施主体：香南市」 in 南国市's papers, is not the 本市). A name at the
// start of a line before 長 (香美市長　田中　一郎, the head signing a bill)
// scores as a header line's, 4. A name
// right after an issuer's label (発行：日高川町, 編集・発行 富良野市) scores as a
// header line's, 4: the document states who issues it. A bulletin whose
// masthead is 広報 (市報, 町報, …) and a municipality's reading without 市,
// 町 or 村 (広報ふらの → 富良野市, 広報さっぽろ → 札幌市, 広報ねりま → 練馬区)
// scores like a listed brand, 3, when no other municipality reads the
// same and the reading has three kana or more (municipalities name their
// bulletins so). The
// best city with 4 or more is strong evidence; with 3 it is weak; one or
// two passing mentions are never enough, and a tie is unknown. A name in a
// list joined by ・ or 、 before a compound (富士市・富士宮市消防指令センター,
// a joint body) counts as in passing. A city named only in the body (never
// in the title, a header line, as issuer or signer, by its brand or its
// address) must score more than twice any other the body names: a page of
// a budget book names a partner city and the building it rents as often
// as its own, which nothing else names; otherwise it is unknown. A hinted city
// loses a leading prefecture (神奈川県厚木市 → 厚木市).
//
// # Title
//
// The title is the document's own (Metadata.Title, with Why.Title saying
// where it was read). A title the format states (a speech header, a CSV
// headline, HTML's) is kept as written, only letter-spacing joined. Else,
// on the first page (or the top of an unpaged text): the line set in the
// largest type that reads as a title, with what completes it: a fiscal
// year or session line above it (令和８年度 / 施政方針・予算説明), a number,
// part or edition below it (（第７号）, 第２次, （資料編）), or the line that
// names the document under a session line (令和5年 第10回 石垣市議会（定例会）
// / 一般質問日程表). A line above completes only a title line that states
// no year of its own: under 令和６年第３回定例会 the title is 令和５年度決算の概要.
// A title line that breaks before its head noun (…に対する, …に係る,
// …における, …の, …及び: Japanese puts the noun last) goes on in the next
// line of the same type. A line of body-size type counts only when it names a
// kind of document (計画, 予算, 日程表, について, …); one that fills its line
// (30 characters or more, as a bill's title in the body's type does) goes
// on in a short line after it when the two read as a title together
// (「…支給条例等の一部を改正す」 / 「る条例」, 「…に伴う財産処」 / 「分について」),
// unless that line is a date, a signature or the issuer. A line between
// two rows of a table is a cell's wrapped line, no title; a line below two
// rows of a table is the table's matter (a file that opens on a page of a
// budget book cut by 款), and so is a line set three times or more on the
// first page (原案可決 down a column; a bill states its title twice). The
// era's year over the western one in brackets (令和8年度 / （2026年度）)
// both head the title line. A PDF's document
// information Title counts when the cover gives no heading that names a
// document and it is no file name (2002.indd), office default (PowerPoint
// プレゼンテーション) or garbage. Letter-spaced runs of single characters are
// joined (南　国　市　予　算　書 → 南国市予算書), as are a number and its
// counter (第 12回, 26 回). Never a title: the name of a book's front
// section (ごあいさつ, はじめに, 目次), a sentence or greeting
// (おはようございます, 皆様, ～いたします, a polite verb ending, 。), a date or
// era year alone (令和６年度, 令和８年２月16日), a number label (議案第86号,
// 議員提出議案 第38号, 別紙３), a head's signature (延岡市長 三浦 久知), an
// office alone as an 意見書 addresses it (参議院議長, 内閣総理大臣), a note
// wholly in brackets (（厚生委員会付託）), a form field (計画期間：…), a figure
// grouped by thousands (a row or a sum of a budget's table: 均等割 403,000),
// a coded row (001一般職) or a label and its figure in cells (事務補助 | 4人),
// a unit note, a line of text drawn twice, a fragment (unbalanced brackets,
// a trailing 、, a start that continues the line above: する…, を…, の一部…,
// 及び…, 円…; an end cut inside a verb: …す), prose (a comma after a clause:
// 「…ましては、」, 「開会に当たり、」, 「…千円、」; a comma in a line that does not
// end in a kind of document), a list item run into its number
// (「１無償譲渡する普通財産」), or garbage: a title must read as Japanese, mostly kana,
// common kanji (JIS X 0208 level 1) and punctuation. When two lines above
// the title candidate are debris of vertical text read across (a lone
// kana, a small kana starting a line), the page gives no title. Nothing
// found is unknown (""); the index then shows a label, not a claimed
// title: for a PDF the name of its file when that names a document
// (施政方針（446回）.pdf, a speech printed as its text alone), else the
// first heading that reads as a title, else the first line of the text.
//
// # Department
//
// The department is the top organisational unit the document names: a name
// ending in 局, 部, 室, 公室, 本部, 課, 委員会, 委員会事務局, 区役所 (and, in
// contact lines, 保健所). Japanese writes the hierarchy top-down, so the
// first unit in a string is the highest (市民局総務部総務担当 → 市民局; a 課 is
// taken only when nothing higher precedes it). A 課 whose 部 the document
// does not name is shown by its own name as written, without 本庁, 市 or the
// city's name in front (問合せ：本庁防災推進課 → 防災推進課): the facet then
// mixes the 部/局 level with bare 課 names, but never guesses a 部. A mayor's
// or ward head's speech is filed under 市長 (区長, 町長, 村長), assembly
// minutes under 議会. Sources, in order: the hint (a JSON bureau, or its dept
// "企画経営部　企画課" cut to 企画経営部), the title (令和4年度市民局運営方針,
// 政策推進部 部長マニフェスト, 市長公室の取り組み), the 問合せ先 line (city
// removed first: 大阪市 政策企画室秘書部… → 政策企画室), then speeches and
// minutes: the head when the header says 市長発言 or 発言者: …（市長）, 議会 when
// it names the assembly with 会議録, 定例会 or 臨時会. When the format gives no
// title, the first short header line that is more than a year serves as
// one (市長公室の取り組み under 令和4年度 / (2022年度)). Last, the contact lines
// of the text (問合せ：…, 問い合わせ先：…, 申込み・問合せ：…, or the lines under a
// bare label): each names a unit up to its phone number; an outside body
// (協会, 実行委員会, 法務局, 税務署, 年金事務所, an association's 事務局, a
// person's name, another municipality or a prefecture; not 保険年金課 or
// 地方創生課, which are the city's) counts for nothing, a body inside a
// unit counts for the unit (…協会事務局(本庁国際課内) → 国際課), and the unit
// more than half of all the contacts name is the department; with no
// majority it is unknown. Before the contact lines, an issuer line among
// the header lines that says nothing but who issues the document (三鷹市
// 子ども政策部 子育て支援課; 市民文化局 人権・男女共同参画室; 令和８年５月27日
// 財政課作成; 発行／富良野市　編集／総務部企画課, its labels 発行, 編集, 作成,
// 担当, 所管 and the like set aside; units below the first such as
// こころの健康センター, 係, 担当 allowed after it) gives its first unit;
// then a form's field naming the unit in charge among the first lines
// (所管部 | 都市整備部 | 所管課 | 交通政策課 → 都市整備部; 担当部署：市民部 市民課;
// 契約担当課：財務部契約検査課), the first being the highest as forms list
// them; and a speech (施政方針, 所信, 市政運営方針, 町政執行方針, 提案理由)
// its head signs (延岡市長 三浦 久知) is filed under 市長. A unit's name starts at a
// word boundary (a space, punctuation, a line start, a place name or a
// particle); hiragana inside common names stays (子ども政策部, 子育て支援課,
// 障がい福祉課),
// so 政策部 is never cut from 子ども政策部. 議会 is the department of minutes
// (会議録, 議事録) only: a list of bills or a schedule of the assembly names
// no unit. Words that end like a unit but name none (一部,
// 全部, 委員会 alone, 区役所 alone, 教室, 課題, 部門) are rejected, and
// hiragana ends a name except in こども, くらし and the like, so a phrase such
// as 緑に親しもう教室 is no department. There is no other weak tier: a
// department named somewhere in the body is often another one's
// (危機管理室をはじめ関係所属と連携).
//
// # Fiscal year
//
// A fiscal year (年度) is a Western year: 令和n = 2018+n, 平成n = 1988+n,
// 昭和n = 1925+n, 元年 = 1; R4/H30/S63 abbreviations, full-width digits and
// kanji numerals (令和四年度) are read too. 平成 years up to 45 are accepted
// because plans written before 2019 kept counting (平成32年度 = 2020).
// Why.FiscalYear keeps the evidence ("令和8年度 (title)", "施政方針 given at
// a 3月 session → the fiscal year from that April", "dated 2021-02-24 →
// fiscal 2020 (the document's date)"). A year that opens or closes a span
// (平成21年度から, ～令和5年度まで, 2015～2019年度, （令和３年度～令和８年度）)
// and any year of a line stating a period (計画期間) is never the
// document's; nor is a year of a line that lists three or more (平成21年度
// 平成22年度 平成23年度 …, the columns of a trend). Sources, in order:
// the hint; the title, then the header lines of the title block (令和4年度
// in "令和4年度\n(2022年度)"; the title block ends at the first table row,
// section label or bill, not at a row of single letter-spaced characters
// (予 | 算 | の | 概 | 要), and sentences belong to the lead; in a budget
// speech a year that only names its session, 令和6年度第4回定例会 of an
// assembly counting its sessions by fiscal year, is not the speech's: it
// was given in March, the last month of that year, and the session rule
// reads the year it presents); for formats
// whose hint states a publication date (bulletins),
// the fiscal year of that date, April to March (2025-01-15 → 2024), because
// a bulletin speaks of the year it is issued in; a form's field labelled
// with the year its content is about (評価対象年度 | 令和５年度, 実施年度：令和６年度;
// also 対象年度, 事業年度, 会計年度, 予算年度), one year and no span, among the
// first lines; a budget or policy speech's
// session (施政方針 or 執行方針, 当初予算, 予算, 市政運営の方針, 所信 or 提案理由, not a
// 補正予算 or 決算, given at a February or March 定例会 presents the fiscal
// year starting that April, whatever the header's shape: 平成15年第1回定例会
// 03月05日, 平成14年_第１回定例会 with 開催日: 2002-02-27, 令和８年３月定例会,
// a cover dated 令和８年２月16日; a 施政方針 or 当初予算 of the year's first
// regular session 令和8年第1回定例会 too); the lead, the prose of the first
// 600 characters, its first year that is the topic (「平成14年度は、…」,
// 令和８年度当初予算, 令和４年度一般会計当初予算, 平成15年度の予算), not one
// merely mentioned, the base of a comparison (令和３年度当初予算に比べて), a
// supplementary budget's or a span's; then, as weaker evidence, the fiscal
// year of the document's own date: a date line of a paged document's title
// block (令和７年２月 under the title), a bulletin's issue month (2025年6月号)
// or a date it labels its own (会期：令和３年
// ２月24日～, 令和元年９月30日現在), but never a plan's (計画, 戦略, ビジョン:
// its date is when it was made), a standing rule's (条例, 規則, 要綱, 要領,
// 規程: in force until changed, about no one year) nor a web page's 更新日; then the operator's
// default. The publication date found in a page's text
// is not used this way: a scraped page's date is when it was last updated
// (seed 000 is about 令和4年度 but dated 2023年6月9日). Years further in the
// body are never used: a document mentions many years besides its own. A
// session's calendar year (平成15年第1回定例会) is not a fiscal year by itself.
//
// A bare year (「23年度」, no era) in the title or header is resolved by
// ResolveBareYear against a reference year: the publication date, else the
// first era year stated anywhere in the text, else the operator's default
// year. The candidates are 令和n, 平成n, 昭和n, 19nn and 20nn; the closest to
// the reference wins if it is within ten years and unambiguous (23 with
// reference 2017 is 2011 or 2023, equally far: unknown). With no reference,
// a number whose 令和 year would lie beyond next fiscal year is the 平成
// year (up to 31, 平成's last): seed 002's 23年度 is 2011. A smaller number
// (5年度: 令和5 and 平成5 both past) stays unknown.
//
// # Publication date
//
// Published is YYYY-MM-DD, or YYYY-MM when only a month is known (2024年10月号).
// Sources: the hint (a CSV 公開年月 2024.04.15; for minutes, the meeting's
// day as package minutes reads it from their header, which makes the fiscal
// year that of the meeting unless the title names a 年度); else a line among the top
// three that is a date and nothing else, perhaps after a label such as
// 公開日 or 更新日 (2023年6月9日 under seed 000's title; the meeting day under
// a minutes header); else the operator's default. A date inside a sentence
// ((令和5年6月9日) in a progress note) is not a publication date, and neither is
// the time a page was scraped.
package meta
