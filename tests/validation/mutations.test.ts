import { beforeAll, describe, expect, it } from "vitest";
import type { Allocation } from "../../src/domain/index.ts";
import { validateText } from "../../src/validation/validate-text.ts";
import type { Mutation, MutationClass, RealStatement } from "../../evals/validation-mutations.ts";
import {
  EXPECTED_CODES,
  KNOWN_SOURCE_ERRORS,
  MUTATION_CLASSES,
  caught,
  loadRealStatements,
  mutateStatement,
  paraphrase,
} from "../../evals/validation-mutations.ts";

const flat = (amount: number, from: number, to: number) =>
  Object.fromEntries(
    Array.from({ length: to - from + 1 }, (_, offset) => [String(from + offset), amount]),
  );

/** Hand-made allocations for three real statements (Nr. 2, 4 and 14 of the 2026 annex), independent of the allocation files. */
const HAND_MADE: RealStatement[] = [
  {
    cardId: "hand-04",
    text: "5,7 mio. kr. årligt (2027 p/1) til BIF på service i 2027-2030.",
    quote: undefined,
    decision: "uændret",
    allocation: {
      initiative: "Forebyggelse af ekstremisme og radikalisering",
      priceLevel: 2027,
      lines: [{ area: "service", recipient: "BIF", amounts: flat(5_700_000, 2027, 2030) }],
    },
  },
  {
    cardId: "hand-14",
    text: "3,1 mio. kr. årligt (2027 p/l) på service i 2027-2030, fordelt på 2,3 mio. kr. til BIF\n0g 0,8 mio. kr. til SOF.",
    quote: undefined,
    decision: "uændret",
    allocation: {
      initiative: "SSP+ indsats for kriminalitetstruede unge",
      priceLevel: 2027,
      lines: [
        { area: "service", recipient: "BIF", amounts: flat(2_300_000, 2027, 2030) },
        { area: "service", recipient: "SOF", amounts: flat(800_000, 2027, 2030) },
      ],
    },
  },
  {
    cardId: "hand-02",
    text: "11 mio. kr. (2027 p/1) i 2027 heraf 9,5 mio. kr. til beskæftigelsesrettet aktivering på\nindsats og 1,4 mio. kr. på service til frikøb af to medarbejdere i jobcenteret.",
    quote: undefined,
    decision: "uændret",
    allocation: {
      initiative: "Forankring af metoder fra Projekt Trædesten",
      priceLevel: 2027,
      lines: [
        { area: "indsats", amounts: { "2027": 9_500_000 } },
        { area: "service", amounts: { "2027": 1_400_000 } },
      ],
    },
  },
];

const errorCodes = (text: string, allocation: Allocation) =>
  validateText(text, allocation, { budgetYear: 2027 })
    .issues.filter((issue) => issue.severity === "error")
    .map((issue) => issue.code);

function expectCaught(mutation: Mutation): void {
  const outcome = caught(mutation);
  if (!outcome.caught) {
    throw new Error(
      `${mutation.cardId} ${mutation.kind} (${mutation.note}) not caught: ${JSON.stringify(mutation.text)} → ${outcome.codes.join(", ") || "no error"}; expected ${EXPECTED_CODES[mutation.kind].join(" or ")}`,
    );
  }
}

describe("mutations of hand-made statements", () => {
  it.each(HAND_MADE)("$cardId passes, with its paraphrases", (statement) => {
    expect(errorCodes(statement.text, statement.allocation)).toEqual([]);
    for (const text of paraphrase(statement.allocation))
      expect(errorCodes(text, statement.allocation), text).toEqual([]);
  });

  it.each(HAND_MADE)("$cardId: every mutation is caught with its code", (statement) => {
    const mutations = mutateStatement(statement);
    expect(mutations.length).toBeGreaterThan(4);
    for (const mutation of mutations) expectCaught(mutation);
  });

  it("covers dropped and changed parts on the heraf / fordelt på statements", () => {
    const kinds = new Set(
      HAND_MADE.flatMap((statement) => mutateStatement(statement).map((mutation) => mutation.kind)),
    );
    for (const kind of [
      "amount",
      "unit",
      "period",
      "basis",
      "area",
      "priceLevel",
      "recipient",
      "partDropped",
      "partChanged",
    ] as const)
      expect(kinds).toContain(kind);
  });
});

describe("mutations of the real 2026 proposal statements", () => {
  let statements: RealStatement[] = [];
  let mutations: Mutation[] = [];
  beforeAll(async () => {
    statements = await loadRealStatements();
    mutations = statements
      .filter((statement) => KNOWN_SOURCE_ERRORS[statement.cardId] === undefined)
      .flatMap(mutateStatement);
  });

  it("has allocation files for the annex's proposals", () => {
    expect(statements.length).toBeGreaterThanOrEqual(20);
  });

  it("every real statement passes against its allocation file (the source's own errors aside)", () => {
    for (const statement of statements) {
      const known = KNOWN_SOURCE_ERRORS[statement.cardId];
      const codes = errorCodes(statement.text, statement.allocation);
      expect(codes, `${statement.cardId}: ${statement.text}`).toEqual(
        known === undefined ? [] : [...known.codes],
      );
      if (statement.quote !== undefined)
        expect(
          errorCodes(statement.quote, statement.allocation),
          `${statement.cardId} quote: ${statement.quote}`,
        ).toEqual(known === undefined ? [] : [...known.codes]);
    }
  });

  it("every real statement passes with its card's decision", () => {
    for (const statement of statements) {
      if (KNOWN_SOURCE_ERRORS[statement.cardId] !== undefined) continue;
      const result = validateText(statement.text, statement.allocation, {
        budgetYear: 2027,
        decision: statement.decision,
      });
      expect(result.ok, `${statement.cardId}: ${JSON.stringify(result.issues)}`).toBe(true);
    }
  });

  it("paraphrases of every allocation file pass", () => {
    for (const statement of statements)
      for (const text of paraphrase(statement.allocation))
        expect(errorCodes(text, statement.allocation), text).toEqual([]);
  });

  it.each(MUTATION_CLASSES.map((kind) => [kind]))(
    "%s mutations are all caught",
    (kind: MutationClass) => {
      const ofClass = mutations.filter((mutation) => mutation.kind === kind);
      expect(ofClass.length).toBeGreaterThan(0);
      for (const mutation of ofClass) expectCaught(mutation);
    },
  );
});
