import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agreesAtPrecision,
  extractFigures,
  formatDanishAmount,
  formatDanishNumber,
  formatPeriod,
  parseDanishAmount,
  parseDanishAmountAs,
  parseDanishNumber,
  parsePriceLevel,
  readPeriod,
  UNIT_FACTORS,
  unitOfFactor,
} from "../../src/money/index.ts";

const money = (text: string) => extractFigures(text).filter((figure) => figure.kind === "money");

describe("Danish numbers", () => {
  it.each([
    ["3.150.000", 3_150_000, 0],
    ["5,7", 5.7, 1],
    ["11.000", 11_000, 0],
    ["-1.200", -1_200, 0],
    ["0,25", 0.25, 2],
  ])("reads %s", (written, value, decimals) => {
    expect(parseDanishNumber(written)).toMatchObject({ value, decimals });
  });

  it("rejects what is not a Danish number", () => {
    for (const written of ["", "abc", "1.00", "1,2,3", "12.34.567"])
      expect(parseDanishNumber(written)).toBeUndefined();
  });

  it("round-trips any integer and any one-decimal value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        (value) => parseDanishNumber(formatDanishNumber(value))?.value === value,
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e7 }),
        (tenths) => parseDanishNumber(formatDanishNumber(tenths / 10, 1))?.value === tenths / 10,
      ),
    );
  });
});

describe("Danish amounts", () => {
  it.each([
    ["5,7 mio. kr.", 5_700_000, 5_700_000, "mio. kr.", 1],
    ["11 mio. kr.", 11_000_000, 11_000_000, "mio. kr.", 0],
    ["3.150.000 kr.", 3_150_000, 3_150_000, "kr.", 0],
    ["2-300.000", 200_000, 300_000, "kr.", 0],
    ["5.700 t.kr.", 5_700_000, 5_700_000, "1.000 kr.", 0],
    ["[69,1] mio. kr.", 69_100_000, 69_100_000, "mio. kr.", 1],
    ["2,5 mio.", 2_500_000, 2_500_000, "mio. kr.", 1],
    ["5-10 mio. kr.", 5_000_000, 10_000_000, "mio. kr.", 0],
  ])("reads %s", (written, min, max, unit, decimals) => {
    expect(parseDanishAmount(written)).toEqual({ amount: { min, max }, unit, decimals });
  });

  it("formats whole kroner the department's way", () => {
    expect(formatDanishAmount(5_700_000)).toBe("5,7 mio. kr.");
    expect(formatDanishAmount(3_150_000, { unit: "kr." })).toBe("3.150.000 kr.");
    expect(formatDanishAmount(11_000_000, { decimals: 0 })).toBe("11 mio. kr.");
    expect(formatDanishAmount(5_700_000, { unit: "1.000 kr." })).toBe("5.700 1.000 kr.");
  });

  it("parse(format(x)) == x for kroner and for millions at one decimal", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        (kroner) =>
          parseDanishAmount(formatDanishAmount(kroner, { unit: "kr." }))?.amount.min === kroner,
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (tenths) => {
        const kroner = tenths * 100_000;
        return (
          parseDanishAmount(formatDanishAmount(kroner, { unit: "mio. kr.", decimals: 1 }))?.amount
            .min === kroner
        );
      }),
    );
  });

  it("agrees at the written precision and not beyond", () => {
    const written = parseDanishAmount("5,7 mio. kr.");
    if (written === undefined) throw new Error("unparsed");
    expect(agreesAtPrecision(5_712_000, written)).toBe(true);
    expect(agreesAtPrecision(5_650_000, written)).toBe(true);
    expect(agreesAtPrecision(5_750_000, written)).toBe(false);
    expect(agreesAtPrecision(6_000_000, written)).toBe(false);
    const eleven = parseDanishAmount("11 mio. kr.");
    if (eleven === undefined) throw new Error("unparsed");
    expect(agreesAtPrecision(11_400_000, eleven)).toBe(true);
    expect(agreesAtPrecision(11_600_000, eleven)).toBe(false);
  });

  it("any formatted amount agrees with itself, and a one-step change does not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), (tenths) => {
        const kroner = tenths * 100_000;
        const written = parseDanishAmount(
          formatDanishAmount(kroner, { unit: "mio. kr.", decimals: 1 }),
        );
        return (
          written !== undefined &&
          agreesAtPrecision(kroner, written) &&
          !agreesAtPrecision(kroner + 100_000, written)
        );
      }),
    );
  });
});

describe("periods", () => {
  it.each([
    ["i 2027-2030", [2027, 2028, 2029, 2030]],
    ["i 2027 og 2028", [2027, 2028]],
    ["fra 2023 til 2026", [2023, 2024, 2025, 2026]],
    ["i 2024-26", [2024, 2025, 2026]],
    ["første halvår af 2027", [2027]],
  ])("reads %s", (written, years) => {
    expect(readPeriod(written)).toEqual(years);
  });

  it("formats and reads back any contiguous period", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 0, max: 8 }),
        (from, length) => {
          const years = Array.from({ length: length + 1 }, (_, offset) => from + offset);
          return JSON.stringify(readPeriod(`i ${formatPeriod(years)}`)) === JSON.stringify(years);
        },
      ),
    );
  });
});

