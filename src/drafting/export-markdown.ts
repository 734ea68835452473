/**
 * Markdown export of a draft, laid out like the department's documents: an annex card (title,
 * "Nr.", "Beskrivelse af udløb" when the draft has it, "Faglig vurdering af videreførelse" with
 * "Indhold i justeret indsats" and "Økonomi/ressourcer") or a budget note (its headings, and its
 * tables as Markdown tables). A flagged draft says so at the top and lists its open issues at the
 * end ("Uafklarede fejl"); it is never exported as if clean.
 */
import type { Draft, DraftSection, ValidationIssue } from "../domain/index.ts";
import { escapeMarkdownText } from "../security/export-escaping.ts";
import { parseDanishNumber } from "../money/index.ts";

export type ExportDraftOptions = {
  /** The card's number in the new annex ("Nr. 4"), when it is known; else `draft.input.number`. */
  number?: number;
};

/** The two halves of an annex card, as the department heads them. */
export const CARD_HALVES = {
  udløb: "Beskrivelse af udløb",
  vurdering: "Faglig vurdering af videreførelse",
} as const;

/** Section keys of the left half ("Beskrivelse af udløb"); everything else on a card is the right half. */
const LEFT_HALF_KEYS: ReadonlySet<string> = new Set([
  "indholdIIndsatsen",
  "resultaterOgErfaringer",
  "økonomiUdløb",
  "udløbØkonomi",
  "økonomiRessourcerUdløb",
  "beskrivelseAfUdløb",
]);

const SEVERITY_WORDS: Record<ValidationIssue["severity"], string> = {
  error: "Fejl",
  warning: "Advarsel",
  info: "Bemærkning",
};

/** Whether a section belongs to the left half of a card ("Beskrivelse af udløb"). */
export function isExpiryHalf(section: DraftSection): boolean {
  return LEFT_HALF_KEYS.has(section.key) || /^udløb/iu.test(section.key);
}

/** The card's halves: left ("Beskrivelse af udløb", possibly empty) and right ("Faglig vurdering af videreførelse"). */
export function cardHalves(draft: Draft): { udløb: DraftSection[]; vurdering: DraftSection[] } {
  return {
    udløb: draft.sections.filter(isExpiryHalf),
    vurdering: draft.sections.filter((section) => !isExpiryHalf(section)),
  };
}

/** The issues still open on a draft: errors and warnings. */
export function openIssues(draft: Draft): ValidationIssue[] {
  return draft.validation.issues.filter(
    (issue) => issue.severity === "error" || issue.severity === "warning",
  );
}

/** A flagged draft, or one whose validation has open issues whatever its status says. */
export function isFlaggedDraft(draft: Draft): boolean {
  return draft.status === "flagged" || openIssues(draft).length > 0;
}

/** One issue as a caseworker reads it: "Fejl: <message> (i teksten: …; ifølge data: …)", details the message does not already state. */
export function describeIssue(issue: ValidationIssue): string {
  const unsaid = (value: string | undefined) =>
    value !== undefined && value !== "" && !issue.message.includes(value);
  const details = [
    unsaid(issue.found) ? `i teksten: ${issue.found ?? ""}` : undefined,
    unsaid(issue.expected) ? `ifølge data: ${issue.expected ?? ""}` : undefined,
  ].filter((detail): detail is string => detail !== undefined);
  return `${SEVERITY_WORDS[issue.severity]}: ${issue.message}${details.length === 0 ? "" : ` (${details.join("; ")})`}`;
}

/** The card number: the option, else a whole number in the draft's input ("number"). */
export function cardNumber(draft: Draft, options: ExportDraftOptions = {}): number | undefined {
  if (options.number !== undefined) return options.number;
  const number = draft.input.number;
  return typeof number === "number" && Number.isInteger(number) && number > 0 ? number : undefined;
}

/** A number cell as the department writes them ("13.525", "-200", "69,1"), right-aligned in tables. */
export function isNumberCell(cell: string): boolean {
  return parseDanishNumber(cell) !== undefined;
}

/** Columns whose body cells are all numbers (or empty, or "-"), with at least one number. */
export function numericColumns(table: readonly (readonly string[])[]): boolean[] {
  const [header = [], ...body] = table;
  const width = Math.max(header.length, ...body.map((row) => row.length));
  return Array.from({ length: width }, (_, column) => {
    const cells = body
      .map((row) => (row[column] ?? "").trim())
      .filter((cell) => cell !== "" && cell !== "-");
    return cells.length > 0 && cells.every(isNumberCell);
  });
}

