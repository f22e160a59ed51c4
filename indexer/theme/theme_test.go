package theme

import (
	"strings"
	"testing"
)

func TestTag(t *testing.T) {
	tests := []struct {
		text string
		want string // theme names joined by " "
	}{
		// 柏原市 部長マニフェスト (seed 004)
		{"また、地域主体の活動を促すため、NPO、大学、地域団体等と連携し、市民協働のまちづくりを目指すとともに、市内各地域での市民と外国人の異文化交流を推進します。",
			"多文化共生・国際 市民協働・地域活動"},
		{"市内各地域での市民と外国人の異文化交流を推進します", "多文化共生・国際"},
		// 大阪市 市民局運営方針 (seed 001)
		{"また、ICTを活用した市民サービス向上の観点から証明書のコンビニ交付サービスや施設利用手続き等のオンライン化を推進する。", "デジタル・ICT"},
		{"証明書のコンビニ交付サービス及び住民票の写し等のオンライン申請の利用率の向上", "デジタル・ICT"},
		{"消費生活の安全、街頭犯罪の抑止などの市民生活の安全・安心に関わる課題の解決に向けて取り組むこと。", "防犯・安全安心 消費生活"},
		{"街頭犯罪の抑止", "防犯・安全安心"},
		{"新型コロナウイルス感染症による状況に留意しながら、研修などの支援に取り組む。", "健康・感染症"},
		// width and kana variants fold: ウィルス/ウイルス, ＩＣＴ/ICT
		{"新型コロナウィルス", "健康・感染症"},
		{"ＩＣＴ活用の検討", "デジタル・ICT"},
		{"ｺﾝﾋﾞﾆ交付", "デジタル・ICT"},
		// a word inside a longer word does not count: 文化 in 多文化共生, 教育 in 消費者教育
		{"多文化共生に関する施策を総合的かつ円滑に推進する。", "多文化共生・国際"},
		{"高齢者を対象とした消費者教育の推進", "消費生活 福祉・高齢者"},
		// ウィズコロナ is a shadow word: the time, not the disease
		{"2年に及ぶウィズコロナで経験を活かし、常に市民と向き合い、寄り添い、思いを共有して", ""},
		// ASCII words need boundaries: AI is not in MAIL, DV not in DVD
		{"MAILで送る、DVDを貸し出す", ""},
		{"AIを活用した窓口、DV防止に向けた啓発", "男女共同参画・女性活躍 デジタル・ICT"},
		// weak words need two hits
		{"女性の地域活動への参画", "市民協働・地域活動"},
		{"参画意欲のある女性を発掘、育成し継続して支援するとともに、女性が中心的な役割を担う", "男女共同参画・女性活躍"},
		{"(予算額 7百万円)", ""},
		{"当初予算につきましては、一般会計では452億８千万円", "財政・予算"},
		// neutral sentences
		{"以上、主要な施策や事業につきまして、所信の一端を述べさせていただきました。", ""},
		{"運営方針の進捗管理を実施しました。その結果について、「自己評価」欄に反映しています。", "議会・市政運営"},
		{"探している情報が見つからない", ""},
		{"", ""},
	}
	th := Default()
	for _, tt := range tests {
		if got := strings.Join(th.Tag(tt.text), " "); got != tt.want {
			t.Errorf("Tag(%q)\n got  %q\n want %q", tt.text, got, tt.want)
		}
	}
}

