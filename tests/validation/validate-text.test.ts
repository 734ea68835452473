import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Allocation, AllocationLine, Area, ValidationCode } from "../../src/domain/index.ts";
import { AREAS, ValidationResultSchema } from "../../src/domain/index.ts";
import { formatAllocation, formatAllocationLine } from "../../src/money/index.ts";
import { ValidateTextInputSchema, validateText } from "../../src/validation/validate-text.ts";

const years = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
const flat = (amount: number, from: number, to: number) =>
  Object.fromEntries(years(from, to).map((year) => [String(year), amount]));

/** The brief's allocation: 5,7 mio. kr. a year to BIF on service in 2027-2030, 2027 p/l. */
const EXTREMISM: Allocation = {
  initiative: "Forebyggelse af ekstremisme og radikalisering",
  priceLevel: 2027,
  lines: [{ area: "service", recipient: "BIF", amounts: flat(5_700_000, 2027, 2030) }],
};
const TWO_LINES: Allocation = {
  initiative: "Styrket indsats for fastholdelse af internationale arbejdere",
  priceLevel: 2027,
  lines: [
    { area: "indsats", amounts: flat(1_100_000, 2027, 2030) },
    { area: "service", amounts: flat(600_000, 2027, 2030) },
  ],
};
const SPLIT: Allocation = {
  initiative: "SSP+ indsats for kriminalitetstruede unge",
  priceLevel: 2027,
  lines: [
    { area: "service", recipient: "BIF", amounts: flat(2_300_000, 2027, 2030) },
    { area: "service", recipient: "SOF", amounts: flat(800_000, 2027, 2030) },
  ],
};

const codes = (
  text: string,
  allocation: Allocation = EXTREMISM,
  options: Parameters<typeof validateText>[2] = {},
) => validateText(text, allocation, options).issues.map((issue) => issue.code);
const errors = (
  text: string,
  allocation: Allocation = EXTREMISM,
  options: Parameters<typeof validateText>[2] = {},
) =>
  validateText(text, allocation, options)
    .issues.filter((issue) => issue.severity === "error")
    .map((issue) => issue.code);

