/*! widget-full.js: the tools <seisaku-search mode="full"> adds for staff and
 * journalists. widget.js imports it in full mode and calls install, which
 * adds these methods to the element:
 *
 *   showDocument   the document view: a whole document with its metadata,
 *                  heading outline and passages, the query's words marked
 *                  and the linked passage (#p<seq>) focused;
 *   similarButton  the 類似の取り組み action of a result: a panel of the
 *                  passages /api/similar finds, other cities and departments
 *                  first, each with where it is from, why it is similar (the
 *                  shared words, marked in its text) and a link that opens
 *                  the document at the passage;
 *   showChart      a theme across fiscal years and cities: matching passages
 *                  per year, for each city (the five with most passages, or
 *                  the cities chosen in the filters, side by side: bars for
 *                  up to eight years, else one line per city), drawn
 *                  here in SVG, with the same numbers as a table for screen
 *                  readers (and on request for everyone); a year or a city
 *                  filters the results.
 *
 * The chart asks /api/search once per city shown (facets=year,
 * hitsPerPage=1). Like widget.js it builds elements with h and never parses
 * HTML but the server's escaped snippets (safeMarked).
 */

const SVG = "http://www.w3.org/2000/svg";
const MAX_CITIES = 5;
const SIMILAR_N = 5;
const MAX_BAR_YEARS = 8; // more years are drawn as lines
/* Line colours, each ≥ 3:1 on white (WCAG 2.1 non-text contrast), and
 * dash patterns so that colour is not the only difference. */
const COLOURS = ["#0a58ca", "#b3261e", "#1b7a3d", "#7b3fa0", "#9a5b00", "#4a5360"];
const DASHES = ["", "7 3", "2 3", "9 3 2 3", "4 4", "1 3"];

const TEXT = {
  ja: {
    similar: "類似の取り組み", similarTitle: "類似の取り組み",
    similarIntro: (src) => `${src}のこの段落に似た段落です。ほかの市町村、ほかの部署のものを先に並べています。`,
    back: "検索結果に戻る", outline: "見出し", published: "公開日", matched: "一致した箇所",
    here: "この市町村", loading: "読み込み中…", noSimilar: "似た段落は見つかりませんでした。",
    similarError: "類似の取り組みを表示できませんでした。",
    otherCity: (c) => `ほかの市町村（${c}）`, otherDept: (d) => `同じ市町村のほかの部署（${d}）`, sameDept: "同じ部署",
    shared: (ws) => `共通する語：${ws.join("、")}`,
    chartTitle: "年度ごとの推移", chartOpen: "年度ごとの推移を見る", chartUnit: (docs) => `該当する${docs ? "文書" : "段落"}の数（年度別・市町村別）`,
    others: "その他・市町村不明", all: "すべて", total: "計",
    yearUnknown: (n, docs) => `年度不明の${docs ? "文書" : "段落"} ${n}件はグラフに含みません。`,
    noData: "資料なし", noDataNote: "「資料なし」の年度は、索引にその年度の文書がありません（0件とは違います）。",
    compare: "市町村を2つ以上選ぶと、その市町村を並べて比べます。",
    showTable: "表で見る", showChart: "グラフで見る",
    filterYear: (y) => `${y}年度で絞り込む`, filterCity: (c) => `${c}で絞り込む`,
    year: (y) => `${y}年度`, chartError: "年度ごとの推移を表示できませんでした。",
    sort: "並び順", sorts: {relevance: "関連度順", year: "年度の新しい順", date: "公開日の新しい順"},
    yearFrom: "から", yearTo: "まで", expand: "テーマ展開（関連する言葉も検索）", csv: "この検索結果をCSVで保存",
    answers: "答弁のみ", session: "会議", answeredBy: "答弁：",
  },
  en: {
    similar: "Similar initiatives", similarTitle: "Similar initiatives",
    similarIntro: (src) => `Passages like this one of ${src}, other cities and departments first.`,
    back: "Back to results", outline: "Headings", published: "Published", matched: "Matching passage",
    here: "this city", loading: "Loading…", noSimilar: "No similar passage was found.",
    similarError: "Similar initiatives could not be shown.",
    otherCity: (c) => `another city (${c})`, otherDept: (d) => `another department of the city (${d})`, sameDept: "same department",
    shared: (ws) => `shared words: ${ws.join(", ")}`,
    chartTitle: "Across the years", chartOpen: "Show the years", chartUnit: (docs) => `Matching ${docs ? "documents" : "passages"} by fiscal year and city`,
    others: "other or unknown cities", all: "all", total: "total",
    yearUnknown: (n, docs) => `${n} ${docs ? "documents" : "passages"} of unknown year are not in the chart.`,
    noData: "no data", noDataNote: "Years marked “no data” have no documents in the index (not the same as none matching).",
    compare: "Choose two or more cities to compare them side by side.",
    showTable: "Show as table", showChart: "Show as chart",
    filterYear: (y) => `filter by FY${y}`, filterCity: (c) => `filter by ${c}`,
    year: (y) => `FY${y}`, chartError: "The chart could not be shown.",
    sort: "Sort", sorts: {relevance: "Relevance", year: "Newest year", date: "Newest date"},
    yearFrom: "from", yearTo: "to", expand: "Theme expansion (related words too)", csv: "Download these results as CSV",
    answers: "Answers only", session: "Session", answeredBy: "Answered by ",
  },
};

