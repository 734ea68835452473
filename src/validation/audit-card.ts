/**
 * Checks one annex card against itself: the "Bevilling 2023: …" line against the money the body
 * restates, "heraf" / "fordelt på" parts against their whole, a stated reduction against the two
 * grants it is the difference of, the periods of the expiring and the proposed money, the decision
 * against the proposal, and the spending area the assessment says the money comes from.
 * Figures agree when some amount rounds to both as written; the audit is silent then.
 */
import type {
  Area,
  AuditFinding,
  Card,
  Figure,
  ParsedDocument,
  Section,
  SectionKind,
} from "../domain/index.ts";
import { toRawSpan } from "../domain/index.ts";
import { extractFigures, formatDanishAmount, formatPeriod } from "../money/index.ts";
import { checkCounts } from "./audit-counts.ts";
import type { AuditSources, WrittenRange } from "./create-audit-finding.ts";
import { MESSAGES } from "./messages.ts";
import { hasAmbiguousBasis } from "./validate-text.ts";
import {
  combineRanges,
  createAuditFinding,
  rangesOverlap,
  writtenRange,
} from "./create-audit-finding.ts";

/** A money figure with the section it stands in and its index in `card.figures`. */
type PlacedFigure = { figure: Figure; index: number; section: Section };

const AREA_NAMES: Record<Area, string> = {
  service: "service",
  indsats: "indsats",
  overførsler: "overførsler",
  anlæg: "anlæg",
};

/** Words that make a sentence's amount an addition or a part, not a restatement of the grant. */
const NOT_A_RESTATEMENT =
  /(?<![\p{L}])(?:derudover|desuden|heraf|hvoraf|ekstra|ud over|udover|yderligere|andel)(?![\p{L}])/iu;
/** "dvs.", "svarende til": the amount restates the one before it rather than being another part. */
const RESTATES = /(?:(?<![\p{L}])dvs\.?|svarende\s+til|altså|eller)\s*$/iu;
const GRANT_LABEL = /Bevilling\s+((?:19|20)\d\d)/gu;
const REDUCTION = /reduktion/iu;
/** "Midlerne søges på service i stedet for overførsler" (OCR-tolerant: "sgges pa"). */
const INSTEAD_OF = /s\S{1,3}ges\s+p\S{1,2}\s+(\p{L}+)\s+i\s+stedet\s+for\s+(\p{L}+)/iu;

function readAreaWord(word: string): Area | undefined {
  const folded = word.toLowerCase();
  if (folded.startsWith("serv")) return "service";
  if (folded.startsWith("inds")) return "indsats";
  if (folded.startsWith("overf")) return "overførsler";
  if (folded.startsWith("anl")) return "anlæg";
  return undefined;
}

function describeAmount(kroner: number, like: Figure): string {
  return formatDanishAmount(kroner, {
    unit: like.unit === "kr." || like.unit === undefined ? "mio. kr." : like.unit,
    decimals: Math.max(1, like.decimals ?? 0),
  });
}

function describeRange(range: WrittenRange, like: Figure): string {
  return describeAmount(Math.round((range.low + range.high) / 2), like);
}

/** The card's money figures with their sections; figures are stored in section order. */
function placeFigures(card: Card): PlacedFigure[] {
  const counts = card.sections.map((section) => extractFigures(section.text).length);
  const placed: PlacedFigure[] = [];
  if (counts.reduce((total, count) => total + count, 0) !== card.figures.length) {
    // Figures not made by extractCardFigures: place them by span.
    card.figures.forEach((figure, index) => {
      const section = card.sections.find(
        (candidate) =>
          figure.span.start >= candidate.span.start && figure.span.start < candidate.span.end,
      );
      if (section !== undefined && figure.kind === "money" && figure.amount !== undefined)
        placed.push({ figure, index, section });
    });
    return placed;
  }
  let index = 0;
  card.sections.forEach((section, position) => {
    for (let offset = 0; offset < (counts[position] ?? 0); offset += 1, index += 1) {
      const figure = card.figures[index];
      if (figure?.kind === "money" && figure.amount !== undefined)
        placed.push({ figure, index, section });
    }
  });
  return placed;
}