// TestTagAboutness holds the passages of the bundled samples that carried
// themes they are not about: a theme needs the passage to be about it, not
// one word in passing, a venue, a contact office or a means of applying.
func TestTagAboutness(t *testing.T) {
	tests := []struct {
		name, headings, text, want string
	}{
		{"a seminar's venues, contacts and 電子申請 are logistics (kurashiki-2024-10 row 17)", "",
			"イノシシの生態と被害対策に精通した野生鳥獣対策連携センター講師による「イノシシ被害対策セミナー」を開催します。\n開催日時・場所：いずれも13時半～16時半\n11月21日(木)…玉島東公民館\n26日(火)…稗田町民センター\n27日(水)…船穂公民館\n12月3日(火)…真備公民館\n6日(金)…くらしき健康福祉プラザ\n内容：イノシシによる被害の実態と対策の基本、防護柵の効果的な設置と運用方法など。5会場とも同じ内容\n対象：市内に住民票がある人\n受講料：無料\n申込方法：各開催日の1週間前までに、本紙の二次元コードから電子申請か、氏名・電話番号・参加希望日(第2希望まで)をEメールで。本庁農林水産課・各支所産業課で配布するチラシ(申込書)をFAXも可\n問合せ：本庁農林水産課",
			"農林業"},
		{"インターネットで申し込み does not make a page ICT (atsugi-1421 row 8)", "",
			"■スーパーエンジョイタイム・みんなであそぼう\n5月25日、10時～11時30分。保健福祉センター。親子で運動遊びを楽しむ。市内在住の2歳以上の未就学児と保護者20組。1組100円。\n申込み：4月15日～5月15日に子育て支援センターへ。\n【電話】225-2922\n抽選。講座予約システム(インターネットで申し込み可)。",
			""}, // 子育て支援センター is a contact office
		{"the next section's opening line packed into a forestry paragraph (kiryu speech)", "",
			"また、林業と森林の保護についてですが、森林の持つ環境保全や水源涵養等の機能を増進するため、市有林の間伐や枝打ちなどの適正管理と広葉樹の育苗事業等を積極的に行い、「後世への貴重な財産づくり」をすすめるとともに、桐生広域森林組合との連携を深めるなかで、「森林整備地域活動支援交付金事業」を中心とした各事業を推進して、より一層の森林整備に努めてまいります。\n続いて、保健福祉についてであります。\n「思いやりとやさしさのあるまち」の実現に向け、次の施策に取り組んでまいります。",
			"農林業"},
		{"one plain word in passing in a long paragraph (kiryu speech)", "",
			"また一方、産業の振興においても、国・県を包含した産学官の連携による産業活性化策により、新技術の開発や新産業の創出が期待されるところとなりました。その他ハード面では養護老人ホームの民営化による建設、市有施設の改修事業など、また、ソフト面では環境基本条例や交通安全条例、桐生川の清流を守る条例の制定などをすすめ、市民の皆さんが元気で、安心して、心豊かに暮らせるまちづくりに、それぞれ資することができたものと考えております。",
			"産業・観光 議会・市政運営"}, // 防犯 of 交通安全条例 in passing is gone; three 条例 make 議会
		{"a contact line alone is no theme (kurashiki-2024-10 row 39)", "",
			"問合せ：本庁男女共同参画課\n【電話】426-3105", ""},
		{"a venue's name is no theme (kurashiki-2024-10 row 72)", "",
			"10月27日(日)13時半～15時半、環境交流スクエア(水島愛あいサロン)で。主に岡山で活動している「ザ☆リバース」による演奏会。小学生以上。200人。無料。",
			""},
		{"a long paragraph keeps its one theme when nothing else is clear (kiryu speech)", "",
			"おりひめバスにつきましては、バス車両を更新することで安心して利用できる体制を整えるとともに、乗降者数等の状況や利用者・地域の意見等を踏まえた見直しを順次行い、合理的で利便性の高い運行ルートの確保に努めてまいります。\nまた、新たに「おりひめバスモニター制度」を開始し、客観的な視点での御意見をいただくことで、運転士の接遇等の改善を図り、利用者によりやさしい公共交通を目指してまいります。",
			"まちづくり・都市計画"},
		{"a notice item's title weighs like a heading (kurashiki-2024-10 row 31)", "",
			"■障がい者(児)作品展\n市内在住で身体・知的・精神に障がいのある人が創作した、絵画・書・写真・手工芸品・詩歌などを展示\n日時：10月17日(木)～19日(土)9時～17時。最終日は12時まで\n場所：ライフパーク倉敷\n問合せ：本庁障がい福祉課",
			"福祉・高齢者"},
		{"a weak word in a heading does not tag alone (jimujigyou record)", "見守りおむつ定期便事業",
			"所属: こども未来部　こども政策課\n予算: 34,640千円\n施策: （戦略的施策1） 都市魅力の創生と効果的な情報発信",
			"広報・広聴 子育て・教育"},
		{"a heading's plain word tags its short passage (seed 001)", "経営課題2 女性の活躍推進",
			"また、雇い入れ需要を開拓するとともに、求職者への支援を行う。",
			"男女共同参画・女性活躍 産業・観光"},
	}
	for _, tt := range tests {
		var hs []string
		if tt.headings != "" {
			hs = strings.Split(tt.headings, " > ")
		}
		if got := strings.Join(Default().TagPassage(hs, tt.text), " "); got != tt.want {
			t.Errorf("%s:\n got  %q\n want %q", tt.name, got, tt.want)
		}
	}
}