const CSS = `
article.doc h2{margin:.5rem 0}
article.doc dl{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:.5rem 0}
article.doc dt{color:var(--muted)}
article.doc dd{margin:0;overflow-wrap:anywhere}
.outline ul{margin:.25rem 0;padding-left:1.25rem;max-height:20rem;overflow:auto}
.outline button{border:0;background:none;color:var(--accent);text-decoration:underline;cursor:pointer;padding:0;text-align:left}
.passage{padding:.5rem .75rem;margin:.5rem 0;border-left:4px solid transparent;white-space:pre-wrap;overflow-wrap:anywhere}
.passage.match{border-left-color:var(--accent);background:var(--soft)}
.passage .path{white-space:normal}
.passage .badge{display:inline-block;font-size:.8rem;color:var(--accent);font-weight:600}
.similar,.linkish{border:0;background:none;color:var(--accent);text-decoration:underline;cursor:pointer;padding:0;font:inherit}
.precedents{margin:.5rem 0 0;padding:.5rem .75rem;background:var(--soft);border-radius:6px}
.precedents h4{margin:0;font-size:1rem}
.precedents ol{margin:.25rem 0 0;padding-left:1.25rem}
.precedents li{margin:.5rem 0}
.precedents .why{margin:0;font-size:.9rem}
.chart{margin:0 0 1rem;padding:.5rem 0;border-bottom:1px solid #d0d6de}
.chart h3{font-size:1rem;margin:0}
.chart .note{margin:0;color:var(--muted);font-size:.85rem}
.chart svg{display:block;width:100%;height:auto;overflow:visible}
.chart svg text{font-size:11px;fill:var(--muted)}
.chart .grid{stroke:#d0d6de}
.chart .grid,.chart svg text{pointer-events:none}
.chart .col{fill:transparent;cursor:pointer}
.chart .col:hover,.chart .col.on{fill:#e3ebf7}
.chart .nodata{fill:#f1f3f6;pointer-events:none}
.chart svg text.nodata-label{font-size:10px}
.legend{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;margin:.25rem 0;padding:0;font-size:.9rem}
.legend button,.chart table button{border:0;background:none;color:var(--accent);text-decoration:underline;cursor:pointer;padding:0;font:inherit}
.legend button[aria-pressed=true]{font-weight:700}
.swatch{display:inline-block;width:1.5em;height:0;border-top:3px solid;vertical-align:middle;margin-right:.3em}
.chart .scroll{overflow-x:auto}
.chart table{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums;margin:.25rem 0}
.chart th,.chart td{border:1px solid var(--line);padding:.15rem .4rem;text-align:right}
.chart thead th{text-align:center}
`;

let lib = null; // h, safeMarked, queryWords from widget.js
let sheet = null;

/* install adds the tools to the element's prototype. */
export function install(proto, helpers) {
  lib = helpers;
  Object.assign(proto, {addOptions, syncOptions, showDocument, backButton, renderDocument, passageView, outline, jumpTo, scrollToPassage,
    similarButton, toggleSimilar, renderSimilar, precedentItem, showChart, loadChart, drawChart, chartTable});
}

