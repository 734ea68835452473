/**
 * The page's behaviour, served at /ui/app.js as an ES module. Plain browser JavaScript in a
 * String.raw literal (no build step, no dependencies): it must hold no backtick and no dollar-brace.
 * Talks only to the JSON API of the same origin; every text from the server is put in the page
 * with textContent (never innerHTML).
 */
export const UI_SCRIPT = String.raw`"use strict";

const CONVERSATION_KEY = "bilagsassistent.conversationId";

const DECISIONS = {
  "uændret": "Videreføres uændret",
  "med_justeringer": "Videreføres med justeringer",
  "ophører": "Ophører",
  "betinget": "Videreføres på betingelser",
  "afventer": "Afventer afklaring",
  "ukendt": "Ingen beslutning angivet"
};
const SECTIONS = {
  content: "Indhold i indsatsen", results: "Resultater", expiring_money: "Udløbende midler",
  assessment: "Faglig vurdering", proposed_money: "Forslag – økonomi", grant: "Bevilling",
  background: "Baggrund", expected_effect: "Forventet effekt", economy: "Økonomi", risk: "Risici",
  technical: "Bevillingstekniske oplysninger", other_technical: "Øvrige tekniske oplysninger",
  previous_funding: "Tidligere finansiering", agreement_text: "Forslag til aftaletekst", other: "Andet"
};
const SOURCE_REASONS = {
  same_initiative: "Samme initiativ i et tidligere bilag",
  same_decision: "Kort med samme beslutning",
  budget_note_example: "Eksempel på budgetnotat"
};
const BASES = { per_year: "årligt", total: "i alt", unspecified: "" };
const KINDS = { annex: "Bilag", budget_note: "Budgetnotat" };

// ------------------------------------------------------------------------------------------
// small helpers

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

/** A Danish message for a failed request; the server's own (English) message as detail. */
class ApiError extends Error {
  constructor(status, code, detail) {
    super(danishError(status, code, detail));
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

function danishError(status, code, detail) {
  if (status === 0) return "Kunne ikke få forbindelse til serveren. Tjek netværket og prøv igen.";
  let text;
  if (code === "initiative_not_found") text = "Der findes ingen bevillingsdata for det valgte initiativ.";
  else if (code === "draft_not_found") text = "Udkastet findes ikke længere.";
  else if (code === "card_not_found") text = "Kortet findes ikke.";
  else if (status === 401) text = "Du er ikke logget ind, eller dit login er udløbet.";
  else if (status === 403) text = "Du har ikke adgang til denne funktion.";
  else if (status === 429) text = "For mange forespørgsler lige nu. Vent et øjeblik, og prøv igen.";
  else if (status === 400) text = "Serveren kunne ikke bruge det indtastede.";
  else if (status === 404) text = "Det efterspurgte findes ikke.";
  else if (status === 413) text = "Teksten er for lang.";
  else if (status === 502 || status === 504) text = "Sprogmodellen svarede ikke. Prøv igen om lidt.";
  else text = "Der skete en fejl på serveren. Prøv igen.";
  return detail ? text + " (" + detail + ")" : text;
}

async function api(path, options) {
  const init = { method: "GET", headers: { accept: "application/json" } };
  if (options && options.body !== undefined) {
    init.method = "POST";
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  if (options && options.signal) init.signal = options.signal;
  let response;
  try {
    response = await authFetch(path, init);
  } catch (error) {
    if (error && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "");
  }
  const isJson = (response.headers.get("content-type") || "").includes("json");
  const body = isJson ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const envelope = body && body.error ? body.error : {};
    throw new ApiError(response.status, envelope.code || "http_" + response.status, envelope.message || "");
  }
  return body;
}

function truncate(text, length) {
  const clean = String(text).replace(/\s+/g, " ").trim();
  return clean.length > length ? clean.slice(0, length - 1).trimEnd() + " …" : clean;
}

function formatKroner(amount) {
  if (!amount) return "";
  const fmt = (value) => new Intl.NumberFormat("da-DK").format(value) + " kr.";
  return amount.min === amount.max ? fmt(amount.min) : fmt(amount.min) + " – " + fmt(amount.max);
}

function formatYears(years) {
  if (!years || years.length === 0) return "";
  if (years.length === 1) return String(years[0]);
  const contiguous = years.every((year, index) => index === 0 || year === years[index - 1] + 1);
  return contiguous ? years[0] + "–" + years[years.length - 1] : years.join(", ");
}

// ------------------------------------------------------------------------------------------
// tabs (WAI-ARIA tabs pattern: arrow keys, Home/End)

const tabs = ["sources", "search", "card", "timeline", "documents"];

function selectTab(name, focus) {
  for (const tab of tabs) {
    const button = $("tab-" + tab);
    const selected = tab === name;
    button.setAttribute("aria-selected", String(selected));
    button.tabIndex = selected ? 0 : -1;
    $("panel-" + tab).hidden = !selected;
  }
  if (focus) $("tab-" + name).focus();
  if (name === "timeline") ensureInitiatives();
}

function setupTabs() {
  for (const tab of tabs) {
    const button = $("tab-" + tab);
    button.addEventListener("click", () => selectTab(tab, false));
    button.addEventListener("keydown", (event) => {
      const index = tabs.indexOf(tab);
      let next = -1;
      if (event.key === "ArrowRight") next = (index + 1) % tabs.length;
      else if (event.key === "ArrowLeft") next = (index - 1 + tabs.length) % tabs.length;
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = tabs.length - 1;
      if (next >= 0) {
        event.preventDefault();
        selectTab(tabs[next], true);
      }
    });
  }
}

// ------------------------------------------------------------------------------------------
// sources pane

function cardLink(cardId, label) {
  return el("a", { href: "#kort/" + encodeURIComponent(cardId), class: "card-link", "data-card-id": cardId, text: label || "Vis kortet" });
}

/** items: [{ ref?, cardId, title, year, documentTitle, section, quote, reason? }] */
function showSources(items, origin) {
  const list = $("sources-list");
  list.textContent = "";
  $("sources-origin").textContent = items.length === 0 ? "Ingen kilder." : origin;
  items.forEach((item, index) => {
    const ref = item.ref !== undefined ? item.ref : index + 1;
    const meta = [item.year, item.documentTitle, SECTIONS[item.section] || item.section].filter(Boolean).join(" · ");
    list.append(
      el("li", { id: "kilde-" + ref, tabindex: "-1" },
        el("p", { class: "src-title" }, "[" + ref + "] ", item.title),
        el("p", { class: "src-meta", text: meta }),
        item.reason ? el("p", { class: "src-meta", text: SOURCE_REASONS[item.reason] || item.reason }) : null,
        quoteWithFact(truncate(item.quote, 700), item.fact),
        cardLink(item.cardId, "Vis kortet: " + item.title + " (" + item.year + ")")
      )
    );
  });
}

// asked fact, cleared sources and decision changes (answers)

/** "Beslutningen ændrede sig: 2024 videreføres uændret → 2026 ophører", or nothing when it never changed. */
function timelineChanges(timeline) {
  const changes = timeline.changes || [];
  if (changes.length === 0) return el("p", { class: "meta timeline-changes", text: timeline.entries.length > 1 ? "Beslutningen er den samme alle år." : "" });
  return el("ul", { class: "timeline-changes", "aria-label": "Ændringer i beslutningen" },
    ...changes.map((change) => el("li", null,
      el("strong", { text: "Beslutningen ændrede sig: " }),
      change.fromYear + " " + (DECISIONS[change.from] || change.from) + " \u2192 " + change.toYear + " " + (DECISIONS[change.to] || change.to)
    ))
  );
}

/** A quote with the asked fact marked (<mark class="fact">), when the citation names one that stands in it. */
function quoteWithFact(quote, fact) {
  const at = fact ? quote.indexOf(fact) : -1;
  if (at < 0) return el("blockquote", { text: quote });
  return el("blockquote", null,
    document.createTextNode(quote.slice(0, at)),
    el("mark", { class: "fact", text: fact }),
    document.createTextNode(quote.slice(at + fact.length))
  );
}

/** Empties the sources pane for an answer without sources ("not in the material"), so the previous answer's sources do not linger. */
function clearSources(origin) {
  showSources([], "");
  $("sources-origin").textContent = origin || "Ingen kilder til dette svar.";
}

function focusSource(ref) {
  selectTab("sources", false);
  const item = $("kilde-" + ref);
  if (!item) return;
  for (const other of document.querySelectorAll(".sources > li.highlight")) other.classList.remove("highlight");
  item.classList.add("highlight");
  item.focus();
}

// ------------------------------------------------------------------------------------------
// card view and timeline

let initiativesPromise = null;

function ensureInitiatives() {
  if (!initiativesPromise) {
    initiativesPromise = api("/api/initiatives").then(
      (body) => {
        const select = $("timeline-initiative");
        for (const initiative of body.initiatives) {
          select.append(el("option", { value: initiative.id, text: initiative.title + " (" + initiative.years.join(", ") + ")" }));
        }
        return body.initiatives;
      },
      (error) => {
        if (error.status === 404) {
          $("timeline-initiative").disabled = true;
          $("timeline-view").replaceChildren(el("p", { class: "notice", text: "Tidslinjer er ikke tilgængelige endnu: serveren har ikke oversigten over initiativer (/api/initiatives)." }));
          return null;
        }
        initiativesPromise = null;
        $("timeline-view").replaceChildren(el("p", { class: "form-error", text: error.message }));
        return null;
      }
    );
  }
  return initiativesPromise;
}

async function showCard(cardId, moveFocus) {
  selectTab("card", false);
  const view = $("card-view");
  view.replaceChildren(el("p", { class: "meta", text: "Henter kortet …" }));
  try {
    const body = await api("/api/cards/" + encodeURIComponent(cardId));
    const card = body.card;
    const documentInfo = body.document;
    const facts = el("dl", { class: "card-facts" });
    const fact = (term, value) => { if (value !== undefined && value !== null && value !== "") facts.append(el("dt", { text: term }), el("dd", { text: String(value) })); };
    fact("Nummer", card.number !== undefined ? "Nr. " + card.number : undefined);
    fact("År", documentInfo.year);
    fact("Dokument", (KINDS[documentInfo.kind] || "") + ": " + documentInfo.title);
    fact("Beslutning", DECISIONS[card.decision] || card.decision);
    if (card.pejlemærke) fact("Pejlemærke", card.pejlemærke);
    const heading = el("h3", { id: "card-title", tabindex: "-1", text: card.title });
    const sections = card.sections.map((section) =>
      el("section", { class: "card-section" }, el("h4", { text: section.heading || SECTIONS[section.kind] || section.kind }), el("p", { text: section.text }))
    );
    const money = card.figures.filter((figure) => figure.kind === "money");
    const moneyBlock = el("section", { class: "card-section" }, el("h4", { text: "Beløb i kortet (" + money.length + ")" }));
    if (money.length > 0) {
      const rows = money.map((figure) =>
        el("tr", null,
          el("td", { text: figure.text }),
          el("td", { class: "num", text: formatKroner(figure.amount) }),
          el("td", { text: [BASES[figure.basis] || "", formatYears(figure.years)].filter(Boolean).join(" ") }),
          el("td", { text: figure.area || "" })
        )
      );
      moneyBlock.append(el("div", { class: "table-wrap" },
        el("table", null,
          el("caption", { class: "visually-hidden", text: "Beløb i kortet" }),
          el("thead", null, el("tr", null, el("th", { scope: "col", text: "Som skrevet" }), el("th", { scope: "col", text: "Kroner" }), el("th", { scope: "col", text: "Periode" }), el("th", { scope: "col", text: "Område" }))),
          el("tbody", null, ...rows)
        )
      ));
    } else {
      moneyBlock.append(el("p", { class: "meta", text: "Kortet nævner ingen beløb." }));
    }
    const timelineButton = el("button", { type: "button", class: "button", text: "Vis tidslinje for initiativet" });
    timelineButton.addEventListener("click", () => showTimelineForCard(card.id));
    view.replaceChildren(el("article", { class: "card-view", "aria-labelledby": "card-title" }, heading, facts, timelineButton, ...sections, moneyBlock));
    if (moveFocus !== false) heading.focus();
  } catch (error) {
    view.replaceChildren(el("p", { class: "form-error", role: "alert", text: error.message }));
  }
}

async function showTimelineForCard(cardId) {
  selectTab("timeline", false);
  const initiatives = await ensureInitiatives();
  if (!initiatives) return;
  const initiative = initiatives.find((candidate) => candidate.cards.includes(cardId));
  if (!initiative) {
    $("timeline-status").textContent = "Kortet hører ikke til et initiativ med en tidslinje.";
    return;
  }
  $("timeline-initiative").value = initiative.id;
  await showTimeline(initiative.id);
}

async function showTimeline(initiativeId) {
  selectTab("timeline", false);
  const view = $("timeline-view");
  const status = $("timeline-status");
  if (!initiativeId) { view.textContent = ""; status.textContent = ""; return; }
  status.textContent = "Henter tidslinjen …";
  try {
    const timeline = await api("/api/initiatives/" + encodeURIComponent(initiativeId) + "/timeline");
    status.textContent = plural(timeline.entries.length, "år", "år") + " for " + timeline.title + ".";
    const list = el("ol", { class: "timeline", "aria-label": "Tidslinje: " + timeline.title });
    for (const entry of timeline.entries) {
      const money = entry.money.map((item) => el("li", { text: item.text + (BASES[item.basis] ? " " + BASES[item.basis] : "") + (item.years.length ? " (" + formatYears(item.years) + ")" : "") + (SECTIONS[item.section] ? " – " + SECTIONS[item.section] : "") }));
      list.append(el("li", null,
        el("p", { class: "timeline-year", text: String(entry.year) }),
        el("p", { class: "src-meta", text: entry.documentTitle }),
        el("p", null, el("span", { class: "badge", text: DECISIONS[entry.decision] || entry.decision })),
        entry.quote ? el("blockquote", { text: entry.quote.text }) : el("p", { class: "meta", text: "Kortet angiver ingen beslutning." }),
        money.length ? el("ul", { "aria-label": "Beløb" }, ...money) : null,
        cardLink(entry.cardId, "Vis kortet fra " + entry.year)
      ));
    }
    view.replaceChildren(timelineChanges(timeline), list);
  } catch (error) {
    status.textContent = "";
    view.replaceChildren(el("p", { class: error.status === 404 ? "notice" : "form-error", text: error.status === 404 && error.code !== "initiative_not_found" ? "Tidslinjer er ikke tilgængelige endnu på denne server." : error.message }));
  }
}

function route(event) {
  const hash = decodeURIComponent(location.hash.slice(1));
  // On page load the card is shown without taking the focus; after a navigation it takes it.
  if (hash.startsWith("kort/")) showCard(hash.slice(5), event !== undefined);
  else if (hash.startsWith("tidslinje/")) { $("timeline-initiative").value = hash.slice(10); showTimeline(hash.slice(10)); }
}

// ------------------------------------------------------------------------------------------
// search

async function runSearch(event) {
  event.preventDefault();
  const query = $("search-query").value.trim();
  const status = $("search-status");
  const list = $("search-results");
  if (!query) { status.textContent = "Skriv hvad du søger efter."; $("search-query").focus(); return; }
  const body = { query, limit: 10 };
  const year = $("search-year").value;
  if (year) body.year = Number(year);
  status.textContent = "Søger …";
  list.textContent = "";
  try {
    const result = await api("/api/search", { body });
    status.textContent = result.results.length === 0 ? "Ingen kort matcher søgningen." : plural(result.results.length, "kort fundet", "kort fundet") + ".";
    for (const hit of result.results) {
      const meta = [hit.year, hit.documentTitle, hit.cardNumber ? "nr. " + hit.cardNumber : null, hit.heading].filter(Boolean).join(" · ");
      list.append(el("li", { "data-card-id": hit.cardId },
        el("p", { class: "src-title", text: hit.title }),
        el("p", { class: "src-meta", text: meta }),
        el("blockquote", { text: truncate(hit.quote, 320) }),
        cardLink(hit.cardId, "Vis kortet: " + hit.title + " (" + hit.year + ")")
      ));
    }
  } catch (error) {
    status.textContent = error.message;
  }
}

// ------------------------------------------------------------------------------------------
// draft pane

const draftState = { draft: null, text: "", validation: null, initiativeId: null, stale: false, headings: [] };

/** Shows a draft (from the form, a revision or the chat) with its figures marked. */
function showDraft(draft) {
  // A revision of edited text comes back as one section: keep the headings the draft had.
  const sameDraft = draftState.draft && draftState.draft.id === draft.id;
  const headings = (draft.sections || []).map((section) => section.heading).filter(Boolean);
  draftState.headings = sameDraft ? [...new Set([...draftState.headings, ...headings])] : headings;
  draftState.draft = draft;
  draftState.text = draft.text;
  $("draft-form-box").open = false;
  draftState.validation = draft.validation;
  draftState.initiativeId = (draft.allocation && draft.allocation.cardId) || (draft.input && draft.input.initiativeId) || draftState.initiativeId;
  $("draft-title").textContent = draft.title;
  const meta = ["Version " + draft.version, draft.model === "offline" ? "skrevet uden sprogmodel" : draft.model === "manual" ? "redigeret af dig" : "model: " + draft.model];
  if (draft.decision) meta.push(DECISIONS[draft.decision] || draft.decision);
  $("draft-meta").textContent = meta.join(" · ");
  const base = "/api/drafts/" + encodeURIComponent(draft.id) + "/export?version=" + draft.version + "&format=";
  setExport(base);
  renderDraft();
  if (draft.sources) {
    showSources(draft.sources, "Kilder brugt i udkastet \u201d" + draft.title + "\u201d:");
  }
  rememberDraft(draft);
}

/** Shows a text checked with /api/validate (no stored draft): no export. */
function showValidation(text, result, initiativeId) {
  draftState.draft = null;
  draftState.headings = [];
  draftState.text = text;
  draftState.validation = result;
  draftState.initiativeId = initiativeId;
  $("draft-form-box").open = false;
  $("draft-title").textContent = "Tjekket tekst";
  $("draft-meta").textContent = initiativeId ? "Tjekket mod bevillingsdata for " + initiativeId : "";
  setExport(null);
  renderDraft();
}

function setExport(base) {
  for (const [id, format] of [["export-docx", "docx"], ["export-md", "md"]]) {
    const link = $(id);
    if (base) {
      link.href = base + format;
      link.removeAttribute("aria-disabled");
      link.removeAttribute("tabindex");
    } else {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
    }
  }
}

function statusOf(validation) {
  const errors = validation.issues.filter((issue) => issue.severity === "error").length ||
    validation.figures.filter((figure) => figure.status === "error").length;
  const warnings = validation.issues.filter((issue) => issue.severity === "warning").length;
  return { errors, warnings };
}

function renderBanner() {
  const banner = $("draft-status");
  if (draftState.stale) {
    banner.className = "banner banner-stale";
    banner.textContent = "Teksten er ændret – vælg \u201dTjek tal\u201d for at kontrollere beløbene igen.";
    return;
  }
  const { errors, warnings } = statusOf(draftState.validation);
  if (errors > 0) {
    banner.className = "banner banner-error";
    banner.textContent = "✗ " + plural(errors, "fejl", "fejl") + (warnings ? " og " + plural(warnings, "advarsel", "advarsler") : "");
  } else if (warnings > 0) {
    banner.className = "banner banner-warn";
    banner.textContent = "Ingen fejl i beløbene, men " + plural(warnings, "advarsel", "advarsler");
  } else {
    banner.className = "banner banner-ok";
    banner.textContent = "✓ Alle tal passer";
  }
}

let figureCounter = 0;

function renderDraft() {
  $("draft-empty").hidden = true;
  $("draft-view").hidden = false;
  const text = draftState.text;
  const validation = draftState.validation;
  const container = $("draft-text");
  container.textContent = "";

  // Segments: section headings ("Økonomi/ressourcer:") and money figures, in order, not overlapping.
  const segments = [];
  for (const heading of draftState.headings) {
    const pattern = heading + ":";
    let at = text.indexOf(pattern);
    while (at > 0 && text[at - 1] !== "\n") at = text.indexOf(pattern, at + 1);
    if (at >= 0) segments.push({ start: at, end: at + pattern.length, kind: "heading" });
  }
  const money = validation.figures.filter((figure) => figure.kind === "money" && figure.end <= text.length);
  for (const figure of money) segments.push({ start: figure.start, end: figure.end, kind: "figure", figure });
  segments.sort((a, b) => a.start - b.start);

  let cursor = 0;
  const attached = new Set();
  for (const segment of segments) {
    if (segment.start < cursor) continue;
    if (segment.start > cursor) container.append(document.createTextNode(text.slice(cursor, segment.start)));
    const slice = text.slice(segment.start, segment.end);
    if (segment.kind === "heading") {
      container.append(el("strong", { class: "heading", text: slice }));
    } else {
      const figure = segment.figure;
      const related = validation.issues.filter((issue) => issue.start < figure.end && issue.end > figure.start);
      related.forEach((issue) => attached.add(issue));
      container.append(figureNode(figure, slice, related));
    }
    cursor = segment.end;
  }
  if (cursor < text.length) container.append(document.createTextNode(text.slice(cursor)));

  // Issues that no figure carries (a line the text never mentions, a decision conflict, …).
  const rest = validation.issues.filter((issue) => !attached.has(issue));
  const list = $("draft-issue-list");
  list.textContent = "";
  for (const issue of rest) {
    const label = issue.severity === "error" ? "Fejl" : issue.severity === "warning" ? "Advarsel" : "Bemærk";
    list.append(el("li", null, el("span", { class: "sev sev-" + issue.severity, text: label + ": " }), issue.message));
  }
  $("draft-issues").hidden = rest.length === 0;
  renderBanner();
}

function figureNode(figure, written, issues) {
  const status = figure.status === "ok" ? "ok" : figure.status === "warning" ? "warning" : "error";
  const id = "figur-" + ++figureCounter;
  const messages = [];
  if (figure.reason) messages.push(figure.reason);
  for (const issue of issues) if (!messages.some((message) => message.includes(issue.message) || issue.message.includes(message))) messages.push(issue.message);
  if (messages.length === 0) messages.push(status === "ok" ? "Passer med bevillingen." : "Beløbet kunne ikke kontrolleres.");
  const spoken = status === "ok" ? "passer" : status === "warning" ? "advarsel" : "fejl";
  const icon = status === "ok" ? "✓" : status === "warning" ? "!" : "✗";
  const mark = el("mark", { class: "fig fig-" + status, tabindex: "0", "data-status": status, "aria-describedby": id },
    written,
    el("span", { class: "fig-icon", "aria-hidden": "true", text: icon }),
    el("span", { class: "visually-hidden", text: " (" + spoken + ")" })
  );
  const tip = el("span", { class: "fig-tip", role: "tooltip", id, text: messages.join(" ") });
  const wrap = el("span", { class: "fig-wrap fig-wrap-" + status }, mark, tip);
  mark.addEventListener("keydown", (event) => { if (event.key === "Escape") wrap.classList.add("tip-dismissed"); });
  mark.addEventListener("focus", () => placeTip(wrap));
  wrap.addEventListener("mouseenter", () => placeTip(wrap));
  mark.addEventListener("blur", () => wrap.classList.remove("tip-dismissed"));
  return wrap;
}

/** Keeps a shown tooltip inside its scrolling pane: above the figure near the bottom, leftwards near the right edge. */
function placeTip(wrap) {
  wrap.classList.remove("tip-above", "tip-left");
  const tip = wrap.querySelector(".fig-tip");
  const rect = tip.getBoundingClientRect();
  if (rect.height === 0) return;
  const pane = wrap.closest(".pane");
  const scrolls = pane && getComputedStyle(pane).overflowY !== "visible";
  const box = scrolls ? pane.getBoundingClientRect() : { top: 0, bottom: window.innerHeight, right: document.documentElement.clientWidth };
  const markRect = wrap.firstChild.getBoundingClientRect();
  if (rect.bottom > box.bottom && markRect.top - box.top > rect.height + 8) wrap.classList.add("tip-above");
  if (rect.right > box.right - 4) wrap.classList.add("tip-left");
}

function startEditing() {
  $("draft-edit").value = draftState.text;
  $("draft-editor").hidden = false;
  $("draft-text").hidden = true;
  $("draft-text-help").hidden = true;
  $("draft-edit-button").hidden = true;
  $("draft-check").hidden = false;
  $("draft-cancel").hidden = false;
  $("draft-edit").focus();
}

function stopEditing() {
  $("draft-editor").hidden = true;
  $("draft-text").hidden = false;
  $("draft-text-help").hidden = false;
  $("draft-edit-button").hidden = false;
  $("draft-check").hidden = true;
  $("draft-cancel").hidden = true;
  draftState.stale = false;
  renderBanner();
}

async function checkFigures() {
  const text = $("draft-edit").value;
  const errorBox = $("draft-error");
  errorBox.hidden = true;
  const button = $("draft-check");
  button.disabled = true;
  button.textContent = "Tjekker …";
  try {
    if (draftState.draft) {
      const draft = await api("/api/drafts/" + encodeURIComponent(draftState.draft.id) + "/revisions", { body: { text } });
      stopEditing();
      showDraft(draft);
    } else if (draftState.initiativeId) {
      const result = await api("/api/validate", { body: { text, initiativeId: draftState.initiativeId } });
      stopEditing();
      showValidation(text, result, draftState.initiativeId);
    }
    const first = document.querySelector("#draft-text .fig-error, #draft-text .fig-warning");
    (first || $("draft-status")).focus();
  } catch (error) {
    errorBox.textContent = error.message;
    errorBox.hidden = false;
  } finally {
    button.disabled = false;
    button.textContent = "Tjek tal";
  }
}

async function loadAllocations() {
  const select = $("draft-initiative");
  try {
    const body = await api("/api/allocations");
    const selected = select.value;
    select.textContent = "";
    select.append(el("option", { value: "", text: "Vælg initiativ" }));
    for (const entry of body.allocations) {
      const number = entry.id.match(/(\d+)$/);
      select.append(el("option", { value: entry.id, text: (number ? "Nr. " + Number(number[1]) + " – " : "") + entry.allocation.initiative }));
    }
    if (body.allocations.length === 0) select.firstChild.textContent = "Ingen bevillingsdata fundet";
    if (selected && body.allocations.some((entry) => entry.id === selected)) select.value = selected;
  } catch (error) {
    select.textContent = "";
    select.append(el("option", { value: "", text: "Initiativerne kunne ikke hentes" }));
    showFormError(error.message);
  }
}

function showFormError(message) {
  const box = $("draft-form-error");
  box.textContent = message;
  box.hidden = !message;
}

async function submitDraft(event) {
  event.preventDefault();
  showFormError("");
  const initiativeId = $("draft-initiative").value;
  if (!initiativeId) { showFormError("Vælg et initiativ."); $("draft-initiative").focus(); return; }
  const notes = $("draft-notes").value.split("\n").map((line) => line.trim()).filter(Boolean);
  const body = { initiativeId, decision: $("draft-decision").value };
  if (notes.length) body.notes = notes;
  $("draft-submit").disabled = true;
  $("draft-busy").hidden = false;
  try {
    const draft = await api("/api/drafts/assessment", { body });
    if (!$("draft-editor").hidden) stopEditing();
    showDraft(draft);
    $("draft-title").setAttribute("tabindex", "-1");
    $("draft-title").focus();
  } catch (error) {
    showFormError(error.message);
  } finally {
    $("draft-submit").disabled = false;
    $("draft-busy").hidden = true;
  }
}

async function loadDraftById(id) {
  try {
    const body = await api("/api/drafts/" + encodeURIComponent(id));
    showDraft(body.draft);
  } catch (error) {
    // A draft that is gone is not worth an error on reload.
  }
}

// ------------------------------------------------------------------------------------------
// drafts: the list (mine / all, by initiative), the open draft kept over a reload, versions,
// comparing two versions side by side, restoring an earlier one

const OPEN_DRAFT_KEY = "bilagsassistent.openDraft";
const MY_DRAFTS_KEY = "bilagsassistent.myDrafts";

function myDraftIds() {
  try { return JSON.parse(localStorage.getItem(MY_DRAFTS_KEY) || "[]"); } catch { return []; }
}

function rememberDraft(draft) {
  localStorage.setItem(OPEN_DRAFT_KEY, draft.id);
  const mine = myDraftIds();
  if (!mine.includes(draft.id)) localStorage.setItem(MY_DRAFTS_KEY, JSON.stringify([...mine, draft.id]));
  loadDraftList();
  renderVersions(draft);
}

async function loadDraftList() {
  let drafts = [];
  try { drafts = (await api("/api/drafts")).drafts || []; } catch { return; }
  const mine = myDraftIds();
  const shown = $("drafts-filter").value === "all" ? drafts : drafts.filter((draft) => mine.includes(draft.id));
  const list = $("drafts-list");
  list.replaceChildren();
  if (shown.length === 0) { list.append(el("p", { class: "meta" }, "Ingen udkast endnu.")); return; }
  const byTitle = new Map();
  for (const draft of shown) byTitle.set(draft.title, [...(byTitle.get(draft.title) || []), draft]);
  for (const [title, items] of [...byTitle.entries()].sort((a, b) => a[0].localeCompare(b[0], "da"))) {
    const group = el("ul", { class: "drafts-group" });
    for (const draft of items) {
      const label = (draft.kind === "budget_note" ? "Budgetnotat" : "Vurdering") + ", version " + draft.version + " · " + (draft.status === "clean" ? "uden fejl" : "markeret") + " · " + new Date(draft.createdAt).toLocaleString("da-DK");
      const button = el("button", { type: "button", class: "link-button", "data-draft-id": draft.id }, label);
      button.addEventListener("click", () => loadDraftById(draft.id));
      group.append(el("li", {}, button));
    }
    list.append(el("h4", {}, title), group);
  }
}

async function renderVersions(draft) {
  const list = $("draft-versions");
  let versions = [];
  try { versions = (await api("/api/drafts/" + encodeURIComponent(draft.id))).versions || []; } catch { return; }
  list.replaceChildren();
  for (const version of versions) {
    const box = el("input", { type: "checkbox", class: "compare-pick", value: String(version.version), "aria-label": "Vælg version " + version.version + " til sammenligning" });
    const item = el("li", {}, box, " Version " + version.version + " · " + (version.model === "manual" ? "redigeret" : version.model) + " · " + (version.status === "clean" ? "uden fejl" : "markeret") + " ");
    if (version.version !== draft.version) {
      const restore = el("button", { type: "button", class: "button button-quiet", "data-restore": String(version.version) }, "Gendan version " + version.version);
      restore.addEventListener("click", () => restoreVersion(draft.id, version.version));
      item.append(restore);
    }
    list.append(item);
  }
}

/** The words of two texts with the differences marked: a longest common subsequence over words. */
function diffWords(left, right) {
  const a = left.split(/(\s+)/u);
  const b = right.split(/(\s+)/u);
  const cols = b.length + 1;
  const table = new Array((a.length + 1) * cols).fill(0);
  for (let i = a.length - 1; i >= 0; i -= 1)
    for (let j = b.length - 1; j >= 0; j -= 1)
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1] + 1 : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
  const leftNodes = [];
  const rightNodes = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      leftNodes.push(document.createTextNode(a[i]));
      rightNodes.push(document.createTextNode(b[j]));
      i += 1;
      j += 1;
    } else if (j < b.length && (i >= a.length || table[i * cols + j + 1] >= table[(i + 1) * cols + j])) {
      rightNodes.push(el("ins", {}, b[j]));
      j += 1;
    } else {
      leftNodes.push(el("del", {}, a[i]));
      i += 1;
    }
  }
  return { leftNodes, rightNodes };
}

async function compareVersions() {
  const draft = draftState.draft;
  if (!draft) return;
  const picked = [...document.querySelectorAll(".compare-pick:checked")].map((box) => Number(box.value)).sort((x, y) => x - y);
  if (picked.length !== 2) {
    $("draft-error").textContent = "Vælg præcis to versioner at sammenligne.";
    $("draft-error").hidden = false;
    return;
  }
  $("draft-error").hidden = true;
  const [older, newer] = await Promise.all(picked.map((version) => api("/api/drafts/" + encodeURIComponent(draft.id) + "?version=" + version)));
  const { leftNodes, rightNodes } = diffWords(older.draft.text, newer.draft.text);
  $("compare-left-title").textContent = "Version " + picked[0];
  $("compare-right-title").textContent = "Version " + picked[1];
  $("compare-left").replaceChildren(...leftNodes);
  $("compare-right").replaceChildren(...rightNodes);
  $("draft-compare").hidden = false;
}

async function restoreVersion(id, version) {
  try {
    const old = await api("/api/drafts/" + encodeURIComponent(id) + "?version=" + version);
    const restored = await api("/api/drafts/" + encodeURIComponent(id) + "/revisions", { body: { text: old.draft.text } });
    showDraft(restored);
  } catch (error) {
    $("draft-error").textContent = error.message;
    $("draft-error").hidden = false;
  }
}

function startDrafts() {
  $("drafts-filter").addEventListener("change", loadDraftList);
  $("draft-compare-button").addEventListener("click", compareVersions);
  loadDraftList();
  const open = localStorage.getItem(OPEN_DRAFT_KEY);
  if (open) loadDraftById(open);
}

// ------------------------------------------------------------------------------------------
// budget notes: the form posts to /api/drafts/budget-note; the drafted note opens in the draft pane

const BUDGET_AREAS = [["service", "Service"], ["indsats", "Indsats"], ["overførsler", "Overførsler"], ["anlæg", "Anlæg"]];
const BUDGET_YEARS = 4;

function budgetYears() {
  const first = Number($("budget-first-year").value);
  return Array.from({ length: BUDGET_YEARS }, (_, index) => first + index);
}

function renderBudgetYearHeads() {
  const first = Number($("budget-first-year").value);
  const heads = document.querySelectorAll("#budget-form th.budget-year");
  heads.forEach((head, index) => { head.textContent = Number.isInteger(first) && first > 1900 ? String(first + index) : "År " + (index + 1); });
  for (const row of document.querySelectorAll("#budget-lines tr")) {
    row.querySelectorAll(".budget-amount").forEach((input, index) => {
      input.setAttribute("aria-label", "Beløb " + (Number.isInteger(first) && first > 1900 ? first + index : "år " + (index + 1)) + ", linje " + row.getAttribute("data-line"));
    });
  }
}

let budgetLineCounter = 0;
function addBudgetLine() {
  const number = ++budgetLineCounter;
  const area = el("select", { class: "budget-area", "aria-label": "Styringsområde, linje " + number });
  for (const [value, label] of BUDGET_AREAS) area.append(el("option", { value, text: label }));
  const cells = [
    el("td", {}, el("input", { type: "text", class: "budget-label", "aria-label": "Aktivitet, linje " + number })),
    el("td", {}, area),
    el("td", {}, el("input", { type: "text", class: "budget-recipient", "aria-label": "Modtager, linje " + number }))
  ];
  for (let index = 0; index < BUDGET_YEARS; index += 1) {
    cells.push(el("td", {}, el("input", { type: "text", inputmode: "decimal", class: "budget-amount" })));
  }
  $("budget-lines").append(el("tr", { "data-line": String(number) }, ...cells));
  renderBudgetYearHeads();
}

/** A number as the form's amount field takes it: "1,5", "400.000", "2". Undefined for anything else. */
function readFormNumber(text) {
  const written = text.trim();
  if (!/^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/.test(written)) return undefined;
  return Number(written.replace(/\./g, "").replace(",", "."));
}

function showBudgetError(message, field) {
  const box = $("budget-form-error");
  box.textContent = message;
  box.hidden = !message;
  if (field) field.focus();
}

/** The request body from the form, or a message naming the first field that is missing or wrong. */
function budgetRequest() {
  const title = $("budget-title").value.trim();
  if (!title) return { error: "Skriv budgetnotatets titel.", field: $("budget-title") };
  const purpose = $("budget-purpose").value.split("\n").map((line) => line.trim()).filter(Boolean);
  if (purpose.length === 0) return { error: "Skriv mindst én pointe om, hvad pengene skal bruges til.", field: $("budget-purpose") };
  const priceLevel = Number($("budget-price-level").value);
  if (!Number.isInteger(priceLevel) || priceLevel < 1990 || priceLevel > 2100) return { error: "Skriv pris- og lønniveauet som et år, fx 2027.", field: $("budget-price-level") };
  const committee = $("budget-committee").value.trim();
  if (!committee) return { error: "Skriv udvalget, fx BIU.", field: $("budget-committee") };
  const appropriation = $("budget-appropriation").value.trim();
  if (!/^\d{2}\.?\d{2}$/.test(appropriation)) return { error: "Skriv bevillingen som fire cifre, fx 35.10.", field: $("budget-appropriation") };
  const first = Number($("budget-first-year").value);
  if (!Number.isInteger(first) || first < 1990 || first > 2097) return { error: "Skriv det første budgetår, fx 2027.", field: $("budget-first-year") };
  const factor = Number($("budget-unit").value);
  const years = budgetYears();
  const lines = [];
  for (const row of document.querySelectorAll("#budget-lines tr")) {
    const number = row.getAttribute("data-line");
    const labelInput = row.querySelector(".budget-label");
    const amounts = {};
    const inputs = [...row.querySelectorAll(".budget-amount")];
    for (let index = 0; index < inputs.length; index += 1) {
      const written = inputs[index].value.trim();
      if (!written) continue;
      const value = readFormNumber(written);
      if (value === undefined) return { error: "Linje " + number + ", " + years[index] + ": skriv beløbet som et tal, fx 1,5 eller 400.000.", field: inputs[index] };
      amounts[String(years[index])] = Math.round(value * factor);
    }
    const label = labelInput.value.trim();
    if (!label && Object.keys(amounts).length === 0) continue;
    if (!label) return { error: "Linje " + number + ": skriv aktiviteten.", field: labelInput };
    if (Object.keys(amounts).length === 0) return { error: "Linje " + number + ": skriv beløbet for mindst ét år.", field: inputs[0] };
    const line = { label, area: row.querySelector(".budget-area").value, amounts };
    const recipient = row.querySelector(".budget-recipient").value.trim();
    if (recipient) line.recipient = recipient;
    lines.push(line);
  }
  if (lines.length === 0) return { error: "Skriv mindst én linje med aktivitet og beløb.", field: document.querySelector("#budget-lines .budget-label") };
  const body = { title, purpose, priceLevel, committee, appropriation, lines };
  const effect = {
    målgruppe: $("budget-effect-target").value.trim(),
    indsats: $("budget-effect-action").value.trim(),
    målsætning: $("budget-effect-goal").value.trim(),
    opfølgning: $("budget-effect-followup").value.trim()
  };
  if (Object.values(effect).some(Boolean)) body.effects = [effect];
  return { body };
}

async function submitBudgetNote(event) {
  event.preventDefault();
  showBudgetError("");
  const request = budgetRequest();
  if (request.error) { showBudgetError(request.error, request.field); return; }
  $("budget-submit").disabled = true;
  $("budget-busy").hidden = false;
  try {
    const draft = await api("/api/drafts/budget-note", { body: request.body });
    if (!$("draft-editor").hidden) stopEditing();
    $("budget-form-box").open = false;
    showDraft(draft);
    $("draft-title").setAttribute("tabindex", "-1");
    $("draft-title").focus();
  } catch (error) {
    showBudgetError(error.message);
  } finally {
    $("budget-submit").disabled = false;
    $("budget-busy").hidden = true;
  }
}

function startBudgetNotes() {
  $("budget-form").addEventListener("submit", submitBudgetNote);
  $("budget-add-line").addEventListener("click", addBudgetLine);
  $("budget-first-year").addEventListener("input", renderBudgetYearHeads);
  addBudgetLine();
}

// ------------------------------------------------------------------------------------------
// chat: POST /api/chat (server-sent events); falls back to POST /api/ask, then /api/search

let chatMode = "chat";
let chatBusy = false;

function addMessage(role, text) {
  $("chat-intro").hidden = true;
  const textNode = el("p", { class: "msg-text", text: text || "" });
  const node = el("div", { class: "msg msg-" + role },
    el("p", { class: "msg-who", text: role === "user" ? "Du" : "Bilagsassistent" }),
    textNode
  );
  $("chat-log").append(node);
  scrollChat();
  return { node, textNode };
}

function addChatError(message) {
  $("chat-intro").hidden = true;
  const node = el("div", { class: "msg msg-error", role: "alert" }, el("p", { class: "msg-who", text: "Fejl" }), el("p", { class: "msg-text", text: message }));
  $("chat-log").append(node);
  scrollChat();
}

function scrollChat() {
  const log = $("chat-log");
  log.scrollTop = log.scrollHeight;
}

/** Turns "[1]" in an answer into links to the source; lists the citations under it. */
function renderAnswer(message, text, citations) {
  const refs = new Map((citations || []).map((citation, index) => [String(citation.id !== undefined ? citation.id : index + 1), citation]));
  message.textNode.textContent = "";
  const parts = text.split(/(\[\d+\]|\/api\/drafts\/[^\s]+\/export\?format=(?:docx|md))/);
  for (const part of parts) {
    const match = part.match(/^\[(\d+)\]$/);
    if (part.startsWith("/api/drafts/")) {
      const format = part.endsWith("docx") ? "Word (.docx)" : "Markdown (.md)";
      message.textNode.append(el("a", { href: part, download: true, text: "Hent " + format }));
    } else if (match && refs.has(match[1])) {
      const ref = match[1];
      const citation = refs.get(ref);
      message.textNode.append(el("a", { href: "#kilde-" + ref, class: "cite-ref", "aria-label": "Kilde " + ref + ": " + citation.title + " (" + citation.year + ")", text: "[" + ref + "]", onclick: (event) => { event.preventDefault(); focusSource(ref); } }));
    } else if (part) {
      message.textNode.append(document.createTextNode(part));
    }
  }
  if (citations && citations.length) {
    const list = el("ul", { class: "msg-cites", "aria-label": "Kilder til svaret" });
    citations.forEach((citation, index) => {
      const ref = citation.id !== undefined ? citation.id : index + 1;
      list.append(el("li", null, "[" + ref + "] ", cardLink(citation.cardId, citation.title + " (" + citation.year + ")")));
    });
    const old = message.node.querySelector(".msg-cites");
    if (old) old.replaceWith(list); else message.node.append(list);
  }
}

function citationsToSources(citations) {
  return citations.map((citation, index) => ({ ...citation, ref: citation.id !== undefined ? citation.id : index + 1 }));
}

function parseEvents(buffer, onEvent) {
  // Returns the unparsed rest. Frames end with a blank line.
  const frames = buffer.split(/\r?\n\r?\n/);
  const rest = frames.pop();
  for (const frame of frames) {
    let name = "message";
    const data = [];
    for (const line of frame.split(/\r?\n/)) {
      if (line.startsWith("event:")) name = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length === 0) continue;
    let payload;
    try { payload = JSON.parse(data.join("\n")); } catch { payload = { text: data.join("\n") }; }
    onEvent(name, payload);
  }
  return rest;
}

async function sendChat(text) {
  const conversationId = localStorage.getItem(CONVERSATION_KEY);
  const body = { message: text };
  if (conversationId) body.conversationId = conversationId;
  if (draftState.draft) body.draftId = draftState.draft.id;
  let response;
  try {
    response = await authFetch("/api/chat", { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "network", "");
  }
  if (response.status === 404 || response.status === 405) {
    const envelope = await response.json().catch(() => null);
    if (!envelope || !envelope.error || envelope.error.code === "not_found") return false;
    if (envelope.error.code === "conversation_not_found") {
      localStorage.removeItem(CONVERSATION_KEY);
      return sendChat(text);
    }
    throw new ApiError(response.status, envelope.error.code, envelope.error.message);
  }
  if (!response.ok || !response.body) {
    const envelope = await response.json().catch(() => null);
    const error = envelope && envelope.error ? envelope.error : {};
    throw new ApiError(response.status, error.code || "http_" + response.status, error.message || "");
  }
  const message = addMessage("assistant", "");
  message.node.setAttribute("aria-busy", "true");
  let answer = "";
  let citations = [];
  let failed = false;
  let sourcesShown = false;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const handle = (name, data) => {
    if (name === "conversation" && data.conversationId) localStorage.setItem(CONVERSATION_KEY, data.conversationId);
    else if (name === "delta") { answer += data.text || ""; message.textNode.textContent = answer; scrollChat(); }
    else if (name === "sentence" && data.ok === false) flagStreamedSentence(message, data);
    else if (name === "final") { answer = data.text || ""; message.textNode.textContent = answer; }
    else if (name === "citations") {
      citations = data.citations || [];
      sourcesShown = true;
      showSources(citationsToSources(citations), "Kilder til svaret:");
    } else if (name === "draft" && data.draft) { sourcesShown = true; showDraft(data.draft); }
    else if (name === "validation" && data.result) showValidation(data.text, data.result, data.initiativeId);
    else if (name === "error") { failed = true; addChatError(danishChatError(data)); }
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), handle);
  }
  parseEvents(buffer + decoder.decode() + "\n\n", handle);
  message.node.removeAttribute("aria-busy");
  if (!sourcesShown && !failed) clearSources();
  if (answer) renderAnswer(message, answer, citations || []);
  else if (!failed) message.textNode.textContent = "(Intet svar.)";
  else message.node.remove();
  scrollChat();
  return true;
}

/* Streaming: a sentence whose citation or money figure failed its check is marked while the answer is still coming. */
function flagStreamedSentence(message, data) {
  const why = data.reason === "unverified_figure" ? "beløbet står ikke i de citerede kilder" : "sætningen har ingen gyldig kildehenvisning";
  message.node.classList.add("msg-flagged");
  message.node.append(el("p", { class: "msg-note msg-flag", role: "status", text: "Ikke verificeret (" + why + "): " + (data.text || "") }));
  scrollChat();
}

function danishChatError(data) {
  const code = data && data.code;
  if (code === "model_unavailable" || code === "model_error" || code === "model_timeout") return "Sprogmodellen svarede ikke. Prøv igen om lidt.";
  if (code === "bad_request" || code === "invalid_request") return "Beskeden kunne ikke behandles." + (data.message ? " (" + data.message + ")" : "");
  return "Der skete en fejl under svaret." + (data && data.message ? " (" + data.message + ")" : "");
}

async function sendAsk(text) {
  let result;
  try {
    result = await api("/api/ask", { body: { question: text } });
  } catch (error) {
    if (error.status === 404 && error.code === "not_found") return false;
    throw error;
  }
  const message = addMessage("assistant", "");
  renderAnswer(message, result.answer, result.citations);
  if (result.warnings && result.warnings.length) message.node.append(el("p", { class: "msg-note", text: result.warnings.join(" ") }));
  if (result.notFound || result.citations.length === 0) clearSources("Materialet svarer ikke på spørgsmålet.");
  else showSources(citationsToSources(result.citations), "Kilder til svaret:");
  return true;
}

async function sendSearchAsAnswer(text) {
  const result = await api("/api/search", { body: { query: text, limit: 5 } });
  const citations = result.results.map((hit, index) => ({ id: index + 1, cardId: hit.cardId, title: hit.title, year: hit.year, documentTitle: hit.documentTitle, section: hit.section, quote: hit.quote }));
  const message = addMessage("assistant", "");
  const intro = citations.length === 0 ? "Jeg fandt intet i materialet om det." : "Spørgefunktionen er ikke tilgængelig endnu. De mest relevante steder i materialet: " + citations.map((citation) => "[" + citation.id + "]").join(" ");
  renderAnswer(message, intro, citations);
  showSources(citationsToSources(citations), "Søgeresultater:");
  return true;
}

async function submitChat(event) {
  if (event) event.preventDefault();
  if (chatBusy) return;
  const input = $("chat-input");
  const text = input.value.trim();
  if (!text) { input.focus(); return; }
  chatBusy = true;
  $("chat-send").disabled = true;
  $("chat-busy").hidden = false;
  addMessage("user", text);
  input.value = "";
  try {
    let handled = false;
    if (chatMode === "chat") { handled = await sendChat(text); if (!handled) chatMode = "ask"; }
    if (!handled && chatMode === "ask") { handled = await sendAsk(text); if (!handled) chatMode = "search"; }
    if (!handled) await sendSearchAsAnswer(text);
  } catch (error) {
    addChatError(error.message || "Der skete en fejl.");
  } finally {
    chatBusy = false;
    $("chat-send").disabled = false;
    $("chat-busy").hidden = true;
    input.focus();
  }
}

async function restoreConversation() {
  const id = localStorage.getItem(CONVERSATION_KEY);
  if (!id) return;
  try {
    const conversation = await api("/api/conversations/" + encodeURIComponent(id));
    let lastDraft = null;
    let lastValidation = null;
    let lastCitations = null;
    for (const item of conversation.messages) {
      const message = addMessage(item.role === "user" ? "user" : "assistant", item.text);
      if (item.role !== "user") renderAnswer(message, item.text, item.citations || []);
      if (item.citations && item.citations.length) lastCitations = item.citations;
      if (item.draftId) { lastDraft = item.draftId; lastValidation = null; }
      if (item.validation) { lastValidation = item.validation; lastDraft = null; }
    }
    scrollChat();
    if (lastCitations) showSources(citationsToSources(lastCitations), "Kilder til det seneste svar:");
    if (lastDraft) await loadDraftById(lastDraft);
    else if (lastValidation) showValidation(lastValidation.text, lastValidation.result, lastValidation.initiativeId);
  } catch (error) {
    if (error.status === 404) localStorage.removeItem(CONVERSATION_KEY);
  }
}

function newConversation() {
  localStorage.removeItem(CONVERSATION_KEY);
  const log = $("chat-log");
  for (const node of [...log.querySelectorAll(".msg")]) node.remove();
  $("chat-intro").hidden = false;
  $("chat-input").focus();
}

// ------------------------------------------------------------------------------------------
// uploads: POST /api/documents?stream=1 (progress events) and POST /api/allocations/import

const UPLOAD_STAGES = {
  received: "Filen er modtaget",
  extract: "Læser teksten",
  ocr: "Tekstgenkendelse (OCR)",
  index: "Indekserer kortene",
  done: "Færdig"
};
const UPLOAD_STATUS = { added: "tilføjet", replaced: "erstattet", unchanged: "uændret" };
const DOCUMENT_TYPES = [".pdf", ".docx", ".txt"];
const SHEET_TYPES = [".xlsx", ".csv"];

function hasType(name, types) {
  const lower = String(name).toLowerCase();
  return types.some((type) => lower.endsWith(type));
}

/** A Danish headline for a refused upload; the server's message (file, page or cell, reason) below it. */
function uploadErrorNode(status, envelope, fallbackFile) {
  const error = envelope && envelope.error ? envelope.error : {};
  let headline;
  if (status === 0) headline = "Kunne ikke få forbindelse til serveren. Tjek netværket og prøv igen.";
  else if (status === 401) headline = "Du er ikke logget ind, eller dit login er udløbet.";
  else if (status === 403) headline = "Du har ikke adgang til at indlæse filer.";
  else if (status === 404) headline = "Serveren tager ikke imod filer (indlæsning er ikke slået til).";
  else if (status === 413 || error.code === "file_too_large" || error.code === "body_too_large") headline = "Filen er for stor.";
  else if (error.code === "file_empty") headline = "Filen er tom.";
  else if (error.code === "internal_error" || status >= 500) headline = "Der skete en fejl på serveren under indlæsningen.";
  else headline = "Filen blev ikke indlæst.";
  const details = error.details || {};
  const file = details.file || fallbackFile;
  const nodes = [el("p", { class: "upload-headline", text: headline })];
  if (file) nodes.push(el("p", { class: "upload-detail" }, el("span", { class: "upload-term", text: "Fil: " }), file));
  if (error.message) nodes.push(el("p", { class: "upload-detail" }, el("span", { class: "upload-term", text: "Årsag: " }), error.message));
  const replace = replaceDocumentButton(error.code);
  if (replace) nodes.push(replace);
  return nodes;
}

// replacing a stored document: a 409 document_exists or replace_drops_cards offers to send the
// same file again with ?replace=true (and then &confirm=true); drafts are kept either way.
function replaceDocumentButton(code) {
  if (code !== "document_exists" && code !== "replace_drops_cards") return null;
  const flags = code === "document_exists" ? "&replace=true" : "&replace=true&confirm=true";
  const button = el("button", {
    type: "button",
    id: "upload-document-replace",
    text: code === "document_exists" ? "Erstat det gemte dokument" : "Erstat alligevel (udkastene beholdes)",
  });
  button.addEventListener("click", () => uploadDocument({ preventDefault() {}, replaceFlags: flags }));
  return el("p", {}, button);
}

function showUploadError(prefix, nodes) {
  const box = $(prefix + "-error");
  box.replaceChildren(...nodes);
  box.hidden = nodes.length === 0;
}

async function readJson(response) {
  return (response.headers.get("content-type") || "").includes("json") ? response.json().catch(() => null) : null;
}

function setDocumentProgress(stage, done, total) {
  const bar = $("upload-document-progress");
  const label = UPLOAD_STAGES[stage] || stage;
  if (stage === "done") { bar.max = 1; bar.value = 1; }
  else if (stage === "received") { bar.max = 1; bar.value = 0.1; }
  else if (total > 0) { bar.max = total; bar.value = Math.min(done, total); }
  else bar.removeAttribute("value");
  const count = total > 1 && stage !== "received" && stage !== "done" ? " (" + done + " af " + total + ")" : "";
  $("upload-document-stage").textContent = label + count;
  bar.setAttribute("aria-valuetext", label + count);
}

function documentSummary(body) {
  const summary = body.summary || {};
  const nodes = [];
  const files = (summary.files || []).filter((file) => file.status !== "failed");
  const unchanged = files.length > 0 && files.every((file) => file.status === "unchanged");
  nodes.push(el("p", { class: "upload-headline upload-ok", text: unchanged ? "Dokumentet er indlæst: uændret (det samme indhold findes allerede)." : "Dokumentet er indlæst." }));
  const list = el("ul", { class: "upload-result", "aria-label": "Indlæste dokumenter" });
  for (const file of files) {
    list.append(el("li", null,
      el("strong", { text: file.file }), " – ",
      el("span", { class: "badge", text: UPLOAD_STATUS[file.status] || file.status }), " ",
      "dokument " + file.documentId + ": " + plural(file.cards, "kort", "kort") + ", " + plural(file.figures, "tal", "tal")
    ));
  }
  nodes.push(list);
  const facts = el("dl", { class: "card-facts" });
  facts.append(el("dt", { text: "Dokumenter" }), el("dd", { text: String(summary.documents || 0) }));
  facts.append(el("dt", { text: "Kort" }), el("dd", { text: String(summary.cards || 0) }));
  facts.append(el("dt", { text: "Tal" }), el("dd", { text: String(summary.figures || 0) }));
  if (body.format) facts.append(el("dt", { text: "Format" }), el("dd", { text: body.format === "text" ? "tekst" : body.format === "docx" ? "Word" : body.format.toUpperCase() }));
  if (body.pages && body.pages.length) facts.append(el("dt", { text: "Sider" }), el("dd", { text: String(body.pages.length) }));
  nodes.push(facts);
  if (body.warnings && body.warnings.length) {
    nodes.push(el("p", { class: "upload-term", text: "Bemærkninger:" }), el("ul", { class: "upload-warnings" }, ...body.warnings.map((warning) => el("li", { text: warning }))));
  }
  return nodes;
}

async function uploadDocument(event) {
  event.preventDefault();
  const input = $("upload-document-file");
  const file = input.files && input.files[0];
  const status = $("upload-document-status");
  showUploadError("upload-document", []);
  status.textContent = "";
  if (!file) { showUploadError("upload-document", [el("p", { text: "Vælg en fil først." })]); input.focus(); return; }
  if (!hasType(file.name, DOCUMENT_TYPES)) {
    // The server reads the type from the content; the name only warns here.
    status.append(el("p", { class: "meta", text: "Filnavnet ender ikke på .pdf, .docx eller .txt; serveren afgør typen ud fra indholdet." }));
  }
  const button = $("upload-document-submit");
  button.disabled = true;
  const box = $("upload-document-progress-box");
  box.hidden = false;
  $("upload-document-progress").removeAttribute("value");
  $("upload-document-stage").textContent = "Sender " + file.name + " …";
  status.append(el("p", { class: "meta", text: "Indlæser " + file.name + " …" }));
  const form = new FormData();
  form.append("file", file, file.name);
  let outcome = null;
  try {
    let response;
    try {
      response = await authFetch("/api/documents?stream=1" + (event.replaceFlags || ""), { method: "POST", headers: { accept: "text/event-stream" }, body: form });
    } catch {
      outcome = { error: uploadErrorNode(0, null, file.name) };
    }
    if (response && (!response.ok || !response.body || !(response.headers.get("content-type") || "").includes("event-stream"))) {
      const envelope = await readJson(response);
      if (response.ok && envelope && envelope.summary) outcome = { done: envelope };
      else outcome = { error: uploadErrorNode(response.ok ? 500 : response.status, envelope, file.name) };
    } else if (response) {
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      const handle = (name, data) => {
        if (name === "progress") setDocumentProgress(data.stage, data.done, data.total);
        else if (name === "done") outcome = { done: data };
        else if (name === "error") outcome = { error: uploadErrorNode(400, data, file.name) };
      };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), handle);
      }
      parseEvents(buffer + decoder.decode() + "\n\n", handle);
      if (!outcome) outcome = { error: uploadErrorNode(500, { error: { message: "Forbindelsen blev afbrudt, før serveren var færdig." } }, file.name) };
    }
  } catch {
    outcome = { error: uploadErrorNode(0, null, file.name) };
  } finally {
    button.disabled = false;
  }
  status.textContent = "";
  if (outcome && outcome.done) {
    setDocumentProgress("done", 1, 1);
    status.replaceChildren(...documentSummary(outcome.done));
    input.value = "";
  } else {
    box.hidden = true;
    showUploadError("upload-document", outcome ? outcome.error : []);
  }
}

async function uploadAllocations(event) {
  event.preventDefault();
  const input = $("upload-allocations-file");
  const file = input.files && input.files[0];
  const status = $("upload-allocations-status");
  showUploadError("upload-allocations", []);
  status.textContent = "";
  if (!file) { showUploadError("upload-allocations", [el("p", { text: "Vælg et regneark først." })]); input.focus(); return; }
  if (!hasType(file.name, SHEET_TYPES)) {
    showUploadError("upload-allocations", [el("p", { class: "upload-headline", text: "Vælg et regneark: .xlsx eller .csv." }), el("p", { class: "upload-detail", text: file.name })]);
    input.focus();
    return;
  }
  const button = $("upload-allocations-submit");
  button.disabled = true;
  $("upload-allocations-busy").hidden = false;
  const form = new FormData();
  form.append("file", file, file.name);
  try {
    let response;
    try {
      response = await authFetch("/api/allocations/import", { method: "POST", headers: { accept: "application/json" }, body: form });
    } catch {
      showUploadError("upload-allocations", uploadErrorNode(0, null, file.name));
      return;
    }
    const body = await readJson(response);
    if (!response.ok) {
      const problems = body && Array.isArray(body.errors) ? body.errors : [];
      if (problems.length === 0) { showUploadError("upload-allocations", uploadErrorNode(response.status, body, file.name)); return; }
      const items = problems.map((problem) => {
        const where = [problem.row !== undefined ? "Række " + problem.row : "", problem.column ? "kolonne " + problem.column : ""].filter(Boolean).join(", ");
        return el("li", null, where ? el("strong", { class: "upload-cell", text: where + ": " }) : null, problem.message);
      });
      showUploadError("upload-allocations", [
        el("p", { class: "upload-headline", text: file.name + ": intet blev indlæst – " + plural(problems.length, "fejl", "fejl") + " i regnearket." }),
        el("ul", { class: "upload-errors", "aria-label": "Fejl i " + file.name }, ...items)
      ]);
      return;
    }
    const imported = body.imported || [];
    const unchanged = body.unchanged || [];
    const list = el("ul", { class: "upload-result", id: "upload-allocations-ids", "aria-label": "Indlæste initiativer" });
    for (const id of imported) list.append(el("li", { "data-id": id }, el("code", { text: id }), " ", el("span", { class: "badge", text: "indlæst" })));
    for (const id of unchanged) list.append(el("li", { "data-id": id }, el("code", { text: id }), " ", el("span", { class: "badge", text: "uændret" })));
    status.replaceChildren(
      el("p", { class: "upload-headline upload-ok", text: file.name + ": " + plural(imported.length, "initiativ", "initiativer") + " indlæst" + (unchanged.length ? ", " + unchanged.length + " uændret" : "") + "." }),
      list
    );
    input.value = "";
    await loadAllocations();
    // The initiative's name as the draft form now lists it.
    for (const item of list.children) {
      const option = [...$("draft-initiative").options].find((candidate) => candidate.value === item.getAttribute("data-id"));
      if (option) item.append(" ", el("span", { class: "meta", text: option.textContent }));
    }
  } finally {
    button.disabled = false;
    $("upload-allocations-busy").hidden = true;
  }
}

// ------------------------------------------------------------------------------------------
// sign-in (token mode): the token is kept in sessionStorage and sent as a bearer header on every
// call through authFetch; GET /api/session says whether the server wants one and whose it is.

const TOKEN_KEY = "bilagsassistent.token";
const ROLE_NAMES = { reader: "læser", caseworker: "sagsbehandler", admin: "administrator" };
const sessionState = { mode: "local", name: "", role: "", signedIn: null };

function storedToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch (error) { return ""; }
}

function storeToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch (error) { /* storage refused: the token lives only in this page */ }
}

function withToken(init, token) {
  const bearer = token === undefined ? storedToken() : token;
  const next = Object.assign({}, init || {});
  next.headers = Object.assign({}, (init && init.headers) || {});
  if (bearer) next.headers.authorization = "Bearer " + bearer;
  return next;
}

/** fetch with the signed-in token; a 401 in token mode asks for the token again. */
async function authFetch(path, init) {
  const response = await fetch(path, withToken(init));
  if (response.status === 401 && sessionState.mode === "tokens") {
    storeToken("");
    showSignIn("Din adgangsnøgle gælder ikke længere. Log ind igen.");
  }
  return response;
}

function renderSession() {
  let box = $("session");
  if (!box) {
    box = el("div", { id: "session", class: "session" });
    document.querySelector(".top-inner").appendChild(box);
  }
  box.replaceChildren();
  if (sessionState.mode !== "tokens" || !sessionState.name) return;
  box.append(
    el("span", { id: "session-user", text: "Logget ind som " + sessionState.name + " (" + (ROLE_NAMES[sessionState.role] || sessionState.role) + ")" }),
    el("button", { id: "sign-out", type: "button", class: "session-button", text: "Log ud", onclick: signOut })
  );
}

function signOut() {
  storeToken("");
  location.reload();
}

let signedInCallback = null;

function showSignIn(message) {
  sessionState.name = "";
  renderSession();
  const main = document.querySelector("main");
  if (main) main.hidden = true;
  let panel = $("sign-in");
  if (!panel) {
    panel = el("section", { id: "sign-in", class: "sign-in", "aria-labelledby": "sign-in-heading" },
      el("h1", { id: "sign-in-heading", text: "Log ind" }),
      el("p", { text: "Tjenesten kræver en adgangsnøgle. Du får den af en administrator. Den huskes kun, så længe fanen er åben." }),
      el("form", { id: "sign-in-form", onsubmit: submitSignIn },
        el("label", { for: "sign-in-token", text: "Adgangsnøgle" }),
        el("input", { id: "sign-in-token", name: "token", type: "password", autocomplete: "off", required: true, "aria-describedby": "sign-in-error" }),
        el("button", { type: "submit", text: "Log ind" })),
      el("p", { id: "sign-in-error", class: "sign-in-error", role: "alert" }));
    document.body.insertBefore(panel, main || null);
  }
  panel.hidden = false;
  $("sign-in-error").textContent = message || "";
  document.documentElement.setAttribute("data-session", "signed-out");
  $("sign-in-token").focus();
}

async function submitSignIn(event) {
  event.preventDefault();
  const token = $("sign-in-token").value.trim();
  if (!token) { $("sign-in-error").textContent = "Skriv din adgangsnøgle."; return; }
  let response;
  try {
    response = await fetch("/api/session", withToken({ headers: { accept: "application/json" } }, token));
  } catch (error) {
    $("sign-in-error").textContent = "Serveren svarer ikke. Prøv igen.";
    return;
  }
  const body = response.ok ? await response.json().catch(() => null) : null;
  if (!body || !body.signedIn) {
    $("sign-in-error").textContent = response.status === 401 ? "Adgangsnøglen kendes ikke. Tjek den, eller spørg en administrator." : "Der skete en fejl på serveren. Prøv igen.";
    return;
  }
  storeToken(token);
  if (!signedInCallback) { location.reload(); return; }
  acceptSession(body);
  $("sign-in").hidden = true;
  $("sign-in-token").value = "";
  const main = document.querySelector("main");
  if (main) main.hidden = false;
  const done = signedInCallback;
  signedInCallback = null;
  done();
}

function acceptSession(body) {
  sessionState.mode = body.mode;
  sessionState.name = body.name || "";
  sessionState.role = body.role || "";
  sessionState.signedIn = true;
  document.documentElement.setAttribute("data-session", "signed-in");
  renderSession();
}

/** In token mode a download link (an export) is fetched with the token and saved from memory. */
async function downloadWithToken(event) {
  const link = event.target.closest && event.target.closest("a[download], a[href^='/api/']");
  if (!link || event.defaultPrevented || sessionState.mode !== "tokens") return;
  const href = link.getAttribute("href") || "";
  if (!href.startsWith("/api/")) return;
  event.preventDefault();
  const response = await authFetch(href, { headers: {} });
  if (!response.ok) return;
  const disposition = response.headers.get("content-disposition") || "";
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const url = URL.createObjectURL(await response.blob());
  const save = el("a", { href: url, download: match ? match[1] : "eksport" });
  document.body.appendChild(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Resolves once the page may call the API: at once in local mode, after sign-in in token mode. */
async function startSession() {
  let response;
  try {
    response = await fetch("/api/session", withToken({ headers: { accept: "application/json" } }));
  } catch (error) {
    return;
  }
  const body = response.ok ? await response.json().catch(() => null) : null;
  if (response.status === 401) sessionState.mode = "tokens";
  else if (!body || !body.mode) return;
  else sessionState.mode = body.mode;
  if (sessionState.mode === "tokens") document.addEventListener("click", downloadWithToken);
  if (body && body.signedIn) { acceptSession(body); return; }
  storeToken("");
  await new Promise((resolve) => {
    signedInCallback = resolve;
    showSignIn(response.status === 401 ? "Din adgangsnøgle gælder ikke længere. Log ind igen." : "");
  });
}

// ------------------------------------------------------------------------------------------
// start

function start() {
  setupTabs();
  $("chat-form").addEventListener("submit", submitChat);
  $("chat-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) submitChat(event);
  });
  for (const button of document.querySelectorAll("[data-example]")) {
    button.addEventListener("click", () => { $("chat-input").value = button.getAttribute("data-example"); submitChat(); });
  }
  $("new-conversation").addEventListener("click", newConversation);
  $("draft-form").addEventListener("submit", submitDraft);
  $("draft-edit-button").addEventListener("click", startEditing);
  $("draft-check").addEventListener("click", checkFigures);
  $("draft-cancel").addEventListener("click", () => { stopEditing(); $("draft-edit-button").focus(); });
  $("draft-edit").addEventListener("input", () => { draftState.stale = $("draft-edit").value !== draftState.text; renderBanner(); });
  for (const id of ["export-docx", "export-md"]) {
    $(id).addEventListener("click", (event) => { if ($(id).getAttribute("aria-disabled") === "true") event.preventDefault(); });
  }
  $("search-form").addEventListener("submit", runSearch);
  $("upload-document-form").addEventListener("submit", uploadDocument);
  $("upload-allocations-form").addEventListener("submit", uploadAllocations);
  $("timeline-initiative").addEventListener("change", (event) => showTimeline(event.target.value));
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.card-link");
    if (!link) return;
    event.preventDefault();
    const id = link.getAttribute("data-card-id");
    history.pushState(null, "", "#kort/" + encodeURIComponent(id));
    showCard(id);
  });
  window.addEventListener("hashchange", route);
  loadAllocations();
  restoreConversation();
  startDrafts();
  startBudgetNotes();
  route();
  document.documentElement.setAttribute("data-ready", "true");
}

startSession().then(start);
`;