function inSections(
  placed: readonly PlacedFigure[],
  kinds: readonly SectionKind[],
): PlacedFigure[] {
  return placed.filter((entry) => kinds.includes(entry.section.kind));
}

/** The year of the "Bevilling 2024:" label a grant-line figure stands under. */
function grantLabelYear(entry: PlacedFigure, raw: string | undefined): number | undefined {
  const before =
    raw === undefined
      ? entry.figure.sentence.text.slice(0, entry.figure.sentence.text.indexOf(entry.figure.text))
      : raw.slice(entry.section.span.start, entry.figure.span.start);
  const labels = Array.from(before.matchAll(GRANT_LABEL), (match) => Number(match[1]));
  const last = labels[labels.length - 1];
  if (last !== undefined) return last;
  return entry.figure.years.length === 1 ? entry.figure.years[0] : undefined;
}

/** The text of a figure's sentence before the figure (after the previous money figure, if `after` given). */
function textBefore(figure: Figure, after?: Figure): string {
  const sentence = figure.sentence.text;
  const at = sentence.indexOf(figure.text);
  const from =
    after === undefined ? 0 : Math.max(0, sentence.indexOf(after.text) + after.text.length);
  return at < 0 ? "" : sentence.slice(Math.min(from, at), at);
}

function checkHeaderBody(
  document: ParsedDocument,
  card: Card,
  placed: readonly PlacedFigure[],
  sources: AuditSources,
): AuditFinding[] {
  const year = document.document.year;
  const raw = sources.get(document.document.id);
  const header = inSections(placed, ["grant"]).filter(
    (entry) => grantLabelYear(entry, raw) === year,
  );
  if (header.length === 0) return [];
  const findings: AuditFinding[] = [];
  for (const entry of inSections(placed, ["content", "results", "assessment", "other"])) {
    const { figure } = entry;
    if (figure.partOf !== undefined || NOT_A_RESTATEMENT.test(figure.sentence.text)) continue;
    const forYear = figure.years.length === 1 && figure.years[0] === year;
    const yearly = figure.basis === "per_year" && figure.years.includes(year);
    if (!forYear && !yearly) continue;
    const compared =
      figure.area === undefined
        ? header
        : header.filter((other) => other.figure.area === figure.area);
    if (compared.length === 0) continue;
    const headerRanges = compared
      .map((other) => writtenRange(other.figure))
      .filter((range): range is WrittenRange => range !== undefined);
    const bodyRange = writtenRange(figure);
    if (bodyRange === undefined || headerRanges.length === 0) continue;
    const headerRange = combineRanges(headerRanges.map((range) => ({ range })));
    if (rangesOverlap(headerRange, bodyRange)) continue;
    const headerText = compared.map((other) => other.figure.text.replace(/\s+/gu, " ")).join(" + ");
    findings.push(
      createAuditFinding(document, card, sources, {
        code: "header_body_mismatch",
        severity: "warning",
        message: `Bevillingslinjen angiver ${headerText} for ${year}${figure.area === undefined ? "" : ` på ${AREA_NAMES[figure.area]}`}, men teksten siger ${figure.text.replace(/\s+/gu, " ")} Tjek hvilket beløb der er det rigtige.`,
        span: figure.sentence.span,
        fallbackQuote: figure.sentence.text,
        expected: headerText,
        found: figure.text.replace(/\s+/gu, " "),
      }),
    );
  }
  return findings;
}