function text(el) { return TEXT[el.getAttribute("lang") === "en" ? "en" : "ja"]; }

/* styles adds this file's stylesheet to the element's shadow root once. */
function styles(root) {
  if (root.fullStyles) return;
  root.fullStyles = true;
  try {
    if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch (_) {
    root.append(lib.h("style", {text: CSS}));
  }
}

/* ---- the full page's bar: sort, year range, theme expansion and
 * grouping switches, CSV export (under the search box, once this file is
 * loaded; the results do not wait for it) ---- */

function addOptions() {
  const t = text(this), ui = this.ui, h = lib.h, id = (s) => `${this.uid}-${s}`;
  ui.sort = h("select", {id: id("sort"), onchange: () => this.setState({sort: ui.sort.value})},
    Object.entries(t.sorts).map(([v, label]) => h("option", {value: v, text: label})));
  const year = (key) => h("input", {
    type: "number", inputmode: "numeric", min: "1900", max: "2100", step: "1", placeholder: key === "from" ? "2019" : "2024",
    onchange: () => this.onYearChange(),
  });
  ui.yearFrom = year("from");
  ui.yearTo = year("to");
  ui.expand = h("input", {type: "checkbox", role: "switch", onchange: () => this.setState({expand: ui.expand.checked})});
  ui.group = h("input", {type: "checkbox", role: "switch", onchange: () => this.setState({group: ui.group.checked})});
  // 答弁のみ: minutes' answers (role=answer); shown when the results hold answers
  ui.answers = h("input", {type: "checkbox", role: "switch", onchange: () => this.setState({role: ui.answers.checked ? ["answer"] : []})});
  ui.answersLabel = h("label", {hidden: true}, ui.answers, t.answers);
  ui.csv = h("a", {class: "csv", download: "search.csv", text: t.csv, hidden: true});
  ui.root.insertBefore(h("div", {class: "opts"},
    h("label", {}, t.sort, ui.sort),
    h("span", {class: "years"}, h("label", {}, this.t.facet.year, h("span", {class: "vh", text: t.yearFrom}), ui.yearFrom),
      "〜", h("label", {}, h("span", {class: "vh", text: t.yearTo}), ui.yearTo)),
    h("label", {}, ui.expand, t.expand), h("label", {}, ui.group, this.t.group), ui.answersLabel, ui.csv), ui.status);
  this.syncOptions();
}

/* syncOptions shows the state in the bar (on load, back and forward). */
function syncOptions() {
  const s = this.state, ui = this.ui;
  ui.sort.value = s.sort;
  ui.yearFrom.value = s.yearFrom;
  ui.yearTo.value = s.yearTo;
  ui.expand.checked = s.expand;
  ui.group.checked = s.group;
  ui.answers.checked = s.role.length === 1 && s.role[0] === "answer";
  const roles = ((this.lastResult || {}).facetDistribution || {}).role || {};
  ui.answersLabel.hidden = this.fixed.role.length > 0 || !(ui.answers.checked || roles.answer);
}

/* ---- the document view: metadata, heading outline, passages with the
 * query's words marked, the linked passage focused ---- */

async function showDocument() {
  const t = this.t, ui = this.ui, id = this.state.doc;
  styles(this.shadowRoot);
  ui.body.hidden = true;
  ui.expansions.textContent = "";
  ui.status.classList.add("vh"); // the title is on screen; the live region still reads it
  ui.doc.hidden = false;
  if (ui.doc.dataset.id === id) return this.scrollToPassage();
  ui.doc.dataset.id = id;
  ui.doc.replaceChildren(lib.h("p", {text: t.loading}));
  const seq = ++this.seq;
  try {
    const res = await fetch(`${this.api}/api/documents/${encodeURIComponent(id)}`);
    const body = await res.json().catch(() => ({}));
    if (seq !== this.seq) return;
    if (!res.ok) throw new Error(body.message || `HTTP ${res.status}`);
    this.renderDocument(body);
  } catch (err) {
    if (seq !== this.seq) return;
    ui.doc.dataset.id = "";
    ui.doc.replaceChildren(this.backButton(), lib.h("div", {class: "error", role: "alert"},
      lib.h("p", {text: t.docError}), lib.h("p", {text: err.message})));
  }
}

function backButton() {
  return lib.h("p", {}, lib.h("button", {class: "btn plain", type: "button", text: text(this).back,
    onclick: () => { this.setState({doc: ""}); this.ui.input.focus(); }}));
}

function renderDocument(d) {
  const t = this.t, words = new Set([...this.words, ...lib.queryWords(this.state.q)]);
  const re = wordsRegExp(words);
  const title = lib.h("h2", {tabindex: "-1", text: d.title || t.untitled});
  const row = (k, v) => v ? [lib.h("dt", {text: k}), lib.h("dd", {}, v)] : null;
  const ps = d.passages || [], answers = new Map(); // a question's seq: the answers to it, a speech each
  ps.forEach((p, i) => {
    p.documentId = d.id;
    p.speechStart = !!p.speaker && !(i && ps[i - 1].speaker === p.speaker && ps[i - 1].role === p.role);
    if (p.replyTo && p.speechStart) answers.set(p.replyTo.seq, [...(answers.get(p.replyTo.seq) || []), p]);
  });
  const passages = ps.map((p) => this.passageView(p, re, answers.get(p.seq)));
  this.ui.doc.replaceChildren(lib.h("div", {}, this.backButton(), title,
    lib.h("dl", {}, row(t.facet.city, d.city), row(t.facet.department, d.department),
      row(t.facet.year, d.year ? t.year(d.year) : t.yearUnknown), row(text(this).published, d.published),
      row(text(this).session, d.session),
      row(t.issueTypes, (d.issueTypes || []).join("、")), row(t.source, this.sourceLink(d, true))),
    this.outline(d.passages || []), lib.h("div", {class: "passages"}, passages)));
  this.announce(d.title || "");
  if (!this.scrollToPassage()) title.focus();
}

/* passageView shows one passage; query words are marked in text nodes. In
 * minutes, the first passage of a speech says who spoke, an answer links the
 * question it answers and a question the answers to it. */
function passageView(p, re, answers) {
  const match = this.hitIDs.has(p.id) || (re && re.test(p.text));
  if (re) re.lastIndex = 0;
  return lib.h("section", {class: match ? "passage match" : "passage", id: `p${p.seq}`, tabindex: "-1"},
    (p.headings || []).length ? lib.h("p", {class: "path"}, markWords(p.headings.join(" › "), re)) : null,
    match ? lib.h("span", {class: "badge", text: text(this).matched}) : null,
    p.read === "ocr" ? lib.h("p", {class: "path", text: this.t.ocr}) : null,
    p.speechStart ? this.speechLine(p, (e) => { e.preventDefault(); this.jumpTo(`p${p.replyTo.seq}`); }) : null,
    answers ? lib.h("p", {class: "speech"}, text(this).answeredBy, ...answers.flatMap((a, i) => [i ? "、" : "",
      lib.h("button", {class: "btn plain", type: "button", text: [a.speakerTitle, a.speaker].filter(Boolean).join(" "),
        onclick: () => this.jumpTo(`p${a.seq}`)})])) : null,
    lib.h("div", {}, markWords(p.text || "", re)));
}

/* outline lists each heading once, in order and indented by depth, as
 * a jump to its first passage. */
function outline(passages) {
  const seen = new Set(), items = [];
  for (const p of passages) {
    const hs = p.headings || [], key = hs.join(" › ");
    if (!key || seen.has(key)) continue;
    seen.add(key);
    items.push(lib.h("li", {style: `margin-left:${hs.length - 1}em`}, lib.h("button", {type: "button", title: key,
      text: hs[hs.length - 1], onclick: () => this.jumpTo(`p${p.seq}`)})));
  }
  if (!items.length) return null;
  return lib.h("nav", {class: "outline", "aria-label": text(this).outline}, lib.h("h3", {text: text(this).outline}), lib.h("ul", {}, items));
}

function jumpTo(id) {
  const el = this.shadowRoot.getElementById(id);
  if (!el) return false;
  el.scrollIntoView({block: "start"});
  el.focus({preventScroll: true});
  return true;
}

/* scrollToPassage honours a #p<seq> in the URL (permalinks). */
function scrollToPassage() {
  return this.state.passage ? this.jumpTo(this.state.passage) : false;
}

/* markWords wraps matches of re in <mark>, building text nodes only. */
function markWords(text, re) {
  const out = document.createDocumentFragment();
  if (!re) { out.append(text); return out; }
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (!m[0]) continue;
    out.append(text.slice(last, m.index), lib.h("mark", {text: m[0]}));
    last = m.index + m[0].length;
  }
  out.append(text.slice(last));
  return out;
}