describe("validateText: statements that agree with the data", () => {
  it.each([
    "Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
    "5,7 mio. kr. om året",
    "5.700.000 kr. årligt",
    "i alt 22,8 mio. kr. i 2027-2030",
    "5,7 mio. kr. pr. år fra 2027 til 2030",
    "5.700 t.kr. årligt",
    "Forvaltningen foreslår, at indsatsen videreføres med 5,7 mio. kr. årligt på service i 2027-2030 (2027 p/l).",
    "Der afsættes samlet 22,8 mio. kr. (2027 p/l) til BIF på service i 2027-2030.",
    "6 mio. kr. årligt",
  ])("passes %s", (text) => {
    const result = validateText(text, EXTREMISM, { budgetYear: 2027, decision: "uændret" });
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(
      result.figures
        .filter((figure) => figure.kind === "money")
        .every((figure) => figure.status === "ok" && figure.matchedLine === 0),
    ).toBe(true);
    expect(ValidationResultSchema.safeParse(result).success).toBe(true);
  });

  it("respects the written precision: '5,7 mio.' for 5.712.000 kr., '11 mio.' for 10,9 mio. kr.", () => {
    const odd: Allocation = {
      initiative: "x",
      priceLevel: 2027,
      lines: [{ area: "service", amounts: flat(5_712_000, 2027, 2030) }],
    };
    expect(codes("5,7 mio. kr. årligt", odd)).toEqual([]);
    expect(codes("5,71 mio. kr. årligt", odd)).toEqual([]);
    expect(codes("5,72 mio. kr. årligt", odd)).toEqual(["amount_mismatch"]);
    const eleven: Allocation = {
      initiative: "x",
      priceLevel: 2027,
      lines: [{ area: "service", amounts: { "2027": 10_900_000 } }],
    };
    expect(codes("11 mio. kr. i 2027", eleven)).toEqual([]);
    expect(codes("12 mio. kr. i 2027", eleven)).toEqual(["amount_mismatch"]);
  });

  it("keeps non-money numbers out of money checks", () => {
    const text =
      "I perioden har 162 borgere deltaget, og 32 pct. opnåede job i 2025. Se nr. 26. Der foreslås 5,7 mio. kr. årligt på service i 2027-2030.";
    const result = validateText(text, EXTREMISM, { budgetYear: 2027 });
    expect(result.issues).toEqual([]);
    expect(result.figures.map((figure) => figure.kind)).toEqual([
      "count",
      "percent",
      "date",
      "reference",
      "money",
      "date",
      "date",
    ]);
    expect(
      result.figures
        .filter((figure) => figure.kind !== "money")
        .every((figure) => figure.status === "ok" && figure.matchedLine === undefined),
    ).toBe(true);
  });

  it("reads two lines, each on its own area", () => {
    expect(
      codes(
        "1,1 mio. kr. årligt (2027 p/l) på indsats og 0,6 mio. kr. årligt på service i 2027-2030.",
        TWO_LINES,
      ),
    ).toEqual([]);
  });

  it("accepts a whole and its parts: 'fordelt på' two lines, 'heraf' adding up within rounding", () => {
    expect(
      codes(
        "3,1 mio. kr. årligt (2027 p/l) på service i 2027-2030, fordelt på 2,3 mio. kr. til BIF og 0,8 mio. kr. til SOF.",
        SPLIT,
      ),
    ).toEqual([]);
    const trædesten: Allocation = {
      initiative: "Trædesten",
      priceLevel: 2027,
      lines: [
        { area: "indsats", amounts: { "2027": 9_500_000 } },
        { area: "service", amounts: { "2027": 1_400_000 } },
      ],
    };
    expect(
      codes(
        "11 mio. kr. (2027 p/l) i 2027 heraf 9,5 mio. kr. til aktivering på indsats og 1,4 mio. kr. på service til frikøb.",
        trædesten,
      ),
    ).toEqual([]);
    const oneLine: Allocation = {
      initiative: "x",
      priceLevel: 2027,
      lines: [{ area: "service", amounts: flat(3_100_000, 2027, 2030) }],
    };
    const result = validateText(
      "3,1 mio. kr. årligt (2027 p/l) på service i 2027-2030, fordelt på 2,3 mio. kr. til BIF og 0,8 mio. kr. til SOF.",
      oneLine,
    );
    expect(result.issues).toEqual([]);
    expect(
      result.figures.filter((figure) => figure.kind === "money").map((figure) => figure.status),
    ).toEqual(["ok", "ok", "ok"]);
  });
});

