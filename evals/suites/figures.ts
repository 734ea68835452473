/**
 * figures: money-figure extraction against the hand-checked gold (figure-gold.data.ts): exact
 * match per field (amount, unit, basis, years, area, price level, recipient) and of whole figures,
 * table cells of the budget notes, and texts that must not be read as money.
 */
import { readDocument } from "../../src/corpus/read-document.ts";
import type { Figure, ParsedDocument } from "../../src/domain/index.ts";
import { readBundledCorpus } from "../../src/runtime/node/corpus-files.ts";
import {
  GOLD_FIGURES,
  GOLD_NOT_MONEY,
  GOLD_TABLE_CELLS,
  type GoldFigure,
} from "../figure-gold.data.ts";
import type { CaseResult, Suite } from "./types.ts";
import path from "node:path";

const CORPUS_DIR = path.resolve(import.meta.dirname, "../../corpus");
export const FIGURE_FIELDS = [
  "amount",
  "unit",
  "basis",
  "years",
  "area",
  "priceLevel",
  "recipient",
] as const;
type Field = (typeof FIGURE_FIELDS)[number];

const squash = (text: string) => text.replace(/\s+/gu, " ").trim();

function found(
  documents: Map<string, { parsed: ParsedDocument; raw: string }>,
  gold: GoldFigure,
): Figure | undefined {
  const document = documents.get(gold.documentId);
  const card = document?.parsed.cards.find((candidate) => candidate.id === gold.cardId);
  if (document === undefined || card === undefined) return undefined;
  const candidates = card.figures.filter((figure) => {
    if (figure.kind !== "money") return false;
    const raw = squash(document.raw.slice(figure.span.start, figure.span.end));
    return (
      squash(figure.text) === gold.text ||
      raw === gold.text ||
      raw.startsWith(gold.text.replace(/ kr\.$/u, ""))
    );
  });
  return candidates[gold.occurrence ?? 0];
}

function fieldValue(figure: Figure | undefined, field: Field): unknown {
  if (figure === undefined) return undefined;
  switch (field) {
    case "amount":
      return figure.amount === undefined
        ? null
        : { min: figure.amount.min, max: figure.amount.max };
    case "years":
      return [...figure.years];
    case "area":
      return figure.area ?? null;
    case "priceLevel":
      return figure.priceLevel ?? null;
    case "recipient":
      return figure.recipient ?? null;
    default:
      return figure[field] ?? null;
  }
}