/* wordsRegExp matches any of words (longest first), case-insensitively. */
function wordsRegExp(words) {
  const list = [...words].filter(Boolean).sort((a, b) => b.length - a.length);
  if (!list.length) return null;
  return new RegExp(list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
}

/* ---- 類似の取り組み ---- */

function similarButton(hit, li) {
  styles(this.shadowRoot);
  const btn = lib.h("button", {class: "similar", type: "button", "aria-expanded": "false", text: text(this).similar});
  btn.addEventListener("click", () => this.toggleSimilar(hit, li, btn));
  return btn;
}

/* toggleSimilar opens the precedents of hit under it (fetched the first
 * time) or folds them away. */
async function toggleSimilar(hit, li, btn) {
  const t = text(this), h = lib.h;
  let panel = li.querySelector(".precedents");
  if (panel) {
    panel.hidden = !panel.hidden;
    btn.setAttribute("aria-expanded", String(!panel.hidden));
    return;
  }
  const id = `${this.uid}-sim-${hit.id}`.replace(/[^\w-]/g, "_");
  panel = h("section", {class: "precedents", id, "aria-label": t.similarTitle}, h("p", {text: t.loading}));
  btn.setAttribute("aria-controls", id);
  btn.setAttribute("aria-expanded", "true");
  li.append(panel);
  try {
    const res = await fetch(`${this.api}/api/similar/${encodeURIComponent(hit.id)}?n=${SIMILAR_N}`, {headers: {Accept: "application/json"}});
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.message || `HTTP ${res.status}`);
    this.renderSimilar(panel, body);
  } catch (err) {
    panel.replaceChildren(h("p", {role: "alert", text: `${t.similarError} ${err.message}`}));
  }
}

