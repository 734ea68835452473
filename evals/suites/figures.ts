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
import { MORE_GOLD_FIGURES, MORE_GOLD_TABLE_CELLS } from "../figure-gold-more.data.ts";
import { hashCases, type Split, splitOf } from "../split.ts";
import type { CaseResult, Suite } from "./types.ts";
import path from "node:path";

const CORPUS_DIR = path.resolve(import.meta.dirname, "../../corpus");
/** Every hand-checked money figure and table cell, each with its split (fixed before tuning). */
export const ALL_GOLD_FIGURES: readonly GoldFigure[] = [...GOLD_FIGURES, ...MORE_GOLD_FIGURES];
const ALL_TABLE_CELLS = [...GOLD_TABLE_CELLS, ...MORE_GOLD_TABLE_CELLS];
export const goldKey = (gold: GoldFigure): string =>
  `${gold.documentId}|${gold.cardId}|${gold.text}|${gold.occurrence ?? 0}`;
const cellKey = (cell: (typeof ALL_TABLE_CELLS)[number]): string =>
  `cell|${cell.documentId}|${cell.table}|${cell.row}|${cell.year}`;
export const goldSplit = (gold: GoldFigure): Split => splitOf(goldKey(gold));
/** sha256 of the test split's canonical JSON; a changed test set shows as a different hash. */
export const FIGURE_TEST_SET_SHA256 =
  "3888f4f77b923fc272f9f8ac5412b70ebe7810c4c0e011771e5f4ba2847e0dc5";
export function figureTestSetHash(): string {
  return hashCases(
    ALL_GOLD_FIGURES.filter((gold) => goldSplit(gold) === "test"),
    goldKey,
  );
}

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
    const cases: CaseResult[] = [];
    const scored: Array<{
      split: Split;
      documentId: string;
      ok: boolean;
      right: Set<Field>;
      seen: boolean;
    }> = [];
    const occurrences = new Map<string, number>();
    for (const gold of ALL_GOLD_FIGURES) {
      const figure = found(documents, gold);
      const key = `${gold.cardId}:${gold.text}`;
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      const split = goldSplit(gold);
      const wrong: Array<{ field: Field; expected: unknown; got: unknown }> = [];
      const right = new Set<Field>();
      for (const field of FIGURE_FIELDS) {
        const expected = gold[field];
        const got = fieldValue(figure, field);
        if (figure !== undefined && JSON.stringify(expected) === JSON.stringify(got))
          right.add(field);
        else wrong.push({ field, expected, got: figure === undefined ? "(not found)" : got });
      }
      // The first gold (GOLD_FIGURES, with the issue's own examples) was read while the grammar
      // was written: its test cases are seen, not held out.
      const seen = GOLD_FIGURES.includes(gold);
      scored.push({ split, documentId: gold.documentId, ok: wrong.length === 0, right, seen });
      cases.push({
        id: `${split}:${key}#${occurrence}`,
        ok: wrong.length === 0,
        summary:
          figure === undefined
            ? `[${split}] ${gold.cardId} "${gold.text}": not found`
            : wrong.length === 0
              ? `[${split}] ${gold.cardId} "${gold.text}": exact`
              : `[${split}] ${gold.cardId} "${gold.text}": ${wrong.map((entry) => entry.field).join(", ")} wrong`,
        details: {
          split,
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
    const metrics: Record<string, number> = {};
    const testHash = figureTestSetHash();
    metrics.testSetHashMatches = testHash === FIGURE_TEST_SET_SHA256 ? 1 : 0;
    for (const [prefix, chosen] of [
      ["test.", scored.filter((entry) => entry.split === "test")],
      ["testUnseen.", scored.filter((entry) => entry.split === "test" && !entry.seen)],
      ["dev.", scored.filter((entry) => entry.split === "dev")],
      ["", scored],
    ] as const) {
      const total = Math.max(1, chosen.length);
      metrics[`${prefix}gold`] = chosen.length;
      metrics[`${prefix}exact`] = chosen.filter((entry) => entry.ok).length / total;
      for (const field of FIGURE_FIELDS)
        metrics[`${prefix}field.${field}`] =
          chosen.filter((entry) => entry.right.has(field)).length / total;
      metrics[`${prefix}fieldMean`] =
        chosen.reduce((sum, entry) => sum + entry.right.size, 0) / (FIGURE_FIELDS.length * total);
    }
    metrics.notFound = cases.filter((entry) => entry.summary.endsWith("not found")).length;
    let cellsRight = 0;
    for (const cell of ALL_TABLE_CELLS) {
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
        id: `${splitOf(cellKey(cell))}:cell:${cell.documentId}:${cell.table}:${cell.row}:${cell.year}`,
        ok,
        summary: `${cell.documentId} ${cell.table} / ${cell.row} ${cell.year}: ${ok ? "exact" : `got ${JSON.stringify(got)}`}`,
        details: { ...cell, got },
      });
    }
    metrics.tableCells = ALL_TABLE_CELLS.length;
    metrics.tableCellExact = ALL_TABLE_CELLS.length === 0 ? 1 : cellsRight / ALL_TABLE_CELLS.length;
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
    const perDocument = [...new Set(ALL_GOLD_FIGURES.map((gold) => gold.documentId))].map(
      (documentId) => {
        const golds = scored.filter(
          (entry) => entry.split === "test" && entry.documentId === documentId,
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
          title: "Exact match per field (gold money figures, test split)",
          unit: "share",
          bars: FIGURE_FIELDS.map((field) => ({
            label: field,
            value: metrics[`test.field.${field}`] ?? 0,
          })),
        },
        {
          kind: "bar",
          id: "exact-per-document",
          title: "Whole figures exact, per document (test split)",
          unit: "share",
          bars: perDocument,
        },
      ],
      notes: [
        `${ALL_GOLD_FIGURES.length} gold money figures (${metrics["test.gold"]} test, ${metrics["dev.gold"]} dev; split by sha256 of the case key, fixed before tuning), ${ALL_TABLE_CELLS.length} table cells, ${GOLD_NOT_MONEY.length} not-money texts; each read by hand in the source file.`,
        `Test split sha256 ${testHash} (recorded: ${FIGURE_TEST_SET_SHA256}).`,
        "Headline: the test.* metrics. The grammar was tuned on the dev split and the examples in the issue text; the test split also holds figures of the first gold (GOLD_FIGURES, with the issue's examples), read while the grammar was written, so test.* is partly in-sample. testUnseen.* leaves those out.",
      ],
    };
  },
};