export const figuresSuite: Suite = {
  name: "figures",
  description:
    "Figure extraction against a hand-checked gold subset of money figures from all five documents.",
  async run() {
    const documents = new Map<string, { parsed: ParsedDocument; raw: string }>();
    for (const file of await readBundledCorpus(CORPUS_DIR)) {
      const parsed = await readDocument(file.name, file.bytes, file.entry);
      documents.set(parsed.document.id, { parsed, raw: new TextDecoder().decode(file.bytes) });
    }
    const right: Record<Field, number> = {
      amount: 0,
      unit: 0,
      basis: 0,
      years: 0,
      area: 0,
      priceLevel: 0,
      recipient: 0,
    };
    const cases: CaseResult[] = [];
    let exact = 0;
    let missing = 0;
    const occurrences = new Map<string, number>();
    for (const gold of GOLD_FIGURES) {
      const figure = found(documents, gold);
      const key = `${gold.cardId}:${gold.text}`;
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      const wrong: Array<{ field: Field; expected: unknown; got: unknown }> = [];
      for (const field of FIGURE_FIELDS) {
        const expected = gold[field];
        const got = fieldValue(figure, field);
        if (figure !== undefined && JSON.stringify(expected) === JSON.stringify(got))
          right[field] += 1;
        else wrong.push({ field, expected, got: figure === undefined ? "(not found)" : got });
      }
      if (figure === undefined) missing += 1;
      if (wrong.length === 0) exact += 1;
      cases.push({
        id: `${key}#${occurrence}`,
        ok: wrong.length === 0,
        summary:
          figure === undefined
            ? `${gold.cardId} "${gold.text}": not found`
            : wrong.length === 0
              ? `${gold.cardId} "${gold.text}": exact`
              : `${gold.cardId} "${gold.text}": ${wrong.map((entry) => entry.field).join(", ")} wrong`,
        details: {
          documentId: gold.documentId,
          cardId: gold.cardId,
          text: gold.text,
          source: gold.source,
          note: gold.note,
          wrong,
          inherited: figure?.inherited ?? [],
        },
      });
    }
    const metrics: Record<string, number> = {
      gold: GOLD_FIGURES.length,
      exact: exact / GOLD_FIGURES.length,
      notFound: missing,
    };
    for (const field of FIGURE_FIELDS)
      metrics[`field.${field}`] = right[field] / GOLD_FIGURES.length;
    metrics.fieldMean =
      FIGURE_FIELDS.reduce((sum, field) => sum + right[field], 0) /
      (FIGURE_FIELDS.length * GOLD_FIGURES.length);
    let cellsRight = 0;
    for (const cell of GOLD_TABLE_CELLS) {
      const table = documents
        .get(cell.documentId)
        ?.parsed.tables.find((candidate) => candidate.title.startsWith(cell.table));
      const row = table?.rows.find((candidate) => squash(candidate.label).startsWith(cell.row));
      const got = {
        value: row === undefined ? "(no row)" : (row.values[String(cell.year)] ?? null),
        unit: table?.unit ?? null,
        priceLevel: table?.priceLevel ?? null,
        area: row?.area ?? null,
      };
      const expected = {
        value: cell.value,
        unit: cell.unit,
        priceLevel: cell.priceLevel,
        area: cell.area,
      };
      const ok = JSON.stringify(got) === JSON.stringify(expected);
      if (ok) cellsRight += 1;
      cases.push({
        id: `cell:${cell.documentId}:${cell.table}:${cell.row}:${cell.year}`,
        ok,
        summary: `${cell.documentId} ${cell.table} / ${cell.row} ${cell.year}: ${ok ? "exact" : `got ${JSON.stringify(got)}`}`,
        details: { ...cell, got },
      });
    }
    metrics.tableCells = GOLD_TABLE_CELLS.length;
    metrics.tableCellExact =
      GOLD_TABLE_CELLS.length === 0 ? 1 : cellsRight / GOLD_TABLE_CELLS.length;
    let spurious = 0;
    for (const entry of GOLD_NOT_MONEY) {
      const card = documents
        .get(entry.documentId)
        ?.parsed.cards.find((candidate) => candidate.id === entry.cardId);
      const hits =
        card?.figures.filter(
          (figure) => figure.kind === "money" && squash(figure.text) === entry.text,
        ).length ?? 0;
      spurious += hits;
      cases.push({
        id: `not-money:${entry.cardId}:${entry.text}`,
        ok: hits === 0,
        summary: `${entry.cardId} "${entry.text}" read as money ${hits} times (${entry.reason})`,
        details: { ...entry, readAsMoney: hits },
      });
    }
    metrics.spuriousMoney = spurious;
    const perDocument = [...new Set(GOLD_FIGURES.map((gold) => gold.documentId))].map(
      (documentId) => {
        const golds = cases.filter(
          (entry) =>
            (entry.details as { documentId?: string }).documentId === documentId &&
            !entry.id.startsWith("cell:") &&
            !entry.id.startsWith("not-money:"),
        );
        return {
          label: documentId,
          value: golds.filter((entry) => entry.ok).length / Math.max(1, golds.length),
        };
      },
    );
    for (const entry of perDocument) metrics[`exact.${entry.label}`] = entry.value;
    return {
      metrics,
      cases,
      charts: [
        {
          kind: "bar",
          id: "field-accuracy",
          title: "Exact match per field (gold money figures)",
          unit: "share",
          bars: FIGURE_FIELDS.map((field) => ({
            label: field,
            value: metrics[`field.${field}`] ?? 0,
          })),
        },
        {
          kind: "bar",
          id: "exact-per-document",
          title: "Whole figures exact, per document",
          unit: "share",
          bars: perDocument,
        },
      ],
      notes: [
        `${GOLD_FIGURES.length} gold money figures, ${GOLD_TABLE_CELLS.length} table cells, ${GOLD_NOT_MONEY.length} not-money texts; each read by hand in the source file.`,
      ],
    };
  },
};