describe("extractFigures", () => {
  it("reads a proposal sentence with all its fields", () => {
    const [figure] = money(
      "Forvaltningen foreslår 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030.",
    );
    expect(figure).toMatchObject({
      text: "5,7 mio. kr.",
      amount: { min: 5_700_000, max: 5_700_000 },
      basis: "per_year",
      years: [2027, 2028, 2029, 2030],
      area: "service",
      priceLevel: 2027,
      recipient: "BIF",
    });
  });

  it("gives each amount its own period and the shared area", () => {
    const figures = money(
      "Med budget 2023 blev der afsat 2,7 mio. kr. i 2023 og 7,4 mio. kr. årligt på service i 2024-2026.",
    );
    expect(
      figures.map((figure) => [figure.amount?.min, figure.years, figure.basis, figure.area]),
    ).toEqual([
      [2_700_000, [2023], "unspecified", "service"],
      [7_400_000, [2024, 2025, 2026], "per_year", "service"],
    ]);
  });

  it("links heraf and fordelt på parts to their whole", () => {
    const text =
      "3,1 mio. kr. årligt (2027 p/l) på service i 2027-2030, fordelt på 2,3 mio. kr. til BIF og 0,8 mio. kr. til SOF.";
    const figures = extractFigures(text);
    const whole = figures.findIndex((figure) => figure.text === "3,1 mio. kr.");
    const parts = figures.filter((figure) => figure.partOf === whole);
    expect(parts.map((figure) => [figure.amount?.min, figure.recipient])).toEqual([
      [2_300_000, "BIF"],
      [800_000, "SOF"],
    ]);
    expect(figures[whole]?.recipient).toBeUndefined();
  });

  it("keeps non-money numbers out of money", () => {
    const figures = extractFigures(
      "I perioden har 162 borgere deltaget, og 32 pct. opnåede job i 2025. Se nr. 26 og 1.525 unge.",
    );
    expect(figures.map((figure) => [figure.kind, figure.text])).toEqual([
      ["count", "162"],
      ["percent", "32 pct."],
      ["date", "2025"],
      ["reference", "26"],
      ["count", "1.525"],
    ]);
  });

  it("reports offsets into the text", () => {
    const text = "Indledning. Der afsættes 2-300.000 årligt til formålet.";
    for (const figure of extractFigures(text))
      expect(text.slice(figure.start, figure.end)).toBe(figure.text);
    expect(money(text)[0]).toMatchObject({
      amount: { min: 200_000, max: 300_000 },
      basis: "per_year",
    });
  });

  it("gives the sentence as it stands in the text, matching its offsets, also when normalised", () => {
    const texts = [
      "Indledning.   Der afsættes 2,0 mio. kr. årligt på service i 2024-2026.  ",
      // Zero-width space and a Cyrillic "о" in "miо.": the figure is read from the normalised form.
      "Indledning. Der afsættes 2,\u200b0 miо. kr. årligt på service i 2024-2026.\n- 1 mio. kr. til BIF",
    ];
    for (const text of texts) {
      const figures = extractFigures(text);
      expect(figures.length).toBeGreaterThan(0);
      for (const figure of figures) {
        expect(text.slice(figure.sentence.start, figure.sentence.end)).toBe(figure.sentence.text);
        expect(figure.sentence.text).toBe(figure.sentence.text.trim());
      }
    }
    expect(money(texts[1] ?? "")[0]).toMatchObject({
      amount: { min: 2_000_000 },
      normalised: true,
    });
  });

  it("finds every amount the formatter writes into a sentence, with its fields", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.constantFrom("service", "indsats", "overførsler", "anlæg"),
        fc.integer({ min: 2024, max: 2035 }),
        fc.integer({ min: 0, max: 4 }),
        (tenths, area, from, length) => {
          const years = Array.from({ length: length + 1 }, (_, offset) => from + offset);
          const text = `Der afsættes ${formatDanishAmount(tenths * 100_000, { unit: "mio. kr.", decimals: 1 })} årligt (${from} p/l) på ${area} i ${formatPeriod(years)}.`;
          const [figure] = money(text);
          return (
            figure?.amount?.min === tenths * 100_000 &&
            figure.area === area &&
            figure.priceLevel === from &&
            figure.basis === "per_year" &&
            JSON.stringify(figure.years) === JSON.stringify(years)
          );
        },
      ),
    );
  });
});