function renderSimilar(panel, res) {
  const t = text(this), h = lib.h, src = res.source || {};
  const from = [src.city, src.department].filter(Boolean).join(" ") || t.here;
  const items = (res.hits || []).map((p) => this.precedentItem(p, src));
  panel.replaceChildren(h("h4", {text: t.similarTitle}), h("p", {class: "why", text: t.similarIntro(from)}),
    items.length ? h("ol", {}, items) : h("p", {text: t.noSimilar}));
}

/* precedentItem is one precedent: a link that opens its document at the
 * passage, where it is from, why it is similar, and its marked text. */
function precedentItem(p, src) {
  const t = text(this), h = lib.h;
  const where = p.elsewhere === "city" ? t.otherCity(p.city) : p.elsewhere === "department" ? t.otherDept(p.department)
    : src.department && p.department === src.department && src.city === p.city ? t.sameDept : "";
  const why = [where, (p.sharedWords || []).length ? t.shared(p.sharedWords) : ""].filter(Boolean).join(" ・ ");
  return h("li", {},
    h("a", {href: this.docHref(p), text: p.title || this.t.untitled, onclick: (e) => this.onDocLink(e, p)}),
    h("p", {class: "meta", text: this.metaLine(p)}),
    why ? h("p", {class: "why", text: why}) : null,
    h("p", {class: "snippet"}, lib.safeMarked((p._formatted || {}).text || p.text)));
}

/* ---- the chart: a theme across years and cities ---- */

/* showChart draws the chart for res (a search result with year and city
 * facets), asking for each city's years first. */
