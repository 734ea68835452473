/**
 * The validator on wording no suite was built from: a multi-year amount without a basis word,
 * coordinated clauses with their own areas, figures written with invisible characters, other
 * digit scripts or look-alike letters, and bad input that must end in bounded time.
 */
import { describe, expect, it } from "vitest";
import type { Allocation } from "../../src/domain/index.ts";
import { validateText } from "../../src/validation/validate-text.ts";

const years = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
const flat = (amount: number, from: number, to: number) =>
  Object.fromEntries(years(from, to).map((year) => [String(year), amount]));

const SERVICE: Allocation = {
  initiative: "Forebyggelse af ekstremisme og radikalisering",
  priceLevel: 2027,
  lines: [{ area: "service", amounts: flat(5_700_000, 2027, 2030) }],
};
const PEER: Allocation = {
  initiative: "Styrket beskæftigelsesindsats for borgere med handicap",
  priceLevel: 2027,
  lines: [
    { area: "indsats", amounts: flat(5_000_000, 2027, 2030) },
    { area: "service", amounts: flat(2_000_000, 2027, 2030) },
  ],
};
const codes = (text: string, allocation: Allocation = SERVICE) =>
  validateText(text, allocation).issues.map((issue) => issue.code);

describe("ambiguous_basis", () => {
  it("reports a multi-year amount with no basis word, with the fix the data supports", () => {
    const result = validateText(
      "Der foreslås 5,7 mio. kr. (2027 p/l) på service i 2027-2030.",
      SERVICE,
    );
    expect(result.ok).toBe(false);
    const issue = result.issues.find((entry) => entry.code === "ambiguous_basis");
    expect(issue).toMatchObject({ severity: "error", found: "5,7 mio. kr." });
    expect(issue?.expected).toContain("årligt");
    expect(issue?.message).toContain("Skriv fx");
  });

  it("is silent when the basis is written, before or after, or the period is one year", () => {
    expect(codes("Der foreslås 5,7 mio. kr. årligt (2027 p/l) på service i 2027-2030.")).toEqual(
      [],
    );
    expect(codes("Der foreslås årligt 5,7 mio. kr. (2027 p/l) på service i 2027-2030.")).toEqual(
      [],
    );
    const oneYear: Allocation = {
      ...SERVICE,
      lines: [{ area: "service", amounts: flat(5_700_000, 2027, 2027) }],
    };
    expect(codes("Der foreslås 5,7 mio. kr. (2027 p/l) på service i 2027.", oneYear)).toEqual([]);
  });

  it("suggests 'samlet' for a total that fits the data as a total", () => {
    const result = validateText(
      "Der foreslås 22,8 mio. kr. (2027 p/l) på service i 2027-2030.",
      SERVICE,
    );
    const issue = result.issues.find((entry) => entry.code === "ambiguous_basis");
    expect(issue?.expected).toContain("samlet");
  });
});

describe("coordinated clauses", () => {
  it("gives each clause its own area and shares a price level stated once at the end", () => {
    expect(
      codes(
        "5 mio. kr. årligt til indsats, og 2 mio. kr. årligt til service, (2027 p/l) i 2027-2030.",
        PEER,
      ),
    ).toEqual([]);
    expect(
      codes(
        "5 mio. kr. årligt til indsats og 2 mio. kr. årligt til service (2027 p/l) i 2027-2030.",
        PEER,
      ),
    ).toEqual([]);
  });

  it("shares a period that closes two coordinated clauses with both", () => {
    expect(
      codes(
        "Der foreslås 5,0 mio. kr. årligt på indsats og 2,0 mio. kr. årligt på service i 2027-2030 (2027 p/l).",
        PEER,
      ),
    ).toEqual([]);
  });

  it("still catches a swapped area in a coordinated clause", () => {
    expect(
      codes(
        "5 mio. kr. årligt til service, og 2 mio. kr. årligt til indsats (2027 p/l) i 2027-2030.",
        PEER,
      ),
    ).toContain("area_mismatch");
  });
});

describe("normalised figures", () => {
  const extra = (written: string) =>
    `Der foreslås 5,7 mio. kr. årligt (2027 p/l) på service i 2027-2030 og ${written} årligt på service i 2027-2030.`;

  it.each([
    ["zero-width space", "9,\u200b9 mio. kr."],
    ["word joiner", "9,\u20609 mio. kr."],
    ["Arabic-Indic digits", "٩,٩ mio. kr."],
    ["full-width digits", "９,９ mio. kr."],
    ["a Cyrillic letter in mio.", "9,9 mіo. kr."],
    ["Devanagari digits", "९,९ mio. kr."],
  ])("reads an extra amount written with %s and reports it", (_, written) => {
    const text = extra(written);
    const result = validateText(text, SERVICE);
    expect(result.ok).toBe(false);
    const figure = result.figures.find((entry) => entry.amount?.min === 9_900_000);
    expect(figure).toBeDefined();
    expect(figure?.normalised).toBe(true);
    expect(text.slice(figure?.start, figure?.end)).toBe(written);
    const found = result.issues.map((issue) => issue.code);
    expect(found).toContain("figure_normalised");
    expect(found.some((code) => code === "unmatched_figure" || code === "amount_mismatch")).toBe(
      true,
    );
  });

  it("does not flag a no-break space between number and unit", () => {
    expect(
      codes("Der foreslås 5,7\u00a0mio. kr. årligt (2027 p/l) på service i 2027-2030."),
    ).toEqual([]);
  });
});

describe("bad input ends in bounded time with a clear result", () => {
  const timed = (text: string) => {
    const started = performance.now();
    const result = validateText(text, SERVICE, { maxTextLength: 2_000_000 });
    return { result, ms: performance.now() - started };
  };

  it("a text of invisible characters only", () => {
    const { result, ms } = timed("\u200b\u2060\ufeff".repeat(30_000));
    expect(result.figures).toEqual([]);
    expect(ms).toBeLessThan(3_000);
  });

  it("1 MB of digits is no figure", () => {
    const { result, ms } = timed("7".repeat(1_000_000));
    expect(result.figures.filter((figure) => figure.kind === "money")).toEqual([]);
    expect(ms).toBeLessThan(5_000);
  });

  it("1 MB of digits at the default limit answers text_too_long at once", () => {
    const result = validateText("7".repeat(1_000_000), SERVICE);
    expect(result.issues.map((issue) => issue.code)).toEqual(["text_too_long"]);
  });

  it("a figure split across a line break is read as one figure", () => {
    const result = validateText(
      "Der foreslås 5,7\nmio. kr. årligt (2027 p/l) på\nservice i 2027-\n2030.",
      SERVICE,
    );
    expect(result.issues).toEqual([]);
    expect(result.figures.filter((figure) => figure.kind === "money")).toHaveLength(1);
  });

  it("mixed scripts around a figure", () => {
    const { result, ms } = timed(
      "Предлагается 5,7 mio. kr. årligt (2027 p/l) på service i 2027-2030 — ٢٠٢٧ p/l, 漢字 ∑ 😀.",
    );
    expect(ms).toBeLessThan(2_000);
    expect(result.figures.some((figure) => figure.amount?.min === 5_700_000)).toBe(true);
  });
});