describe("extractFigures on the OCR of the 2026 annex", () => {
  it.each([
    ["0,5 mio. kr. årligt (2027 p/1) påservice i 2027-2030.", "service", [2027, 2028, 2029, 2030]],
    ["11,5 mio. kr. årligt (2027 p/l) paservicei 2027-2030.", "service", [2027, 2028, 2029, 2030]],
    [
      "4,8 mio. kr. årligt (2027 p/l) på overfersleri 2027-2030 til forforløb.",
      "overførsler",
      [2027, 2028, 2029, 2030],
    ],
    ["9,5 mio. kr. til aktivering på\nindsats og mere.", "indsats", []],
  ])("reads the area of %j", (text, area, years) => {
    const [figure] = money(text);
    expect(figure).toMatchObject({ area, years });
    expect(figure?.inherited ?? []).not.toContain("area");
  });

  it("reads '(2027/pl)' as a price level, not a period", () => {
    expect(
      money("BIFs merudgifter er 1,2 mio. kr. for det første halvår af 2027 (2027/pl).")[0],
    ).toMatchObject({ priceLevel: 2027, years: [2027] });
  });

  it("reads OCR's decimal point in millions: '2.8 mio. kr.' is 2,8 mio. kr.", () => {
    const text = "2.8 mio. kr. årligt (2027 p/1) på indsats i 2027-2030.";
    const [figure] = money(text);
    expect(figure).toMatchObject({
      text: "2.8 mio. kr.",
      amount: { min: 2_800_000, max: 2_800_000 },
      decimals: 1,
      start: 0,
    });
    expect(money("3.150.000 kr. i alt")[0]?.amount?.min).toBe(3_150_000);
  });

  it("reads 'arligt' and '&rligt' as per year, and 'fordelt pa' as parts", () => {
    expect(money("5 mio. kr. &rligt til indsats")[0]?.basis).toBe("per_year");
    expect(money("0,5 mio. kr. arligt (2027 p/1) pa service")[0]?.basis).toBe("per_year");
    const figures = extractFigures(
      "3,1 mio. kr. arligt (2027 p/l) pa service i 2027-2030, fordelt pa 2,3 mio. kr. til BIF\n0g 0,8 mio. kr. til SOF.",
    );
    expect(
      figures.filter((figure) => figure.partOf === 0).map((figure) => figure.amount?.min),
    ).toEqual([2_300_000, 800_000]);
  });

  it("rereads an amount in another unit (to tell a wrong unit from a wrong number)", () => {
    expect(parseDanishAmountAs("5,7 kr.", "mio. kr.")).toEqual({
      amount: { min: 5_700_000, max: 5_700_000 },
      unit: "mio. kr.",
      decimals: 1,
    });
    expect(parseDanishAmountAs("5.700 kr.", "1.000 kr.")?.amount).toEqual({
      min: 5_700_000,
      max: 5_700_000,
    });
    expect(parseDanishAmountAs("2-300.000 kr.", "kr.")?.amount).toEqual({
      min: 200_000,
      max: 300_000,
    });
    expect(parseDanishAmountAs("kr.", "kr.")).toBeUndefined();
  });
});

describe("sentences", () => {
  it("ends a sentence where a bullet point starts", async () => {
    const { splitSentences } = await import("../../src/money/index.ts");
    const text =
      "Indsatsen videreføres med følgende justeringer:\n- Masterclass-indsatsen nedjusteres\n- Program for grønne signaturvirksomheder videreføres ikke";
    expect(
      splitSentences(text).map((sentence) => text.slice(sentence.start, sentence.end).trim()),
    ).toEqual([
      "Indsatsen videreføres med følgende justeringer:",
      "- Masterclass-indsatsen nedjusteres",
      "- Program for grønne signaturvirksomheder videreføres ikke",
    ]);
  });
});

describe("extreme input", () => {
  it("validates a figure written with hundreds of decimals without throwing", async () => {
    const { validateText } = await import("../../src/validation/validate-text.ts");
    const text = `644.910.469,${"9".repeat(300)} mio.kr. til BIF i 2027.`;
    const allocation = {
      initiative: "x",
      priceLevel: 2027,
      lines: [{ area: "service" as const, amounts: { "2027": 1_000_000 } }],
    };
    expect(() => validateText(text, allocation)).not.toThrow();
    expect(formatDanishNumber(1.5, 400)).toMatch(/^1,5/);
  });
});

describe("cell readers shared with the importers", () => {
  it("reads a whole cell as a price level, and nothing else", () => {
    expect(
      ["2027", "2027 p/l", "2027-p/l", "2027 – p/l", "2150", "løbende", "Løbende priser"].map(
        (text) => parsePriceLevel(text),
      ),
    ).toEqual([2027, 2027, 2027, 2027, 2150, "løbende", "løbende"]);
    for (const text of ["", "p/l", "abc 2027 p/l", "2027 kr.", "27"])
      expect(parsePriceLevel(text)).toBeUndefined();
  });

  it("names the unit of a factor, the inverse of UNIT_FACTORS", () => {
    for (const [unit, factor] of Object.entries(UNIT_FACTORS))
      expect(unitOfFactor(factor)).toBe(unit);
    expect(unitOfFactor(10)).toBeUndefined();
  });
});