describe("validateText: one code per kind of error", () => {
  const cases: Array<[ValidationCode, string, Allocation?]> = [
    ["amount_mismatch", "6,0 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030."],
    ["unit_error", "5,7 kr. årligt (2027 p/l) til BIF på service i 2027-2030."],
    ["unit_error", "5.700 kr. årligt (2027 p/l) til BIF på service i 2027-2030."],
    ["period_mismatch", "5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2028-2031."],
    ["basis_confusion", "22,8 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030."],
    ["basis_confusion", "5,7 mio. kr. i alt (2027 p/l) til BIF på service i 2027-2030."],
    ["area_mismatch", "5,7 mio. kr. årligt (2027 p/l) til BIF på indsats i 2027-2030."],
    ["price_level_mismatch", "5,7 mio. kr. årligt (2026 p/l) til BIF på service i 2027-2030."],
    ["recipient_mismatch", "5,7 mio. kr. årligt (2027 p/l) til SOF på service i 2027-2030."],
    [
      "parts_do_not_add_up",
      "3,1 mio. kr. årligt (2027 p/l) på service i 2027-2030, fordelt på 2,3 mio. kr. til BIF.",
      SPLIT,
    ],
    [
      "unmatched_figure",
      "1,1 mio. kr. årligt på indsats i 2027-2030 og 0,6 mio. kr. årligt på service i 2027-2030 samt 3,3 mio. kr. på anlæg i 2031.",
      TWO_LINES,
    ],
  ];
  it.each(cases)("%s: %s", (code, text, allocation = EXTREMISM) => {
    const result = validateText(text, allocation);
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toContain(code);
    const issue = result.issues.find((candidate) => candidate.code === code);
    expect(issue?.severity).toBe("error");
    expect(issue?.message).toMatch(/[a-zæøå]/);
    expect(issue?.start).toBeLessThan(issue?.end ?? 0);
  });

  it("reports exactly the one disagreement of an otherwise right figure", () => {
    expect(errors("5,7 mio. kr. årligt (2027 p/l) til BIF på indsats i 2027-2030.")).toEqual([
      "area_mismatch",
    ]);
    expect(errors("6,0 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.")).toEqual([
      "amount_mismatch",
    ]);
  });

  it("writes the caseworker's message with the span of the figure", () => {
    const text = "Der foreslås 6,0 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.";
    const [issue] = validateText(text, EXTREMISM).issues;
    expect(issue?.message).toBe(
      "Beløbet 6,0 mio. kr. passer ikke med bevillingen: 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
    );
    expect(text.slice(issue?.start, issue?.end)).toBe("6,0 mio. kr.");
    expect(issue).toMatchObject({
      found: "6,0 mio. kr.",
      expected: "5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030",
    });
    const figure = validateText(text, EXTREMISM).figures.find(
      (candidate) => candidate.kind === "money",
    );
    expect(figure).toMatchObject({ status: "error", matchedLine: 0, reason: issue?.message });
  });

  it("checks the recipient only when the figure names it itself", () => {
    const mixed: Allocation = {
      initiative: "x",
      priceLevel: 2027,
      lines: [
        { area: "service", recipient: "BIF", amounts: flat(1_000_000, 2027, 2030) },
        { area: "indsats", recipient: "SOF", amounts: flat(2_000_000, 2027, 2030) },
      ],
    };
    expect(
      codes(
        "1,0 mio. kr. årligt på service i 2027-2030 og 2,0 mio. kr. årligt til SOF på indsats i 2027-2030.",
        mixed,
      ),
    ).toEqual([]);
  });

  it("warns about a line the text never mentions", () => {
    const result = validateText(
      "1,1 mio. kr. årligt (2027 p/l) på indsats i 2027-2030.",
      TWO_LINES,
    );
    expect(result.ok).toBe(true);
    expect(result.issues).toMatchObject([
      {
        code: "line_not_mentioned",
        severity: "warning",
        expected: "0,6 mio. kr. årligt (2027 p/l) på service i 2027-2030",
      },
    ]);
  });

  it("reports a proposal period that starts before the budget year", () => {
    const allocation: Allocation = {
      initiative: "x",
      priceLevel: 2027,
      lines: [{ area: "service", amounts: flat(1_400_000, 2024, 2026) }],
    };
    expect(
      codes("1,4 mio. kr. årligt (2027 p/l) på service i 2024-2026.", allocation, {
        budgetYear: 2027,
      }),
    ).toEqual(["period_before_budget_year"]);
    expect(codes("1,4 mio. kr. årligt (2027 p/l) på service i 2024-2026.", allocation)).toEqual([]);
  });

  it("reports money against a decision to stop, and no money against a decision to continue", () => {
    expect(
      codes("5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.", EXTREMISM, {
        decision: "ophører",
      }),
    ).toEqual(["decision_conflict"]);
    expect(
      codes(
        "Indsatsen bør ikke videreføres. Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
      ),
    ).toEqual(["decision_conflict"]);
    expect(errors("Indsatsen videreføres uændret.", EXTREMISM, { decision: "uændret" })).toEqual([
      "decision_conflict",
    ]);
    expect(errors("Indsatsen videreføres uændret.", EXTREMISM)).toEqual([]);
    expect(errors("Indsatsen bør ikke videreføres.", EXTREMISM, { decision: "ophører" })).toEqual(
      [],
    );
  });

  it("reads allocation data without a price level as current prices", () => {
    const current: Allocation = { ...EXTREMISM, priceLevel: undefined };
    delete current.priceLevel;
    expect(
      codes("5,7 mio. kr. årligt (løbende p/l) til BIF på service i 2027-2030.", current),
    ).toEqual([]);
    const [issue] = validateText(
      "5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
      current,
    ).issues;
    expect(issue).toMatchObject({
      code: "price_level_mismatch",
      expected: "løbende p/l",
      found: "2027 p/l",
    });
  });

  it("does not call a zero a unit error", () => {
    expect(errors("Der foreslås 0 kr. årligt på service i 2027-2030.")).toEqual([
      "amount_mismatch",
    ]);
  });

  it("gives one text_too_long issue without scanning a text over the limit", () => {
    const result = validateText("5,7 mio. kr. ".repeat(20), EXTREMISM, { maxTextLength: 100 });
    expect(result).toMatchObject({ ok: false, figures: [] });
    expect(result.issues.map((issue) => issue.code)).toEqual(["text_too_long"]);
    const long = validateText("x".repeat(100_001), EXTREMISM);
    expect(long.issues.map((issue) => issue.code)).toEqual(["text_too_long"]);
  });

  it("parses its input with zod", () => {
    expect(
      ValidateTextInputSchema.safeParse({
        text: "5,7 mio. kr.",
        allocation: EXTREMISM,
        options: { budgetYear: 2027, decision: "uændret" },
      }).success,
    ).toBe(true);
    expect(
      ValidateTextInputSchema.safeParse({
        text: "5,7 mio. kr.",
        allocation: { initiative: "x", lines: [] },
      }).success,
    ).toBe(false);
    expect(ValidateTextInputSchema.safeParse({ text: 5, allocation: EXTREMISM }).success).toBe(
      false,
    );
  });
});