/** Wholes with their parts, as the money grammar attributes them (`partOf`, also across sentences). */
function partGroups(
  placed: readonly PlacedFigure[],
): Array<{ whole: PlacedFigure; parts: PlacedFigure[] }> {
  const groups = new Map<number, { whole: PlacedFigure; parts: PlacedFigure[] }>();
  const byIndex = new Map(placed.map((entry) => [entry.index, entry]));
  for (const entry of placed) {
    if (entry.figure.partOf === undefined) continue;
    const whole = byIndex.get(entry.figure.partOf);
    if (whole === undefined) continue;
    const group = groups.get(whole.index) ?? { whole, parts: [] };
    group.parts.push(entry);
    groups.set(whole.index, group);
  }
  return [...groups.values()];
}

function checkParts(
  document: ParsedDocument,
  card: Card,
  placed: readonly PlacedFigure[],
  sources: AuditSources,
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const { whole, parts } of partGroups(placed)) {
    const wholeRange = writtenRange(whole.figure);
    if (wholeRange === undefined) continue;
    const comparable = parts.filter((part, position) => {
      const previous = position === 0 ? undefined : parts[position - 1]?.figure;
      if (RESTATES.test(textBefore(part.figure, previous))) return false;
      const bases = [whole.figure.basis, part.figure.basis];
      return !(bases.includes("per_year") && bases.includes("total"));
    });
    if (comparable.length === 0) continue;
    const sum = combineRanges(
      comparable.map((part) => ({ range: writtenRange(part.figure) ?? { low: 0, high: 0 } })),
    );
    const exceeds = sum.low >= wholeRange.high;
    const fallsShort = comparable.length >= 2 && sum.high <= wholeRange.low;
    if (!exceeds && !fallsShort) continue;
    const partTexts = comparable.map((part) => part.figure.text.replace(/\s+/gu, " "));
    const found = describeRange(sum, whole.figure);
    const span = {
      start: Math.min(
        whole.figure.sentence.span.start,
        ...comparable.map((part) => part.figure.sentence.span.start),
      ),
      end: Math.max(
        whole.figure.sentence.span.end,
        ...comparable.map((part) => part.figure.sentence.span.end),
      ),
    };
    findings.push(
      createAuditFinding(document, card, sources, {
        code: "parts_do_not_add_up",
        severity: "error",
        message: `Delbeløbene ${partTexts.join(" + ")} giver ${found}, men helheden er angivet til ${whole.figure.text.replace(/\s+/gu, " ")}${exceeds ? " – delene er større end helheden" : ""}. Forskellen kan ikke forklares med afrunding.`,
        span,
        fallbackQuote: whole.figure.sentence.text,
        expected: whole.figure.text.replace(/\s+/gu, " "),
        found,
      }),
    );
  }
  return findings;
}

/** "Bevilling 2024: 23,7 … Bevilling 2025: 6,9 … (Reduktion fra 2024, 16,4 mio. kr.)": the reduction is the difference. */
function checkReduction(
  document: ParsedDocument,
  card: Card,
  placed: readonly PlacedFigure[],
  sources: AuditSources,
): AuditFinding[] {
  const raw = sources.get(document.document.id);
  const grant = inSections(placed, ["grant"]);
  const findings: AuditFinding[] = [];
  for (const reduction of grant) {
    const lineStart = raw === undefined ? -1 : raw.lastIndexOf("\n", reduction.figure.span.start);
    const lead =
      raw === undefined
        ? textBefore(reduction.figure)
        : raw.slice(lineStart + 1, reduction.figure.span.start);
    if (!REDUCTION.test(lead)) continue;
    const byYear = new Map<number, PlacedFigure[]>();
    for (const entry of grant) {
      if (entry === reduction) continue;
      const year = grantLabelYear(entry, raw);
      if (year !== undefined) byYear.set(year, [...(byYear.get(year) ?? []), entry]);
    }
    const years = [...byYear.keys()].sort((left, right) => left - right);
    const from = years[0];
    const to = years[years.length - 1];
    if (from === undefined || to === undefined || from === to) continue;
    const ranges = (year: number): WrittenRange =>
      combineRanges(
        (byYear.get(year) ?? []).map((entry) => ({
          range: writtenRange(entry.figure) ?? { low: 0, high: 0 },
        })),
      );
    const difference = combineRanges([{ range: ranges(from) }, { range: ranges(to), sign: -1 }]);
    const stated = writtenRange(reduction.figure);
    if (stated === undefined || rangesOverlap(difference, stated)) continue;
    const expected = describeRange(difference, reduction.figure);
    findings.push(
      createAuditFinding(document, card, sources, {
        code: "parts_do_not_add_up",
        severity: "error",
        message: `Reduktionen er angivet til ${reduction.figure.text}, men bevillingen falder fra ${from} til ${to} med ${expected} (bevillingslinjerne for ${from} minus ${to}).`,
        span: {
          start: Math.min(...grant.map((entry) => entry.figure.span.start)),
          end: reduction.figure.span.end,
        },
        fallbackQuote: reduction.figure.sentence.text,
        expected,
        found: reduction.figure.text,
      }),
    );
  }
  return findings;
}