function showChart(res) {
  const ui = this.ui, h = lib.h;
  styles(this.shadowRoot);
  if (!ui.chart) {
    ui.chart = h("section", {class: "chart", "aria-labelledby": `${this.uid}-chart-h`});
    ui.results.insertBefore(ui.chart, ui.message);
    new ResizeObserver(() => { // redraw for a new width only (a new height is the chart's own doing)
      const w = Math.round(ui.chart.clientWidth);
      if (w !== this.chartWidth && this.chartData && !ui.chart.hidden) requestAnimationFrame(() => this.drawChart(this.chartData));
    }).observe(ui.chart);
  }
  const years = (res.facetDistribution || {}).year;
  ui.chart.hidden = !res.totalHits || !years || !Object.keys(years).some((y) => y !== "unknown");
  if (ui.chart.hidden) return;
  // on a phone the chart is one line that opens it: drawn open it pushed the
  // first hit below the screen (and it asks the server nothing until opened)
  if (!(this.chartOpened ?? this.getBoundingClientRect().width >= 640)) {
    this.chartSeq = (this.chartSeq || 0) + 1; // a chart still loading is not drawn
    ui.chart.replaceChildren(h("h3", {id: `${this.uid}-chart-h`}, h("button", {class: "linkish chart-open", type: "button",
      "aria-expanded": "false", text: `${text(this).chartOpen} ▸`, onclick: () => { this.chartOpened = true; this.showChart(res); }})));
    return;
  }
  this.loadChart(res).catch((err) => {
    ui.chart.replaceChildren(h("p", {class: "note", text: `${text(this).chartError} ${err.message}`}));
  });
}

/* loadChart finds the series: one per city shown, plus the rest. */
async function loadChart(res) {
  const t = text(this), dist = res.facetDistribution, seq = this.chartSeq = (this.chartSeq || 0) + 1;
  const docs = res.facetCounts === "documents"; // then every city's part counts documents too
  const fixed = this.fixed.city.length > 0;
  const cityCounts = Object.entries(dist.city || {}).filter(([c]) => c !== "unknown").sort((a, b) => b[1] - a[1]);
  const chosen = fixed ? [] : this.state.city.length ? this.state.city.slice(0, COLOURS.length) : cityCounts.slice(0, MAX_CITIES).map(([c]) => c);
  let series;
  if (chosen.length <= 1 && (this.state.city.length || cityCounts.length <= 1)) {
    series = [{name: chosen[0] || (fixed ? this.fixed.city.join("・") : t.all), city: chosen[0] || "", years: dist.year}];
  } else {
    series = await Promise.all(chosen.map(async (city) => {
      const p = this.params(false);
      p.delete("city");
      p.append("city", city);
      p.set("facets", "year");
      p.set("page", "1");
      p.set("hitsPerPage", "1");
      if (!docs) p.delete("distinct"); // a city's part may be small enough for documents: count passages alike
      const r = await fetch(`${this.api}/api/search?${p}`, {headers: {Accept: "application/json"}});
      const body = await r.json().catch(() => ({}));
      if (!r.ok) throw new Error(body.message || `HTTP ${r.status}`);
      return {name: city, city, years: (body.facetDistribution || {}).year || {}};
    }));
    if (!this.state.city.length) {
      const rest = {};
      for (const [y, n] of Object.entries(dist.year)) {
        const left = n - series.reduce((sum, s) => sum + (s.years[y] || 0), 0);
        if (left > 0) rest[y] = left;
      }
      if (Object.keys(rest).length) series.push({name: t.others, city: "", years: rest});
    }
  }
  // the years the index holds any document of (under the same filters, without
  // the words): a year between them with none is drawn as no data, not as 0
  const all = this.params(false);
  all.delete("q");
  all.set("facets", "year");
  all.set("page", "1");
  all.set("hitsPerPage", "1");
  const held = await fetch(`${this.api}/api/search?${all}`, {headers: {Accept: "application/json"}})
    .then((r) => r.ok ? r.json() : null).catch(() => null);
  const present = held && held.facetDistribution && held.facetDistribution.year
    ? new Set(Object.keys(held.facetDistribution.year).filter((y) => y !== "unknown").map(Number)) : null;
  if (seq !== this.chartSeq) return; // a newer search is on screen
  this.chartData = {series, unknown: dist.year.unknown || 0, docs, present};
  this.drawChart(this.chartData);
}