// ---- property tests: anything the formatter writes passes; any one-field change fails with its code

const RECIPIENTS = ["BIF", "SOF", "BUF", "KFF"] as const;
const lineArbitrary: fc.Arbitrary<AllocationLine> = fc
  .record({
    area: fc.constantFrom(...AREAS),
    recipient: fc.option(fc.constantFrom(...RECIPIENTS), { nil: undefined }),
    from: fc.integer({ min: 2024, max: 2032 }),
    tenths: fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
    flat: fc.boolean(),
  })
  .map(({ area, recipient, from, tenths, flat: isFlat }) => {
    const first = tenths[0] ?? 1;
    const amounts = Object.fromEntries(
      tenths.map((tenth, offset) => [String(from + offset), (isFlat ? first : tenth) * 100_000]),
    );
    return recipient === undefined ? { area, amounts } : { area, recipient, amounts };
  });
const allocationArbitrary: fc.Arbitrary<Allocation> = fc
  .record({
    lines: fc.array(lineArbitrary, { minLength: 1, maxLength: 3 }),
    priceLevel: fc.integer({ min: 2020, max: 2035 }),
  })
  .map(({ lines, priceLevel }) => ({ initiative: "Generated", priceLevel, lines }));

/** Renders lines the way formatAllocation does, each with its own options. */
function render(fragments: readonly string[]): string {
  const joined =
    fragments.length <= 1
      ? (fragments[0] ?? "")
      : `${fragments.slice(0, -1).join(", ")} og ${fragments[fragments.length - 1] ?? ""}`;
  return `Der foreslås ${joined}.`;
}

type Perturbation = "amount" | "area" | "year" | "priceLevel" | "recipient" | "basis";
const EXPECTED_CODE: Record<Perturbation, ValidationCode> = {
  amount: "amount_mismatch",
  area: "area_mismatch",
  year: "period_mismatch",
  priceLevel: "price_level_mismatch",
  recipient: "recipient_mismatch",
  basis: "basis_confusion",
};

/** Every amount the data could be read as: per year, run totals, line totals. */
function readings(allocation: Allocation): number[] {
  return allocation.lines.flatMap((line) => {
    const values = Object.values(line.amounts);
    const total = values.reduce((sum, value) => sum + value, 0);
    const prefixSums = values.flatMap((_, start) =>
      values
        .slice(start)
        .map((__, length) =>
          values.slice(start, start + length + 1).reduce((sum, value) => sum + value, 0),
        ),
    );
    return [...values, total, ...prefixSums];
  });
}