// TestTagAtMostThree: a passage that names many themes in passing keeps the
// three it says most about.
func TestTagAtMostThree(t *testing.T) {
	text := "主な施策といたしまして、まず、福祉・健康の増進でありますが、地域福祉につきましては、「重層的支援体制整備事業」を新たに実施し、桐生市社会福祉協議会、民生委員、地域包括支援センター、その他関係機関との連携のもと、複雑化・複合化した生活課題について、子育て、介護、障害、生活困窮等の分野を超えて包括的に支援してまいります。防災、観光、文化、スポーツ、農業についても取り組みます。"
	if got := Default().Tag(text); len(got) > maxThemes {
		t.Errorf("Tag = %v, want at most %d themes", got, maxThemes)
	}
}

// TestTagFormats tags one real sample of every seed and corpus format.
func TestTagFormats(t *testing.T) {
	tests := []struct {
		format, text, want string
	}{
		{"seed 000 scraped page", "災害時に、市民が必要とする情報の提供や市民等からの問合せに対し、迅速かつ的確に対応できるよう、危機管理室をはじめ関係所属と連携し、訓練や研修等を通じて検証を継続的に行う。",
			"防災・危機管理"},
		{"seed 002 TSV cell", "【趣旨・目的】 区政についての意見と区政の評価を行う「区政会議」の設置等により、区の実情に合わせた協働型の区政を展開する。",
			"市民協働・地域活動"},
		{"seed 003 PDF Markdown", "性的マイノリティへの偏見、差別の解消に向け、性の多様性について正しい理解を促進するため、引き続き、市民を対象とした啓発事業のほか、関係機関と連携し、子ども、事業者への働きかけを行います。",
			"人権"}, // 子ども, one of the audiences, is in passing
		{"kouhou-bulletins CSV", "次はあなたの自転車が狙われるかもしれません! 昨年中、県内では自転車を盗まれる被害が2,608件",
			"防犯・安全安心"},
		{"jimujigyou JSON", "畜産農家支援事業 9.時代にあわせた農畜産業の振興 市内畜産農家の繁殖雌牛飼養頭数",
			"農林業"}, // 産業 inside 農畜産業: farming, not industry at large
		{"kiryu speech", "　　保育園につきましては、保育環境を充実させるため、老朽化した私立保育園の「施設改修事業」を引き続き実施してまいります。",
			"子育て・教育"},
		{"kiryu minutes", "○市長（亀山豊文）　地域包括ケアシステムの構築に向けて、介護予防と認知症対策に取り組んでまいります。",
			"福祉・高齢者"},
	}
	for _, tt := range tests {
		if got := strings.Join(Default().Tag(tt.text), " "); got != tt.want {
			t.Errorf("%s: Tag(%q)\n got  %q\n want %q", tt.format, tt.text, got, tt.want)
		}
	}
}

