/*! <seisaku-search>: 政策文書検索ウィジェット / policy document search widget.
 *
 * Embed it with one script and one element:
 *
 *   <script src="https://search.example.jp/widget.js" defer></script>
 *   <seisaku-search city="枚方市"></seisaku-search>
 *
 * Attributes: api (API base URL; default: the origin this script came from),
 * city / department (fixed filters, comma-separated), placeholder,
 * hits-per-page, lang (ja | en), mode (widget | full), group (document: one
 * result per document), url-state (off to keep the page URL untouched),
 * url-prefix (prefix of the URL parameters; widget mode uses "ss-" so it
 * does not clash with the host page's own "q").
 *
 * Plain JavaScript, no build step; fetches the JSON API and, in full mode,
 * widget-full.js (document view, precedents, chart). Styles live in the
 * shadow root. TestWidgetSize keeps this file under 15 KB gzipped.
 */
(() => {
  "use strict";

  const SCRIPT = document.currentScript;
  const DEFAULT_API = SCRIPT && SCRIPT.src ? new URL(SCRIPT.src).origin : location.origin;
  const FULL_JS = new URL("widget-full.js", SCRIPT && SCRIPT.src ? SCRIPT.src : location.origin + "/").href;
  const DEBOUNCE_MS = 250;
  // role, speaker: minutes only
  const FACETS = ["city", "department", "year", "issue_type", "role", "speaker"];
  const FILTERS = ["city", "department", "issue_type", "role", "speaker"];
  const FACET_LIMIT = 12; // values shown before "show all"
  let serial = 0; // distinct element IDs for several widgets on one page

  const TEXT = {
    ja: {
      label: "政策文書を検索", placeholder: "例：子育て支援　空き家", search: "検索",
      suggestions: "入力候補", titleKind: "文書名",
      loading: "検索中…", found: (n, docs) => `${docs ? "文書" : "段落"} ${n}件見つかりました`,
      none: (q) => q ? `「${q}」に一致する文書は見つかりませんでした。` : "条件に一致する文書は見つかりませんでした。",
      hints: ["表記ゆれを試す（例：「子ども」「子供」「こども」）", "言葉を減らす", "別の言い方で探す（例：「ごみ」→「廃棄物」）", "絞り込みを外す"],
      hintTitle: "次のことを試してください：",
      error: "検索できませんでした。", errorHint: "時間をおいてもう一度お試しください。",
      facets: "絞り込み", results: "検索結果",
      facet: {city: "市町村", department: "部署", year: "年度", issue_type: "分野", role: "発言区分", speaker: "発言者"},
      roles: {question: "質問", answer: "答弁", chair: "議事進行"},
      asks: (who, lead) => `質問：${who}「${lead}」`,
      unknown: "不明", count: (n) => `${n}件`, showAll: (n) => `すべて表示（${n}）`,
      facetUnit: (docs) => `数字は該当する${docs ? "文書" : "段落"}の数`, group: "文書ごとに表示",
      read: (f, facet, value) => `「${f.written}」を${facet}${f.exclude ? "の除外" : "の絞り込み"}（${value}）として扱いました。`,
      readWord: (w) => `語として探すときは "${w}" と引用符で囲みます。`,
      clear: "条件をクリア",
      year: (y) => `${y}年度`, yearUnknown: "年度不明", untitled: "（題名なし）",
      source: "出典", document: "文書全体を見る",
      pages: "ページ送り", prev: "前へ", next: "次へ", page: (n) => `${n}ページ`, ocr: "OCRで読み取り（誤字の可能性あり）",
      expanded: (t) => `「${t}」のテーマも検索しました`,
      notices: (n) => `検索語の扱い（${n}件）`,
      synonyms: (w, alts) => `「${w}」の表記ゆれ・同義語（${alts.join("、")}）も検索しました`,
      didYouMean: "もしかして：",
      how: {
        parts: (w, terms) => `「${w}」の一部（${terms.join("・")}）で一致`,
        missing: (w) => `「${w}」を含みません`,
        variant: (w, terms) => `「${w}」の表記ゆれ（${terms[0]}）で一致`,
        synonym: (w, terms) => `「${w}」の同義語（${terms[0]}）で一致`,
        theme: (w, terms) => `テーマ「${terms[0]}」で一致${terms.length > 1 ? `（${terms.slice(1).join("、")}）` : ""}`,
      },
      issueTypes: "分野",
      docError: "文書を表示できませんでした。",
    },
    en: {
      label: "Search policy documents", placeholder: "e.g. childcare support", search: "Search",
      suggestions: "Suggestions", titleKind: "title",
      loading: "Searching…", found: (n, docs) => `${n} ${docs ? "documents" : "passages"} found`,
      none: (q) => q ? `Nothing matches “${q}”.` : "Nothing matches these filters.",
      hints: ["try another spelling (子ども, 子供, こども)", "use fewer words", "try other words", "remove filters"],
      hintTitle: "Try this:",
      error: "The search failed.", errorHint: "Please try again in a moment.",
      facets: "Filters", results: "Results",
      facet: {city: "City", department: "Department", year: "Fiscal year", issue_type: "Topic", role: "Role", speaker: "Speaker"},
      roles: {question: "question", answer: "answer", chair: "chair"},
      asks: (who, lead) => `answers ${who}: “${lead}”`,
      unknown: "unknown", count: (n) => `${n} hits`, showAll: (n) => `show all (${n})`,
      facetUnit: (docs) => `Numbers count matching ${docs ? "documents" : "passages"}`, group: "One result per document",
      read: (f, facet, value) => `Read “${f.written}” as ${f.exclude ? "excluding" : "the filter"} ${facet.toLowerCase()} ${value}.`,
      readWord: (w) => `To search it as a word, quote it: "${w}".`,
      clear: "Clear filters",
      year: (y) => `FY${y}`, yearUnknown: "year unknown", untitled: "(untitled)",
      source: "Source", document: "Whole document",
      pages: "Pages", prev: "Previous", next: "Next", page: (n) => `page ${n}`, ocr: "read by OCR (may hold misread characters)",
      expanded: (t) => `Also searched the theme “${t}”`,
      notices: (n) => `How the words were read (${n})`,
      synonyms: (w, alts) => `Also searched other spellings and synonyms of “${w}” (${alts.join(", ")})`,
      didYouMean: "Did you mean: ",
      relaxed: (r) => r.strictHits ? `${r.strictHits} passages hold every word as typed; passages with some of the words follow.` :
        `No passage holds every word as typed; showing passages with some of them${r.missing.length ? ` (not found: ${r.missing.join(", ")})` : ""}.`,
      how: {
        parts: (w, terms) => `part of “${w}” (${terms.join(", ")})`,
        missing: (w) => `lacks “${w}”`,
        variant: (w, terms) => `“${w}” spelled ${terms[0]}`,
        synonym: (w, terms) => `synonym of “${w}”: ${terms[0]}`,
        theme: (w, terms) => `theme “${terms[0]}”${terms.length > 1 ? ` (${terms.slice(1).join(", ")})` : ""}`,
      },
      issueTypes: "Topics",
      docError: "The document could not be shown.",
    },
  };

  /* Colours meet WCAG 2.1 AA (≥ 4.5:1 for text, ≥ 3:1 for borders and
   * focus rings, on white and on --soft); TestContrast checks them. */
  const CSS = `
:host{all:initial;display:block;font:16px/1.7 system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",sans-serif;
--fg:#1b1f24;--muted:#4a5360;--accent:#0a58ca;--line:#6b7480;--soft:#f1f4f8;--warn:#b3261e;--mark:#ffe680;color:var(--fg);background:#fff}
:host([hidden]){display:none}
*{box-sizing:border-box}
[hidden]{display:none!important}
.root{container-type:inline-size;padding:.5rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
button,input,select{font:inherit;color:inherit}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
label.q{flex-basis:100%;font-weight:600}
.combo{position:relative;flex:1 1 12rem;min-width:0}
input[type=search]{width:100%;padding:.5rem .7rem;border:2px solid var(--line);border-radius:6px;background:#fff}
.btn{padding:.5rem 1rem;border:2px solid var(--accent);border-radius:6px;background:var(--accent);color:#fff;cursor:pointer}
.btn.plain{background:#fff;color:var(--accent)}
[role=listbox]{position:absolute;z-index:10;left:0;right:0;top:100%;margin:2px 0 0;padding:0;list-style:none;background:#fff;border:2px solid var(--line);border-radius:6px;max-height:18rem;overflow:auto}
[role=option]{padding:.35rem .7rem;cursor:pointer;display:flex;justify-content:space-between;gap:1rem}
[role=option][aria-selected=true]{background:var(--accent);color:#fff}
[role=option] small{color:inherit;white-space:nowrap}
.opts{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center;margin:.75rem 0 0}
.opts label,.years{display:inline-flex;gap:.35rem;align-items:center}
.opts input[type=number]{width:6.5em;padding:.25rem .4rem;border:2px solid var(--line);border-radius:6px}
.opts select{padding:.25rem;border:2px solid var(--line);border-radius:6px;background:#fff}
.status{margin:.75rem 0 .25rem;font-weight:600}
.expansions{margin:0;color:var(--muted);display:flex;flex-direction:column}
.expansions details.notices{display:flex;flex-direction:column}
.expansions details.notices summary{cursor:pointer;color:var(--accent)}
.unit{color:var(--muted);font-size:.85rem;margin:.5rem 0 0}
.body{display:grid;grid-template-columns:15rem 1fr;gap:1.5rem;align-items:start}
.root[data-mode=widget] .body{grid-template-columns:1fr}
@container (max-width:640px){.body{grid-template-columns:1fr}}
.facets h3{font-size:1rem;margin:.75rem 0 .25rem}
.facets ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.35rem}
.facet{padding:.15rem .6rem;border:2px solid var(--line);border-radius:999px;background:#fff;cursor:pointer;font-size:.9rem}
.facet[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:#fff}
.facet .n,.facet-unknown .n{margin-left:.35rem;font-variant-numeric:tabular-nums}
.facet-unknown{display:inline-block;padding:.15rem .6rem;font-size:.9rem;color:var(--muted)}
.more{border:0;background:none;color:var(--accent);text-decoration:underline;cursor:pointer;font-size:.9rem;padding:.15rem}
details.facets>summary{cursor:pointer;font-weight:600;color:var(--accent)}
ol.hits{list-style:none;margin:0;padding:0}
.hit{padding:.75rem 0;border-bottom:1px solid #d0d6de}
.hit h3{font-size:1.05rem;margin:0}
.meta,.path,.speech{margin:0;color:var(--muted);font-size:.9rem}
.snippet{margin:.25rem 0;overflow-wrap:anywhere}
mark{background:var(--mark);color:var(--fg);padding:0 .1em}
.links{margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.9rem}
.badges{margin:.15rem 0;display:flex;flex-wrap:wrap;gap:.25rem .5rem;font-size:.85rem}
.badges .badge{border:1px solid var(--line);border-radius:.25rem;padding:0 .35rem;color:var(--muted)}
.badges .missing{border-style:dashed}
.notice.relaxed{color:var(--fg)}
.didyoumean .fix{font-size:1rem;margin-left:.25rem}
.empty,.error{padding:.75rem 1rem;background:var(--soft);border-radius:6px}
.error p:first-child{color:var(--warn);font-weight:600}
.empty ul,.error ul{margin:.25rem 0}
nav.pager ul{list-style:none;display:flex;flex-wrap:wrap;gap:.35rem;padding:0;margin:1rem 0}
nav.pager button{min-width:2.5rem;padding:.3rem .6rem;border:2px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
nav.pager button[aria-current=page]{background:var(--accent);border-color:var(--accent);color:#fff}
nav.pager button:disabled{color:var(--muted);cursor:default}
`;

  /* h builds an element (on*: listeners, text: textContent); never parses HTML. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "text") el.textContent = v;
      else el.setAttribute(k, v === true ? "" : v);
    }
    el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    return el;
  }

  /* safeMarked turns the server's highlighted text (HTML-escaped, with
   * <mark> around matches) into nodes. The server escapes everything, but we
   * keep only text and <mark> anyway: no other markup can reach the page.
   * Marked words are added to the words set for the document view. */
  function safeMarked(html, words) {
    const t = document.createElement("template");
    t.innerHTML = html || "";
    const out = document.createDocumentFragment();
    for (const n of t.content.childNodes) {
      if (n.nodeName === "MARK") {
        out.append(h("mark", {text: n.textContent}));
        if (words && n.textContent.trim()) words.add(n.textContent.trim());
      } else out.append(n.textContent);
    }
    return out;
  }

  /* queryWords are the plain words of a query: not OR, not -excluded. */
  function queryWords(q) {
    return q.split(/[\s\u3000]+/).filter((w) => w && w !== "OR" && !w.startsWith("-"))
      .map((w) => w.replace(/^"|"$/g, ""));
  }

  function splitList(s) {
    return (s || "").split(",").map((x) => x.trim()).filter(Boolean);
  }

  function isWebURL(s) {
    return /^https?:\/\//i.test(s || "");
  }

  /* readableURL: host and path, decoded, at most 60 characters. */
  function readableURL(u) {
    let s = u.replace(/^https?:\/\//i, "");
    try { s = decodeURI(s); } catch (e) { /* keep as is */ }
    return s.length > 60 ? s.slice(0, 59) + "…" : s;
  }

  /* parseYears reads "2019..2022", "2019..", "..2022" or "2022". */
  function parseYears(s) {
    const m = /^(\d{4})?(\.\.)?(\d{4})?$/.exec(s || "");
    if (!m) return ["", ""];
    return m[2] ? [m[1] || "", m[3] || ""] : [m[1] || "", m[1] || ""];
  }

  function emptyState(group) {
    return {q: "", city: [], department: [], issue_type: [], role: [], speaker: [], yearFrom: "", yearTo: "",
      sort: "relevance", page: 1, expand: true, group, doc: "", passage: ""};
  }

  let sheet = null; // one constructed stylesheet shared by every instance
  let fullTools = null; // the promise of widget-full.js, loaded once

  function adoptStyles(root) {
    try {
      if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
      root.adoptedStyleSheets = [sheet];
    } catch (_) {
      root.append(h("style", {text: CSS})); // older browsers
    }
  }

  class SeisakuSearch extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({mode: "open"});
      adoptStyles(this.shadowRoot);
      this.uid = "ss" + ++serial;
      this.state = emptyState(false);
      this.composing = false; // an IME conversion is in progress
      this.timer = 0;
      this.lastURL = "";
      this.seq = 0; // guards against out-of-order responses
      this.words = new Set(); // highlighted surfaces from the last result
      this.hitIDs = new Set();
      this.openFacets = new Set();
      this.suggestions = [];
      this.active = -1;
      this.onPopState = () => this.restore();
    }

    /* ---- attributes ---- */

    get full() { return this.getAttribute("mode") === "full"; }
    get t() { return TEXT[this.getAttribute("lang") === "en" ? "en" : "ja"]; }
    get api() { return (this.getAttribute("api") || DEFAULT_API).replace(/\/+$/, ""); }
    get fixed() {
      return {city: splitList(this.getAttribute("city")), department: splitList(this.getAttribute("department")),
        role: splitList(this.getAttribute("speech-role"))}; // speech-role="answer": the executive's answers only
    }
    get perPage() { return parseInt(this.getAttribute("hits-per-page"), 10) || (this.full ? 20 : 5); }
    get urlState() { return this.getAttribute("url-state") !== "off"; }
    get prefix() { return this.getAttribute("url-prefix") ?? (this.full ? "" : "ss-"); }
    get groupDefault() { return this.getAttribute("group") === "document"; }

    connectedCallback() {
      if (!this.ui) this.build();
      if (this.full) this.loadFull().catch(() => {}); // the results work without it
      if (this.urlState) window.addEventListener("popstate", this.onPopState);
      this.restore();
    }

    disconnectedCallback() {
      window.removeEventListener("popstate", this.onPopState);
      clearTimeout(this.timer);
      if (this.controller) this.controller.abort();
    }

    /* loadFull brings widget-full.js once; results show without it meanwhile. */
    loadFull() {
      if (!fullTools) {
        fullTools = import(FULL_JS).then((m) => m.install(SeisakuSearch.prototype, {h, safeMarked, queryWords}))
          .catch((err) => { fullTools = null; throw err; });
      }
      return fullTools.then(() => {
        if (!this.ui.sort) this.addOptions(); // the bar of sort, years, switches and CSV
        if (this.lastResult && !this.state.doc) this.showResult(this.lastResult);
      });
    }

    /* ---- building the UI ---- */

    build() {
      const t = this.t, id = (s) => this.uid + "-" + s;
      const ui = this.ui = {};
      ui.input = h("input", {
        id: id("q"), type: "search", role: "combobox", "aria-autocomplete": "list",
        "aria-expanded": "false", "aria-controls": id("list"), autocomplete: "off",
        enterkeyhint: "search", spellcheck: "false",
        placeholder: this.getAttribute("placeholder") || t.placeholder,
        oninput: (e) => this.onInput(e), onkeydown: (e) => this.onKeyDown(e),
        oncompositionstart: () => this.onCompositionStart(),
        oncompositionend: () => this.onCompositionEnd(),
        onblur: () => setTimeout(() => this.closeSuggestions(), 150),
      });
      ui.list = h("ul", {id: id("list"), role: "listbox", "aria-label": t.suggestions, hidden: true});
      const form = h("form", {role: "search", onsubmit: (e) => { e.preventDefault(); this.submitNow(); }},
        h("label", {class: this.full ? "q" : "q vh", for: id("q"), text: t.label}),
        h("div", {class: "combo"}, ui.input, ui.list),
        h("button", {class: "btn", type: "submit", text: t.search}));
      ui.status = h("div", {class: "status", role: "status", "aria-live": "polite"});
      ui.expansions = h("p", {class: "expansions"});
      // Filters fold away in the widget and on narrow screens.
      ui.facets = h("details", {class: "facets"}, h("summary", {text: t.facets}));
      ui.facetBox = h("div");
      ui.facets.append(ui.facetBox);
      ui.resultsHeading = h("h2", {class: "vh", tabindex: "-1", text: t.results});
      ui.hits = h("ol", {class: "hits"});
      ui.message = h("div");
      ui.pager = h("nav", {class: "pager", "aria-label": t.pages});
      ui.results = h("section", {class: "results"}, ui.resultsHeading, ui.message, ui.hits, ui.pager);
      ui.body = h("div", {class: "body", hidden: true}, ui.facets, ui.results);
      ui.doc = h("article", {class: "doc", hidden: true});
      ui.root = h("div", {class: "root", "data-mode": this.full ? "full" : "widget", lang: this.getAttribute("lang") === "en" ? "en" : "ja"},
        form, ui.status, ui.expansions, ui.body, ui.doc);
      this.shadowRoot.append(ui.root);
      if (this.full && this.getBoundingClientRect().width > 640) ui.facets.open = true;
    }

    /* ---- typing, IME and the keyboard ----
     *
     * Japanese is typed through an IME: keystrokes build a provisional
     * reading (compositionstart, compositionupdate, input events with
     * isComposing=true) that the user converts and confirms with Enter
     * (compositionend). Searching the provisional text would send
     * "こそだ", "子そだ"… and the confirming Enter must not submit or pick a
     * suggestion. So: nothing is scheduled while composing, compositionend
     * schedules the search itself (Chrome sends no input event after it),
     * and a keydown that belongs to the IME (isComposing, or keyCode 229 as
     * Safari sends for the Enter that follows compositionend) is ignored. */

    onCompositionStart() {
      this.composing = true;
      clearTimeout(this.timer); // a search scheduled before the IME opened waits for its result
    }

    onCompositionEnd() {
      this.composing = false;
      this.schedule();
    }

    onInput(e) {
      if (this.composing || e.isComposing) return; // provisional text: wait for compositionend
      this.schedule();
    }

    onKeyDown(e) {
      if (this.composing || e.isComposing || e.keyCode === 229) {
        if (e.key === "Enter") e.preventDefault(); // the conversion's Enter never submits the form
        return;
      }
      const open = !this.ui.list.hidden;
      switch (e.key) {
        case "ArrowDown":
        case "ArrowUp":
          if (!this.suggestions.length) return;
          e.preventDefault();
          this.moveActive(e.key === "ArrowDown" ? 1 : -1, open);
          break;
        case "Enter":
          e.preventDefault();
          if (open && this.active >= 0) this.choose(this.active);
          else this.submitNow();
          break;
        case "Escape":
          // not the box's own Esc (it wiped the results)
          e.preventDefault();
          if (open) this.closeSuggestions();
          break;
        case "Tab":
          this.closeSuggestions();
          break;
      }
    }

    /* schedule searches DEBOUNCE_MS after the last keystroke. */
    schedule() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        const q = this.ui.input.value.trim();
        this.suggest(q);
        if (q !== this.state.q) this.setState({q, doc: ""}, false);
      }, DEBOUNCE_MS);
    }

    /* submitNow searches at once (Enter or the button). */
    submitNow() {
      if (this.composing) return;
      clearTimeout(this.timer);
      this.closeSuggestions();
      this.setState({q: this.ui.input.value.trim(), doc: ""});
    }

    /* ---- suggestions: an ARIA 1.2 combobox with a listbox popup ---- */

    /* lastWord is what suggestions complete: the word being typed. */
    lastWord(q) {
      const words = q.split(/[\s\u3000]+/);
      return words[words.length - 1] || "";
    }

    async suggest(q) {
      const word = this.lastWord(q);
      if (!word || word.startsWith("-") || this.composing) return this.closeSuggestions();
      const seq = ++this.suggestSeq || (this.suggestSeq = 1);
      try {
        const res = await fetch(`${this.api}/api/suggest?${new URLSearchParams({q: word, n: "8"})}`);
        if (!res.ok || seq !== this.suggestSeq || this.composing) return;
        const body = await res.json();
        this.showSuggestions((body.suggestions || []).filter((s) => s.text && s.text !== word));
      } catch (_) { /* suggestions are optional */ }
    }

    showSuggestions(list) {
      const t = this.t, ui = this.ui;
      this.suggestions = list;
      this.active = -1;
      ui.input.removeAttribute("aria-activedescendant");
      ui.list.replaceChildren(...list.map((s, i) => h("li", {
        id: `${this.uid}-opt${i}`, role: "option", "aria-selected": "false",
        onmousedown: (e) => e.preventDefault(), // keep focus in the input
        onclick: () => this.choose(i),
      }, h("span", {text: s.text}), h("small", {text: s.kind === "title" ? t.titleKind : String(s.count)}))));
      const open = list.length > 0 && document.activeElement === this && this.shadowRoot.activeElement === ui.input;
      ui.list.hidden = !open;
      ui.input.setAttribute("aria-expanded", String(open));
    }

    moveActive(step, open) {
      const n = this.suggestions.length;
      if (!open) { this.ui.list.hidden = false; this.ui.input.setAttribute("aria-expanded", "true"); }
      // Cycle through the options and the input itself (-1): n + 1 places.
      const m = n + 1;
      this.active = open ? ((this.active + 1 + step) % m + m) % m - 1 : (step > 0 ? 0 : n - 1);
      [...this.ui.list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === this.active)));
      const li = this.ui.list.children[this.active];
      if (li) { this.ui.input.setAttribute("aria-activedescendant", li.id); li.scrollIntoView({block: "nearest"}); }
      else this.ui.input.removeAttribute("aria-activedescendant");
    }

    /* choose replaces the word being typed with suggestion i and searches. */
    choose(i) {
      const s = this.suggestions[i];
      if (!s) return;
      const v = this.ui.input.value, w = this.lastWord(v);
      this.ui.input.value = v.slice(0, v.length - w.length) + s.text;
      this.submitNow();
      this.ui.input.focus();
    }

    closeSuggestions() {
      this.ui.list.hidden = true;
      for (const li of this.ui.list.children) li.setAttribute("aria-selected", "false");
      this.active = -1;
      this.ui.input.setAttribute("aria-expanded", "false");
      this.ui.input.removeAttribute("aria-activedescendant");
    }

    /* ---- state, URL and history ---- */

    /* setState changes the search, mirrors it in the URL (pushState unless
     * push is false) and runs it; a new search starts at page 1. */
    setState(change, push = true) {
      const s = this.state;
      const keys = Object.keys(change);
      if (!keys.includes("page") && !keys.every((k) => k === "doc" || k === "passage")) change.page = 1;
      if (!("doc" in change)) change.doc = ""; // a new search leaves the document view
      if (!change.doc) change.passage = "";
      Object.assign(s, change);
      this.writeURL(push);
      this.render();
    }

    onYearChange() {
      const v = (el) => /^\d{4}$/.test(el.value) ? el.value : "";
      let from = v(this.ui.yearFrom), to = v(this.ui.yearTo);
      if (from && to && from > to) [from, to] = [to, from];
      this.setState({yearFrom: from, yearTo: to});
    }

    /* readURL loads the state from the page URL (or starts empty). */
    readURL() {
      const s = emptyState(this.groupDefault);
      if (!this.urlState) return s;
      const p = new URLSearchParams(location.search), k = (n) => this.prefix + n;
      s.q = p.get(k("q")) || "";
      for (const f of FILTERS) s[f] = p.getAll(k(f)).filter(Boolean);
      [s.yearFrom, s.yearTo] = parseYears(p.get(k("year")));
      s.sort = ["year", "date"].includes(p.get(k("sort"))) ? p.get(k("sort")) : "relevance";
      s.page = Math.max(1, parseInt(p.get(k("page")), 10) || 1);
      s.expand = p.get(k("expand")) !== "false";
      if (p.get(k("group"))) s.group = p.get(k("group")) === "document";
      s.doc = p.get(k("doc")) || "";
      const m = this.full && /\/documents\/([^/]+)$/.exec(location.pathname); // a permalink
      if (!s.doc && m) s.doc = decodeURIComponent(m[1]);
      const hash = /^#(p\d+)$/.exec(location.hash);
      s.passage = s.doc && hash ? hash[1] : "";
      return s;
    }

    writeURL(push) {
      if (!this.urlState) return;
      const u = new URL(location.href), s = this.state, k = (n) => this.prefix + n;
      for (const n of ["q", ...FILTERS, "year", "sort", "page", "expand", "group", "doc"]) u.searchParams.delete(k(n));
      const set = (n, v) => { if (v) u.searchParams.append(k(n), v); };
      set("q", s.q);
      for (const f of FILTERS) s[f].forEach((v) => set(f, v));
      set("year", this.yearParam());
      set("sort", s.sort !== "relevance" && s.sort);
      set("page", s.page > 1 && String(s.page));
      set("expand", !s.expand && "false");
      set("group", s.group !== this.groupDefault && (s.group ? "document" : "passage"));
      set("doc", s.doc);
      u.pathname = u.pathname.replace(/\/documents\/[^/]+$/, "/");
      u.hash = s.doc && s.passage ? "#" + s.passage : "";
      if (u.href !== location.href) history[push ? "pushState" : "replaceState"](history.state, "", u);
    }

    /* restore shows what the URL says: on load and on back/forward. */
    restore() {
      this.state = this.readURL();
      const s = this.state, ui = this.ui;
      ui.input.value = s.q;
      if (ui.sort) this.syncOptions();
      this.render();
    }

    /* showDocError says that the document view (widget-full.js) could not
     * be loaded. */
    showDocError(err) {
      const ui = this.ui;
      ui.body.hidden = true;
      ui.doc.hidden = false;
      ui.doc.replaceChildren(h("div", {class: "error", role: "alert"}, h("p", {text: this.t.docError}), h("p", {text: err.message})));
    }

    /* render shows either a document (full mode: widget-full.js) or the
     * search results. */
    render() {
      if (this.full && this.state.doc) return this.loadFull().then(() => { if (this.state.doc) this.showDocument(); }, (err) => this.showDocError(err));
      this.ui.doc.hidden = true; // kept: Back and Forward show it again at once
      this.ui.status.classList.remove("vh");
      this.search();
    }

    /* ---- the search ---- */

    yearParam() {
      const {yearFrom: a, yearTo: b} = this.state;
      if (a && a === b) return a;
      return a || b ? `${a}..${b}` : "";
    }

    hasSearch() {
      const s = this.state;
      return !!(s.q || FILTERS.some((f) => s[f].length) || s.yearFrom || s.yearTo);
    }

    /* params are the API parameters of the current search; export (the CSV
     * link) leaves out paging and facets. */
    params(exporting) {
      const s = this.state, fixed = this.fixed, p = new URLSearchParams();
      if (s.q) p.set("q", s.q);
      for (const f of FILTERS) {
        const vals = fixed[f] && fixed[f].length ? fixed[f] : s[f];
        vals.forEach((v) => p.append(f, v));
      }
      if (this.yearParam()) p.set("year", this.yearParam());
      if (s.sort !== "relevance") p.set("sort", s.sort);
      if (!s.expand) p.set("expand", "false");
      if (s.group) p.set("distinct", "document");
      if (exporting) return p;
      p.set("facets", FACETS.filter((f) => !(fixed[f] && fixed[f].length)).join(","));
      p.set("page", String(s.page));
      p.set("hitsPerPage", String(this.perPage));
      p.set("cropLength", this.full ? "160" : "80");
      return p;
    }

    async search() {
      const ui = this.ui;
      if (!this.hasSearch()) {
        this.lastURL = "";
        ui.body.hidden = true;
        ui.status.textContent = "";
        ui.expansions.textContent = "";
        if (ui.csv) ui.csv.hidden = true;
        return;
      }
      const url = `${this.api}/api/search?${this.params(false)}`;
      ui.body.hidden = false;
      if (url === this.lastURL) { // already shown: back from a document
        if (this.lastResult) this.announce(this.foundText(this.lastResult));
        return;
      }
      this.lastURL = url;
      if (this.controller) this.controller.abort();
      const controller = this.controller = new AbortController(), seq = ++this.seq;
      ui.results.setAttribute("aria-busy", "true");
      try {
        const res = await fetch(url, {signal: controller.signal, headers: {Accept: "application/json"}});
        const body = await res.json().catch(() => ({}));
        if (seq !== this.seq) return;
        if (!res.ok) throw Object.assign(new Error(body.message || `HTTP ${res.status}`), {status: res.status});
        this.showResult(body);
      } catch (err) {
        if (err.name === "AbortError" || seq !== this.seq) return;
        this.lastURL = "";
        this.showError(err);
      } finally {
        if (seq === this.seq) ui.results.removeAttribute("aria-busy");
      }
    }

    showResult(res) {
      const ui = this.ui;
      this.lastResult = res;
      this.words = new Set(queryWords(this.state.q));
      this.hitIDs = new Set(res.hits.map((hit) => hit.id));
      ui.hits.replaceChildren(...res.hits.map((hit) => this.hitItem(hit)));
      ui.message.replaceChildren(res.totalHits ? "" : this.emptyMessage());
      ui.expansions.replaceChildren(...this.resultNotices(res));
      this.showFacets(res.facetDistribution || {});
      ui.facets.hidden = !res.totalHits; // nothing to narrow down
      this.showPager(res.page || this.state.page, res.totalPages || 0);
      if (ui.sort) this.syncOptions(); // the 答弁のみ switch shows when the results have answers
      if (ui.csv) {
        ui.csv.href = `${this.api}/api/search.csv?${this.params(true)}`;
        ui.csv.hidden = !res.totalHits;
      }
      if (this.showChart) this.showChart(res);
      this.announce(this.foundText(res));
    }

    foundText(res) {
      return res.totalHits ? this.t.found(res.totalHits, this.state.group) : this.t.none(this.state.q);
    }

    /* resultNotices say how the query was understood, above the results:
     * theme expansions and the filters read from the query, one line each;
     * add new kinds of notice here. */
    resultNotices(res) {
      const t = this.t, line = (text) => h("span", {class: "notice", text});
      const alts = new Map();
      for (const u of res.synonyms || []) alts.set(u.word, [...(alts.get(u.word) || []), u.alternative]);
      const read = [
        ...(res.expansions || []).map((e) => line(t.expanded(e.theme))),
        ...[...alts].map(([w, as]) => line(t.synonyms(w, as))),
        ...(res.queryFilters || []).map((f) => line(t.read(f, t.facet[f.facet] || f.facet, this.valueLabel(f.facet, f.value)) +
          (/^(city|role)$/.test(f.facet) && !f.written.includes(":") ? t.readWord(f.facet == "role" ? f.written : f.value) : ""))),
      ];
      // one line on a phone
      const fold = read.length > 1 && this.getBoundingClientRect().width < 640;
      return [
        res.relaxed ? h("span", {class: "notice relaxed", text: t.relaxed ? t.relaxed(res.relaxed) : res.relaxed.message})
          : res.asked ? line(res.asked.message) : null,
        (res.didYouMean || []).length ? this.didYouMean(res.didYouMean) : null,
        ...(fold ? [h("details", {class: "notices"}, h("summary", {text: t.notices(read.length)}), ...read)] : read),
      ].filter(Boolean);
    }

    /* didYouMean offers each corrected query as one click. */
    didYouMean(fixes) {
      const seen = new Set(), links = [];
      for (const f of fixes) {
        if (seen.has(f.query)) continue;
        seen.add(f.query);
        links.push(h("button", {class: "btn plain fix", type: "button", text: f.query, onclick: () => {
          this.ui.input.value = f.query;
          this.submitNow();
        }}));
      }
      return h("span", {class: "notice didyoumean"}, this.t.didYouMean, ...links);
    }

    /* announce updates the polite live region (cleared first so the same
     * text is read again). */
    announce(text) {
      this.ui.status.textContent = "";
      setTimeout(() => { this.ui.status.textContent = text; }, 50);
    }

    emptyMessage() {
      const t = this.t;
      return h("div", {class: "empty"}, h("p", {text: t.hintTitle}),
        h("ul", {}, t.hints.map((x) => h("li", {text: x}))));
    }

    /* showError explains a failure: a refused request (4xx) in the
     * server's words with the search hints; anything else (network, CORS,
     * 5xx) as a passing problem. */
    showError(err) {
      const t = this.t, ui = this.ui, refused = err.status >= 400 && err.status < 500;
      ui.hits.replaceChildren();
      ui.pager.replaceChildren();
      ui.message.replaceChildren(h("div", {class: "error", role: "alert"},
        h("p", {text: t.error}), h("p", {text: err.message}),
        refused ? h("ul", {}, t.hints.map((x) => h("li", {text: x}))) : h("p", {text: t.errorHint})));
      ui.status.textContent = t.error;
    }

    /* hitItem is one result: every field goes in as text, except the
     * server-highlighted snippet and headings (see safeMarked). */
    hitItem(hit) {
      const li = h("li", {class: "hit"});
      li.append(...this.hitParts(hit, li));
      return li;
    }

    /* hitParts are the lines of one result, top to bottom: title, meta,
     * badges, heading path, snippet, then links and actions (a panel an
     * action opens goes after them). Every field goes in as text, except
     * the server-highlighted snippet and headings (see safeMarked). */
    hitParts(hit, li) {
      const t = this.t, f = hit._formatted || {};
      const headings = f.headings && f.headings.length ? f.headings : hit.headings || [];
      const path = h("p", {class: "path"});
      headings.forEach((x, i) => path.append(i ? " › " : "", safeMarked(x, this.words)));
      const badges = this.hitBadges(hit);
      return [
        h("h3", {}, h("a", {href: this.docHref(hit), onclick: (e) => this.onDocLink(e, hit), text: hit.title || t.untitled})),
        h("p", {class: "meta", text: this.metaLine(hit)}),
        this.speechLine(hit),
        badges.length ? h("p", {class: "badges"}, badges) : null,
        headings.length ? path : null,
        h("p", {class: "snippet"}, safeMarked(f.text || hit.text, this.words)),
        h("p", {class: "links"}, this.sourceLink(hit),
          h("a", {href: this.docHref(hit), onclick: (e) => this.onDocLink(e, hit), text: t.document}),
          ...this.hitActions(hit, li)),
      ].filter(Boolean);
    }

    metaLine(hit) {
      const t = this.t;
      return [hit.city, hit.department, hit.year ? t.year(hit.year) : t.yearUnknown, hit.published, hit.session,
        hit.page ? t.page(hit.page) : "", hit.read === "ocr" ? t.ocr : ""].filter(Boolean).join(" ・ ");
    }

    /* speechLine: who spoke (市長 亀山豊文（答弁）), and the question an
     * answer answers, linked; the document view uses it too. */
    speechLine(x, onReply) {
      if (!x.speaker && !x.speakerTitle) return null;
      const r = x.replyTo, q = r && {documentId: x.documentId, permalink: r.permalink};
      return h("p", {class: "speech"}, [x.speakerTitle, x.speaker].filter(Boolean).join(" ") +
        (x.role ? `（${this.valueLabel("role", x.role)}）` : ""), r ? " ・ " : "",
        r ? h("a", {href: this.docHref(q), onclick: onReply || ((e) => this.onDocLink(e, q)), text: this.t.asks(r.speaker, r.lead)}) : "");
    }

    valueLabel(facet, v) {
      return v === "unknown" ? this.t.unknown : facet === "year" ? this.t.year(v) : facet === "role" && this.t.roles[v] || v;
    }

    /* hitBadges say why a result matched when it is not every word as
     * typed: a part of a word, a spelling variant or synonym, a theme, a
     * word it lacks (hit.match, from the server). */
    hitBadges(hit) {
      const m = hit.match, how = this.t.how;
      if (!m || m.kind === "exact") return [];
      return m.words.filter((w) => how[w.how]).map((w) =>
        h("span", {class: `badge ${w.how}`, text: how[w.how](w.word, w.terms || [])}));
    }

    /* hitActions are the buttons of one result; widget-full.js gives full
     * mode the 類似の取り組み action (similarButton). */
    hitActions(hit, li) { return this.full && this.similarButton ? [this.similarButton(hit, li)] : []; }

    /* sourceLink shows the document's address, linked (host and path, the
     * page of a PDF), else its title and its city's official site, linked
     * (the file name is for the CSV and the API); labelled "出典:" in a hit,
     * bare in the document view, whose row already says 出典. */
    sourceLink(x, bare) {
      const web = isWebURL(x.url) ? x.url : isWebURL(x.source) ? x.source : "";
      const link = web && x.page ? `${web.split("#")[0]}#page=${x.page}` : web;
      const a = (u) => h("a", {href: u, rel: "noopener", text: readableURL(u)});
      const site = isWebURL(x.citySite) && [" (", a(x.citySite), ")"];
      const v = link ? [a(link)] : site ? [x.title || this.t.untitled, ...site] : x.title ? [x.title] : null;
      return v && h("span", {class: "source"}, bare ? "" : `${this.t.source}: `, ...v);
    }

    /* docHref opens the document on the full page: this page in full mode,
     * the service's own page from a widget. */
    docHref(hit) {
      const seq = /#p\d+$/.exec(hit.permalink || "");
      if (this.full) {
        const u = new URL(location.href);
        u.searchParams.set(this.prefix + "doc", hit.documentId);
        u.hash = seq ? seq[0] : "";
        return u.href;
      }
      const p = new URLSearchParams({q: this.state.q, doc: hit.documentId});
      return `${this.api}/?${p}${seq ? seq[0] : ""}`;
    }

    onDocLink(e, hit) {
      if (!this.full || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      e.preventDefault();
      const seq = /#(p\d+)$/.exec(hit.permalink || "");
      this.setState({doc: hit.documentId, passage: seq ? seq[1] : ""});
    }

    /* ---- facets ---- */

    showFacets(dist) {
      const fixed = this.fixed;
      const groups = FACETS.filter((f) => !(fixed[f] && fixed[f].length) && dist[f] && Object.keys(dist[f]).some((v) => v !== "unknown"))
        .map((f) => this.facetGroup(f, dist[f]));
      const s = this.state, any = FILTERS.some((f) => s[f].length) || s.yearFrom || s.yearTo;
      const clear = h("p", {}, h("button", {class: "more", type: "button", text: this.t.clear, onclick: () => this.clearFilters()}));
      const docs = (this.lastResult || {}).facetCounts === "documents";
      const unit = groups.length ? h("p", {class: "unit", text: this.t.facetUnit(docs)}) : null;
      this.ui.facetBox.replaceChildren(...groups, ...(unit ? [unit] : []), ...(any ? [clear] : []));
    }

    facetGroup(name, counts) {
      const t = this.t, id = `${this.uid}-f-${name}`;
      const selected = this.selectedValues(name);
      for (const v of selected) if (!(v in counts)) counts[v] = 0; // keep a chosen value visible
      // Years newest first, other values by count, ties in code point order as
      // the server counts them; 不明 last.
      let entries = Object.entries(counts).sort((a, b) => (a[0] === "unknown") - (b[0] === "unknown") ||
        (name === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
      const total = entries.length, all = this.openFacets.has(name);
      if (!all) entries = entries.slice(0, FACET_LIMIT);
      return h("div", {role: "group", "aria-labelledby": id},
        h("h3", {id, text: t.facet[name]}),
        h("ul", {}, entries.map(([v, n]) => h("li", {}, this.facetValue(name, v, n, selected.includes(v))))),
        !all && total > FACET_LIMIT ? h("button", {class: "more", type: "button", text: t.showAll(total),
          onclick: () => { this.openFacets.add(name); this.showFacets(this.lastResult.facetDistribution || {}); }}) : null);
    }

    /* facetValue is a toggle button; "unknown" cannot be filtered on, so
     * it is plain text. */
    facetValue(name, value, n, pressed) {
      const t = this.t;
      const label = this.valueLabel(name, value);
      const count = h("span", {class: "n", "aria-hidden": "true", text: String(n)});
      if (value === "unknown") return h("span", {class: "facet-unknown"}, label, count, h("span", {class: "vh", text: t.count(n)}));
      return h("button", {class: "facet", type: "button", "aria-pressed": String(pressed),
        "aria-label": `${label} ${t.count(n)}`, onclick: () => this.toggleFacet(name, value)}, label, count);
    }

    selectedValues(name) {
      const s = this.state;
      if (name !== "year") return s[name];
      return s.yearFrom && s.yearFrom === s.yearTo ? [s.yearFrom] : [];
    }

    toggleFacet(name, value) {
      const s = this.state;
      if (name === "year") {
        const on = s.yearFrom === value && s.yearTo === value;
        this.setState({yearFrom: on ? "" : value, yearTo: on ? "" : value});
        if (this.ui.yearFrom) { this.ui.yearFrom.value = s.yearFrom; this.ui.yearTo.value = s.yearTo; }
        return;
      }
      const vals = s[name].includes(value) ? s[name].filter((v) => v !== value) : [...s[name], value];
      this.setState({[name]: vals});
    }

    clearFilters() {
      this.setState({city: [], department: [], issue_type: [], role: [], speaker: [], yearFrom: "", yearTo: ""});
      if (this.ui.yearFrom) this.ui.yearFrom.value = this.ui.yearTo.value = "";
      this.ui.input.focus();
    }

    /* ---- pagination ---- */

    showPager(page, pages) {
      const t = this.t;
      if (pages <= 1) return this.ui.pager.replaceChildren();
      const btn = (label, n, attrs) => h("li", {}, h("button", {type: "button", ...attrs,
        onclick: () => this.goToPage(n)}, label));
      this.ui.pager.replaceChildren(h("ul", {},
        btn(t.prev, page - 1, {disabled: page <= 1}),
        pagerItems(page, pages).map((n) => n === 0 ? h("li", {"aria-hidden": "true"}, "…")
          : btn(String(n), n, {"aria-label": t.page(n), "aria-current": n === page ? "page" : null})),
        btn(t.next, page + 1, {disabled: page >= pages})));
    }

    goToPage(n) {
      this.setState({page: n});
      this.ui.resultsHeading.focus(); // the next Tab starts at the new results
    }
  }

  /* pagerItems: first, last, two either side; a longer gap is 0 (…) */
  function pagerItems(p, n) {
    const out = [];
    let last = 0;
    for (const i of [1, p - 2, p - 1, p, p + 1, p + 2, n]) {
      if (i <= last || i > n) continue;
      if (i - last > 1) out.push(i - last === 2 ? i - 1 : 0);
      out.push(last = i);
    }
    return out;
  }
  SeisakuSearch.pagerItems = pagerItems;

  if (!customElements.get("seisaku-search")) customElements.define("seisaku-search", SeisakuSearch);
})();