function perturb(
  allocation: Allocation,
  index: number,
  kind: Perturbation,
  choice: number,
): string | undefined {
  const fragments = allocation.lines.map((line) =>
    formatAllocationLine(line, { priceLevel: allocation.priceLevel }),
  );
  const line = allocation.lines[index];
  if (line === undefined) return undefined;
  const shifted = (offset: number) =>
    Object.fromEntries(
      Object.entries(line.amounts).map(([year, amount]) => [String(Number(year) + offset), amount]),
    );
  let changed: string | undefined;
  switch (kind) {
    case "amount": {
      const delta = (2 + (choice % 20)) * 100_000 * (choice % 2 === 0 ? 1 : -1);
      const amounts = Object.fromEntries(
        Object.entries(line.amounts).map(([year, amount]) => [year, amount + delta]),
      );
      if (Object.values(amounts).some((amount) => amount <= 0)) return undefined;
      const taken = readings(allocation);
      if (
        Object.values(amounts).some((amount) =>
          taken.some((reading) => Math.abs(reading - amount) < 100_000),
        )
      )
        return undefined;
      changed = formatAllocationLine({ ...line, amounts }, { priceLevel: allocation.priceLevel });
      break;
    }
    case "area": {
      const others = AREAS.filter((area) => area !== line.area);
      changed = formatAllocationLine(
        { ...line, area: others[choice % others.length] as Area },
        { priceLevel: allocation.priceLevel },
      );
      break;
    }
    case "year":
      changed = formatAllocationLine(
        { ...line, amounts: shifted(choice % 2 === 0 ? 1 : -1) },
        { priceLevel: allocation.priceLevel },
      );
      break;
    case "priceLevel":
      changed = formatAllocationLine(line, {
        priceLevel: (allocation.priceLevel ?? 2027) + (choice % 2 === 0 ? 1 : -1),
      });
      break;
    case "recipient": {
      if (line.recipient === undefined) return undefined;
      const others = RECIPIENTS.filter((recipient) => recipient !== line.recipient);
      changed = formatAllocationLine(
        { ...line, recipient: others[choice % others.length] as string },
        { priceLevel: allocation.priceLevel },
      );
      break;
    }
    case "basis": {
      const fragment = fragments[index] ?? "";
      if (!fragment.includes(" årligt")) return undefined;
      changed = fragment.replace(" årligt", " i alt");
      break;
    }
  }
  fragments[index] = changed;
  return render(fragments);
}

describe("validateText: property tests", () => {
  it("any allocation rendered by formatAllocation passes with no issue", () => {
    fc.assert(
      fc.property(allocationArbitrary, (allocation) => {
        const text = formatAllocation(allocation);
        const result = validateText(text, allocation);
        if (!result.ok || result.issues.length > 0)
          throw new Error(`${text}\n${JSON.stringify(result.issues, null, 1)}`);
        return true;
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it("the test's renderer is formatAllocation", () => {
    fc.assert(
      fc.property(
        allocationArbitrary,
        (allocation) =>
          render(
            allocation.lines.map((line) =>
              formatAllocationLine(line, { priceLevel: allocation.priceLevel }),
            ),
          ) === formatAllocation(allocation),
      ),
    );
  });

  it("any single-field change of the rendered text fails with that field's code", () => {
    fc.assert(
      fc.property(
        allocationArbitrary,
        fc.nat(),
        fc.constantFrom<Perturbation>("amount", "area", "year", "priceLevel", "recipient", "basis"),
        fc.nat(),
        (allocation, lineChoice, kind, choice) => {
          const text = perturb(allocation, lineChoice % allocation.lines.length, kind, choice);
          fc.pre(text !== undefined);
          const result = validateText(text ?? "", allocation);
          const found = result.issues
            .filter((issue) => issue.severity === "error")
            .map((issue) => issue.code);
          if (result.ok || !found.includes(EXPECTED_CODE[kind]))
            throw new Error(
              `${kind}: ${text}\n${formatAllocation(allocation)}\n${JSON.stringify(result.issues, null, 1)}`,
            );
          return true;
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 600) },
    );
  });
});

describe("bounded work", () => {
  it("refuses a text with more money figures than one card holds, quickly, with one issue", async () => {
    const { MAX_MONEY_FIGURES } = await import("../../src/validation/validate-text.ts");
    const allocation = {
      initiative: "x",
      priceLevel: 2027,
      lines: [{ area: "service" as const, amounts: { "2027": 1_000_000 } }],
    };
    const started = performance.now();
    const result = validateText("1 kr. ".repeat(4_000), allocation);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: "text_too_long",
        message: expect.stringContaining(`højst ${MAX_MONEY_FIGURES}`),
      }),
    ]);
  });
});