/* drawChart renders the heading, legend, SVG lines and the table. */
function drawChart({series, unknown, docs, present}) {
  const t = text(this), h = lib.h, ui = this.ui, s = this.state;
  const known = new Set();
  for (const x of series) for (const y of Object.keys(x.years)) if (y !== "unknown") known.add(+y);
  const lo = Math.min(...known), hi = Math.max(...known), years = [];
  for (let y = lo; y <= hi; y++) years.push(y);
  const noData = (y) => present ? !present.has(y) && !series.some((ser) => ser.years[y]) : false;
  const top = Math.max(1, ...series.flatMap((x) => years.map((y) => x.years[y] || 0)));
  const step = niceStep(top), ymax = Math.ceil(top / step) * step;
  this.chartWidth = Math.round(ui.chart.clientWidth);
  const W = Math.max(280, this.chartWidth || 600), H = W < 500 ? 190 : 230;
  // each year is a column of equal width with its marks at the centre, so
  // the first and last bars stay inside the plot (with two years, bars
  // centred on the edges covered the y axis and ran past the right edge)
  const L = 34, R = 10, T = 10, B = 24, colW = (W - L - R) / years.length, x = (i) => L + (i + 0.5) * colW;
  const yv = (v) => T + (1 - v / ymax) * (H - T - B);
  const svg = el("svg", {viewBox: `0 0 ${W} ${H}`, width: W, height: H, "aria-hidden": "true", focusable: "false"});
  const chosenYear = s.yearFrom && s.yearFrom === s.yearTo ? +s.yearFrom : 0;
  years.forEach((y, i) => {
    const col = el("rect", {class: y === chosenYear ? "col on" : "col", x: x(i) - colW / 2, y: T, width: colW, height: H - T - B});
    col.append(el("title", {}, t.filterYear(y)));
    if (noData(y)) {
      svg.append(el("rect", {class: "nodata", "data-year": y, x: x(i) - colW / 2 + 1, y: T, width: Math.max(1, colW - 2), height: H - T - B}));
    }
    col.addEventListener("click", () => this.toggleFacet("year", String(y)));
    svg.append(col);
  });
  for (let v = 0; v <= ymax; v += step) {
    svg.append(el("line", {class: "grid", x1: L, x2: W - R, y1: yv(v), y2: yv(v)}),
      el("text", {x: L - 4, y: yv(v) + 4, "text-anchor": "end"}, String(v)));
  }
  const every = Math.ceil(years.length / Math.max(1, Math.floor((W - L - R) / 44)));
  const last = years.length - 1; // labelled always; the regular labels keep their distance from it
  years.forEach((y, i) => {
    if (i === last || i % every === 0 && last - i >= every) svg.append(el("text", {x: x(i), y: H - 6, "text-anchor": "middle"}, String(y)));
    if (noData(y) && colW >= 48) svg.append(el("text", {class: "nodata-label", x: x(i), y: yv(0) - 4, "text-anchor": "middle"}, t.noData));
  });
  if (years.length <= MAX_BAR_YEARS) { // few years: bars side by side
    const group = Math.min(colW * 0.8, 60 * series.length), bw = group / series.length;
    series.forEach((ser, k) => years.forEach((y, i) => {
      if (noData(y)) return;
      const v = ser.years[y] || 0, bar = el("rect", {x: x(i) - group / 2 + k * bw + 1, y: yv(v), width: Math.max(1, bw - 2),
        height: yv(0) - yv(v), fill: COLOURS[k % COLOURS.length], "pointer-events": "none"});
      bar.append(el("title", {}, `${ser.name} ${t.year(y)}: ${v}`));
      svg.append(bar);
    }));
  } else series.forEach((ser, k) => {
    const colour = COLOURS[k % COLOURS.length], pts = years.map((y, i) => noData(y) ? null : [x(i), yv(ser.years[y] || 0)]);
    // the line breaks at a year with no data instead of dropping to 0
    let run = [];
    for (const p of [...pts, null]) {
      if (p) { run.push(p); continue; }
      if (run.length) svg.append(el("polyline", {points: run.map((q) => q.join(",")).join(" "), fill: "none", stroke: colour, "stroke-width": 2.5, "stroke-dasharray": DASHES[k % DASHES.length]}));
      run = [];
    }
    pts.forEach((p, i) => {
      if (!p) return;
      const [px, py] = p;
      const dot = el("circle", {cx: px, cy: py, r: 3.5, fill: colour});
      dot.append(el("title", {}, `${ser.name} ${t.year(years[i])}: ${ser.years[years[i]] || 0}`));
      svg.append(dot);
    });
  });
  const legend = h("ul", {class: "legend"}, series.map((ser, k) => h("li", {},
    h("span", {class: "swatch", style: `border-top-color:${COLOURS[k % COLOURS.length]};border-top-style:${DASHES[k % DASHES.length] ? "dashed" : "solid"}`}),
    ser.city && !this.fixed.city.length ? h("button", {type: "button", "aria-pressed": String(s.city.includes(ser.city)),
      "aria-label": t.filterCity(ser.city), onclick: () => this.toggleFacet("city", ser.city), text: ser.name}) : ser.name)));
  const showTable = !!this.chartTableShown;
  const table = h("div", {class: showTable ? "scroll" : "vh"}, this.chartTable(series, years.filter((y) => series.some((ser) => ser.years[y])), showTable, docs));
  svg.style.display = showTable ? "none" : "";
  const toggle = h("button", {class: "linkish table-toggle", type: "button", text: showTable ? t.showChart : t.showTable,
    onclick: () => { this.chartTableShown = !showTable; this.drawChart(this.chartData); }});
  const title = this.getBoundingClientRect().width < 640 // where it opened from one line, it closes to one
    ? h("h3", {id: `${this.uid}-chart-h`}, h("button", {class: "linkish chart-open", type: "button", "aria-expanded": "true", text: `${t.chartTitle} ▾`,
      onclick: () => { this.chartOpened = false; this.showChart(this.lastResult); }}))
    : h("h3", {id: `${this.uid}-chart-h`, text: t.chartTitle});
  ui.chart.replaceChildren(title, h("p", {class: "note", text: t.chartUnit(docs)}),
    legend, svg, table,
    h("p", {class: "note"}, unknown ? t.yearUnknown(unknown, docs) + " " : "", years.some(noData) ? t.noDataNote + " " : "", s.city.length < 2 && !this.fixed.city.length ? t.compare + " " : "", toggle));
}