func TestDefaultCoversThemes(t *testing.T) {
	want := []string{"多文化共生・国際", "男女共同参画・女性活躍", "人権", "防犯・安全安心", "防災・危機管理", "消費生活",
		"広報・広聴", "シティプロモーション", "市民協働・地域活動", "行財政改革", "人事・働き方", "デジタル・ICT",
		"子育て・教育", "福祉・高齢者", "健康・感染症", "環境・脱炭素", "まちづくり・都市計画", "産業・観光", "農林業",
		"文化・スポーツ", "議会・市政運営", "財政・予算"}
	var got []string
	for _, th := range Default().Themes() {
		got = append(got, th.Name)
		if n := len(th.Words); n < 8 || n > 30 {
			t.Errorf("theme %s has %d words, want 8–30", th.Name, n)
		}
		// every theme's own words tag it
		if tags := Default().Tag(th.Words[0]); !contains(tags, th.Name) {
			t.Errorf("Tag(%q) = %v, lacks its own theme %s", th.Words[0], tags, th.Name)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("themes\n got  %v\n want %v", got, want)
	}
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

func TestLookup(t *testing.T) {
	tests := []struct{ query, want string }{
		{"多文化共生・国際", "多文化共生・国際"},
		{"多文化共生", "多文化共生・国際"},
		{"国際", "多文化共生・国際"},
		{"ＩＣＴ", "デジタル・ICT"},
		{"ict", "デジタル・ICT"},
		{" 感染症 ", "健康・感染症"},
		{"子育て", "子育て・教育"},
		{"防災", "防災・危機管理"},
		{"外国人", ""}, // a plain word, not a head term
		{"ウィズコロナ", ""},
		{"", ""},
	}
	for _, tt := range tests {
		th, ok := Default().Lookup(tt.query)
		if th.Name != tt.want || ok != (tt.want != "") {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.query, th.Name, ok, tt.want)
		}
	}
}

func TestRollup(t *testing.T) {
	many := make([][]string, 60)
	many[0] = []string{"人権"}
	many[1] = []string{"防犯・安全安心", "人権"}
	many[2] = []string{"防犯・安全安心"}
	tests := []struct {
		name     string
		passages [][]string
		want     string
	}{
		{"short document: union in thesaurus order",
			[][]string{{"デジタル・ICT"}, nil, {"多文化共生・国際", "デジタル・ICT"}, {"独自テーマ"}},
			"多文化共生・国際 デジタル・ICT 独自テーマ"},
		{"60 passages: a theme needs two", many, "人権 防犯・安全安心"},
		{"repeats within a passage count once", append(make([][]string, 58), []string{"人権", "人権"}, []string{"消費生活"}), ""},
		{"nothing", nil, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Rollup(tt.passages), " "); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ input, want string }{
		{"# header\n人権\n", "theme: line 2: want \"name<TAB>word|word|…\", got \"人権\""},
		{"人権\t人権|差別\n人権\t偏見|同和\n", "theme: line 2: theme \"人権\" defined twice"},
		{"人権\t*人権|~差別\n\n福祉\t~高齢者|~介護\n", "theme: line 3: theme \"福祉\" has no word that tags alone (all are ~weak)"},
		{"農林業\t農業|米\n", "theme: line 1: one-character word \"米\" must be weak (~米)"},
		{"農林業\t農業||林業\n", "theme: line 1: empty word in \"\""},
		{"人権\t人権|差別|人権\n", "theme: line 1: word \"人権\" listed twice in one theme"},
		{"人権\t人権\n!\t人権\n", "theme: line 2: word \"人権\" is both a shadow and a theme word"},
		{"防犯・安全\t防犯\n安全・安心\t交通安全\n", "theme: line 2: \"安全\" already names theme \"防犯・安全\""},
		{"人権\t人権\n!\t~コロナ\n", "theme: line 2: shadow word \"~コロナ\" takes no marker"},
		{"# only comments\n", "theme: no themes"},
		{"\t人権\n", "theme: line 1: want \"name<TAB>word|word|…\", got \"\\t人権\""},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.input))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q)\n err  %v\n want %s", tt.input, err, tt.want)
		}
	}
}

func TestParseSmall(t *testing.T) {
	th, err := Parse(strings.NewReader("# comment\n防犯\t*防犯|~安全\n消費生活\t消費者|~特殊詐欺\n!\t交通安全\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"防犯カメラ", "防犯"},
		{"特殊詐欺", ""}, // weak for 消費生活 once
		{"特殊詐欺の手口、特殊詐欺の被害", "消費生活"}, // twice
		{"安全な暮らしと安全な道", "防犯"},       // weak twice
		{"交通安全と安全", ""},             // 安全 inside the shadow 交通安全 does not count
	}
	for _, tt := range tests {
		if got := strings.Join(th.Tag(tt.text), " "); got != tt.want {
			t.Errorf("Tag(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestDefaultParses guards the embedded file: Default panics if it is invalid.
func TestDefaultParses(t *testing.T) {
	if _, err := Parse(strings.NewReader(themesTSV)); err != nil {
		t.Fatal(err)
	}
}