/** A section's text around its table: the paragraphs before and after the tab-separated block. */
export function splitTableText(section: DraftSection): { before: string[]; after: string[] } {
  const paragraphs = section.text
    .split(/\n{2,}/u)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "");
  if (section.table === undefined) return { before: paragraphs, after: [] };
  const isBlock = (paragraph: string) => paragraph.split("\n").every((line) => line.includes("\t"));
  const first = paragraphs.findIndex(isBlock);
  if (first === -1) return { before: paragraphs, after: [] };
  let last = first;
  while (last + 1 < paragraphs.length && isBlock(paragraphs[last + 1] ?? "")) last += 1;
  return { before: paragraphs.slice(0, first), after: paragraphs.slice(last + 1) };
}

function escapeCell(cell: string): string {
  return escapeMarkdownText(
    cell.replace(/\s+/gu, " ").trim().replace(/\\/gu, "\\\\").replace(/\|/gu, "\\|"),
  );
}

/** A Markdown table: the first row is the header, number columns right-aligned. */
export function markdownTable(table: readonly (readonly string[])[]): string {
  const [header = [], ...body] = table;
  const numeric = numericColumns(table);
  const width = numeric.length;
  const row = (cells: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, column) => escapeCell(cells[column] ?? "")).join(" | ")} |`;
  const rule = `| ${numeric.map((isNumeric) => (isNumeric ? "---:" : "---")).join(" | ")} |`;
  return [row(header), rule, ...body.map(row)].join("\n");
}

/** Prose for Markdown: a line that would read as a heading or a rule is escaped; the rest stays as written. */
function markdownProse(text: string): string {
  return escapeMarkdownText(text)
    .split("\n")
    .map((line) => line.replace(/^(\s*)(#{1,6}\s|[-*_]{3,}\s*$|>)/u, "$1\\$2"))
    .join("\n")
    .trim();
}

function paragraphsOf(paragraphs: readonly string[]): string[] {
  return paragraphs.map((paragraph) =>
    /^Tabel\s+\d+[.:]/u.test(paragraph)
      ? `*${markdownProse(paragraph)}*`
      : markdownProse(paragraph),
  );
}

function sectionBody(section: DraftSection): string[] {
  if (section.table === undefined)
    return section.text.trim() === "" ? [] : [markdownProse(section.text)];
  const { before, after } = splitTableText(section);
  return [...paragraphsOf(before), markdownTable(section.table), ...paragraphsOf(after)];
}

function flaggedTop(draft: Draft): string[] {
  return isFlaggedDraft(draft)
    ? [
        "> **Udkast med uafklarede fejl.** Tallene er ikke godkendt af kontrollen; se listen sidst i dokumentet.",
      ]
    : [];
}

function flaggedEnd(draft: Draft): string[] {
  if (!isFlaggedDraft(draft)) return [];
  const issues = openIssues(draft);
  const list =
    issues.length === 0
      ? ["- Udkastet er markeret med fejl, men kontrollen har ikke angivet detaljer."]
      : issues.map((issue) => `- ${markdownProse(describeIssue(issue))}`);
  return [
    "---",
    `**Uafklarede fejl: ${issues.length}.** Udkastet må ikke bruges, før de er rettet.`,
    list.join("\n"),
  ];
}

function exportCard(draft: Draft, options: ExportDraftOptions): string {
  const number = cardNumber(draft, options);
  const { udløb, vurdering } = cardHalves(draft);
  const blocks: string[] = [
    `# ${escapeMarkdownText(draft.title.replace(/\s+/gu, " "))}`,
    ...(number === undefined ? [] : [`**Nr. ${number}**`]),
    ...flaggedTop(draft),
  ];
  if (udløb.length > 0) {
    blocks.push(`## ${CARD_HALVES.udløb}`);
    for (const section of udløb) blocks.push(`### ${section.heading}`, ...sectionBody(section));
  }
  blocks.push(`## ${CARD_HALVES.vurdering}`);
  for (const section of vurdering) blocks.push(`### ${section.heading}`, ...sectionBody(section));
  blocks.push(...flaggedEnd(draft));
  return `${blocks.filter((block) => block !== "").join("\n\n")}\n`;
}

function exportNote(draft: Draft): string {
  const blocks: string[] = [
    `# ${escapeMarkdownText(draft.title.replace(/\s+/gu, " "))}`,
    ...flaggedTop(draft),
  ];
  for (const section of draft.sections)
    blocks.push(`## ${section.heading}`, ...sectionBody(section));
  blocks.push(...flaggedEnd(draft));
  return `${blocks.filter((block) => block !== "").join("\n\n")}\n`;
}

/** The draft as Markdown: an annex card or a budget note; a flagged draft carries its open issues. */
export function exportDraftMarkdown(draft: Draft, options: ExportDraftOptions = {}): string {
  return draft.kind === "assessment" ? exportCard(draft, options) : exportNote(draft);
}