function checkPeriods(
  document: ParsedDocument,
  card: Card,
  placed: readonly PlacedFigure[],
  sources: AuditSources,
): AuditFinding[] {
  const { year, budgetYear } = document.document;
  const findings: AuditFinding[] = [];
  for (const { figure } of inSections(placed, ["expiring_money"])) {
    const last = figure.years[figure.years.length - 1];
    if (last === undefined || last <= year) continue;
    findings.push(
      createAuditFinding(document, card, sources, {
        code: "period_mismatch",
        severity: "warning",
        message: `Bevillingen udløber efter ${year} ifølge bilaget, men beløbet ${figure.text.replace(/\s+/gu, " ")} gælder ${formatPeriod(figure.years)}.`,
        span: figure.sentence.span,
        fallbackQuote: figure.sentence.text,
        expected: `til og med ${year}`,
        found: formatPeriod(figure.years),
      }),
    );
  }
  for (const { figure } of inSections(placed, ["proposed_money"])) {
    const first = figure.years[0];
    if (first === undefined || first >= budgetYear) continue;
    findings.push(
      createAuditFinding(document, card, sources, {
        code: "period_before_budget_year",
        severity: "error",
        message: `Forslaget gælder budget ${budgetYear}, men ${figure.text.replace(/\s+/gu, " ")} er foreslået for ${formatPeriod(figure.years)}, som ligger før budgetåret. Perioden ser ud til at være kopieret fra den udløbende bevilling.`,
        span: figure.sentence.span,
        fallbackQuote: figure.sentence.text,
        expected: `fra ${budgetYear}`,
        found: formatPeriod(figure.years),
      }),
    );
  }
  return findings;
}

function checkDecision(
  document: ParsedDocument,
  card: Card,
  placed: readonly PlacedFigure[],
  sources: AuditSources,
): AuditFinding[] {
  const proposalSections = card.sections.filter((section) => section.kind === "proposed_money");
  if (proposalSections.length === 0) return [];
  const proposed = inSections(placed, ["proposed_money"]).filter(
    ({ figure }) =>
      figure.years.length === 0 ||
      figure.years.some((year) => year >= document.document.budgetYear),
  );
  if (card.decision === "ophører" && proposed[0] !== undefined) {
    const { figure } = proposed[0];
    return [
      createAuditFinding(document, card, sources, {
        code: "decision_conflict",
        severity: "warning",
        message: `Vurderingen er, at indsatsen ikke videreføres, men økonomiafsnittet foreslår ${figure.text.replace(/\s+/gu, " ")}. Beslutning og forslag skal stemme overens.`,
        span: figure.sentence.span,
        fallbackQuote: figure.sentence.text,
        expected: "ingen midler",
        found: figure.text.replace(/\s+/gu, " "),
      }),
    ];
  }
  const continues = card.decision === "uændret" || card.decision === "med_justeringer";
  const proposalText = proposalSections
    .map((section) => section.text)
    .join(" ")
    .trim();
  if (
    continues &&
    proposed.length === 0 &&
    proposalText.length > 0 &&
    inSections(placed, ["proposed_money"]).length === 0
  ) {
    const section = proposalSections[0];
    if (section === undefined) return [];
    return [
      createAuditFinding(document, card, sources, {
        code: "decision_conflict",
        severity: "warning",
        message:
          "Vurderingen er, at indsatsen videreføres, men økonomiafsnittet foreslår ingen midler. Angiv beløb, periode og styringsområde, eller ret vurderingen.",
        span: section.span,
        fallbackQuote: section.text,
        expected: "et beløb til videreførelsen",
        found: "intet beløb",
      }),
    ];
  }
  return [];
}