/* chartTable is the chart's numbers: a row per year with passages, a
 * column per series;
 * year and city headers filter like the chart. While the table is shown
 * only to screen readers, its buttons are out of the Tab order (the chart
 * and legend serve the keyboard), still reachable by table navigation. */
function chartTable(series, years, shown, docs) {
  const t = text(this), tab = shown ? null : "-1";
  const h = (tag, attrs, ...kids) => lib.h(tag, tag === "button" ? {...attrs, tabindex: tab} : attrs, ...kids);
  const cityHead = (ser) => ser.city && !this.fixed.city.length ? h("button", {type: "button", "aria-label": t.filterCity(ser.city),
    onclick: () => this.toggleFacet("city", ser.city), text: ser.name}) : ser.name;
  return h("table", {},
    h("caption", {text: t.chartUnit(docs)}),
    h("thead", {}, h("tr", {}, h("th", {scope: "col", text: this.t.facet.year}), series.map((ser) => h("th", {scope: "col"}, cityHead(ser))),
      series.length > 1 ? h("th", {scope: "col", text: t.total}) : null)),
    h("tbody", {}, years.map((y) => h("tr", {},
      h("th", {scope: "row"}, h("button", {type: "button", "aria-label": t.filterYear(y), onclick: () => this.toggleFacet("year", String(y)), text: t.year(y)})),
      series.map((ser) => h("td", {text: String(ser.years[y] || 0)})),
      series.length > 1 ? h("td", {text: String(series.reduce((n, ser) => n + (ser.years[y] || 0), 0))}) : null))));
}

/* el builds an SVG element; children are elements or strings. */
function el(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
}

/* niceStep is a gridline step (1, 2 or 5 × 10^k) giving 2 to 5 lines. */
function niceStep(top) {
  const raw = top / 4, p = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return Math.max(1, m * p);
  return Math.max(1, 10 * p);
}