/** "Midlerne søges på service i stedet for overførsler" while the expiring money is on indsats. */
function checkInsteadOf(
  document: ParsedDocument,
  card: Card,
  placed: readonly PlacedFigure[],
  sources: AuditSources,
): AuditFinding[] {
  const expiringAreas = new Set(
    inSections(placed, ["expiring_money", "grant"]).flatMap(({ figure }) =>
      figure.area === undefined ? [] : [figure.area],
    ),
  );
  if (expiringAreas.size === 0) return [];
  const findings: AuditFinding[] = [];
  for (const section of card.sections) {
    if (section.kind !== "assessment" && section.kind !== "proposed_money") continue;
    const match = INSTEAD_OF.exec(section.text);
    const from = match?.[2] === undefined ? undefined : readAreaWord(match[2]);
    if (match === null || from === undefined || expiringAreas.has(from)) continue;
    const span = toRawSpan(section.offsets, match.index, match.index + match[0].length);
    const actual = [...expiringAreas].map((area) => AREA_NAMES[area]).join(" og ");
    findings.push(
      createAuditFinding(document, card, sources, {
        code: "area_mismatch",
        severity: "warning",
        message: `Vurderingen siger, at midlerne hidtil har ligget på ${AREA_NAMES[from]}, men den udløbende bevilling er afsat på ${actual}.`,
        span,
        fallbackQuote: match[0],
        expected: actual,
        found: AREA_NAMES[from],
      }),
    );
  }
  return findings;
}

/** Amounts over several years with no basis word: a warning in the corpus (the source stays as written). */
function checkAmbiguousBases(
  document: ParsedDocument,
  card: Card,
  placed: readonly PlacedFigure[],
  sources: AuditSources,
): AuditFinding[] {
  return placed
    .filter(({ figure }) => hasAmbiguousBasis(figure))
    .map(({ figure }) => {
      const written = figure.text.replace(/\s+/gu, " ");
      const suggestion = `"${written} årligt i ${formatPeriod(figure.years)}" eller "${written} samlet i ${formatPeriod(figure.years)}"`;
      return createAuditFinding(document, card, sources, {
        code: "ambiguous_basis",
        severity: "warning",
        message: MESSAGES.ambiguousBasis(written, figure.years, suggestion),
        span: figure.span,
        fallbackQuote: figure.sentence.text,
        expected: suggestion,
        found: written,
      });
    });
}

/** Every finding on one annex card: header vs body, parts, reduction, periods, decision, area. */
export function auditCard(
  document: ParsedDocument,
  card: Card,
  sources: AuditSources,
): AuditFinding[] {
  if (document.document.kind !== "annex") return [];
  const placed = placeFigures(card);
  return [
    ...checkHeaderBody(document, card, placed, sources),
    ...checkParts(document, card, placed, sources),
    ...checkReduction(document, card, placed, sources),
    ...checkPeriods(document, card, placed, sources),
    ...checkDecision(document, card, placed, sources),
    ...checkInsteadOf(document, card, placed, sources),
    ...checkCounts(document, card, sources),
    ...checkAmbiguousBases(document, card, placed, sources),
  ];
}
