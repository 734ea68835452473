/** Property tests of the grammar's clause attribution: coordination and part/whole inheritance. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractFigures, formatDanishNumber, formatPeriod } from "../../src/money/index.ts";

const AREAS = ["service", "indsats", "overførsler", "anlæg"] as const;
const money = (text: string) => extractFigures(text).filter((figure) => figure.kind === "money");
const mio = (tenths: number) => `${formatDanishNumber(tenths / 10, 1)} mio. kr.`;

describe("coordinated clauses", () => {
  it("share a period stated once at the end, and keep their own area", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...AREAS), { minLength: 2, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 2024, max: 2032 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(" og ", ", og ", "; "),
        (areas, amounts, from, length, join) => {
          const years = Array.from({ length: length + 1 }, (_, offset) => from + offset);
          const clauses = areas.map(
            (area, index) => `${mio(amounts[index] ?? 1)} årligt på ${area}`,
          );
          const text = `Der foreslås ${clauses.join(join)} i ${formatPeriod(years)} (2027 p/l).`;
          const figures = money(text);
          expect(figures.map((figure) => figure.area)).toEqual(areas);
          for (const figure of figures) {
            expect(figure.years).toEqual(years);
            expect(figure.basis).toBe("per_year");
            expect(figure.priceLevel).toBe(2027);
          }
        },
      ),
    );
  });

  it("an area and recipient written before the amount stay in their clause", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...AREAS), { minLength: 2, maxLength: 2 }),
        fc.constantFrom(["BIF", "SOF"], ["SOF", "BUF"]),
        (areas, recipients) => {
          const text = `Der foreslås på ${areas[0]} til ${recipients[0]} 1,0 mio. kr. årligt i 2027-2030, og på ${areas[1]} til ${recipients[1]} 2,0 mio. kr. årligt i 2027-2030.`;
          const figures = money(text);
          expect(figures.map((figure) => [figure.area, figure.recipient])).toEqual([
            [areas[0], recipients[0]],
            [areas[1], recipients[1]],
          ]);
        },
      ),
    );
  });
});

describe("parts inherit from their whole", () => {
  it("basis, years and area flow to parts listed after the whole, in the next sentence too", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(...AREAS),
        fc.integer({ min: 2023, max: 2030 }),
        fc.boolean(),
        fc.constantFrom("BIU", "SOC", "BUU", "KFU"),
        (parts, area, from, nextSentence, code) => {
          const total = parts.reduce((sum, part) => sum + part, 0);
          const period = `${from}-${from + 3}`;
          const list = parts.map((part) => `${mio(part)} til ${code}`).join("; ");
          const text = nextSentence
            ? `Der blev afsat ${mio(total)} årligt på ${area} i ${period}. Den årlige bevilling er fordelt således: ${list}.`
            : `Der blev afsat ${mio(total)} årligt på ${area} i ${period}, fordelt på ${list}.`;
          const all = extractFigures(text);
          const figures = all.filter((figure) => figure.kind === "money");
          const whole = all.indexOf(figures[0] as (typeof all)[number]);
          for (const part of figures.slice(1)) {
            expect(part.partOf).toBe(whole);
            expect(part.basis).toBe("per_year");
            expect(part.area).toBe(area);
            expect(part.years).toEqual([from, from + 1, from + 2, from + 3]);
            expect(part.recipient).toBe(code);
          }
        },
      ),
    );
  });

  it("basis, years and area flow to parts listed as bullets after a parts word", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(...AREAS),
        fc.integer({ min: 2023, max: 2030 }),
        fc.constantFrom("-", "•", "–", "*"),
        fc.constantFrom(", fordelt således:", ". Bevillingen er fordelt således:", ", heraf:"),
        fc.constantFrom("BIU", "SOC", "BUU", "KFU"),
        (parts, area, from, marker, lead, code) => {
          const total = parts.reduce((sum, part) => sum + part, 0);
          const period = `${from}-${from + 3}`;
          const list = parts.map((part) => `\n${marker} ${mio(part)} til ${code}`).join("");
          const text = `Der blev afsat ${mio(total)} årligt i ${period} på ${area}${lead}${list}\n\nEfter listen: ${mio(7)} i ${from}.`;
          const all = extractFigures(text);
          const figures = all.filter((figure) => figure.kind === "money");
          const whole = all.indexOf(figures[0] as (typeof all)[number]);
          for (const part of figures.slice(1, -1)) {
            expect(part.partOf).toBe(whole);
            expect(part.basis).toBe("per_year");
            expect(part.area).toBe(area);
            expect(part.years).toEqual([from, from + 1, from + 2, from + 3]);
            expect(part.recipient).toBe(code);
          }
          // A blank line ends the list: the figure after it is no part.
          expect(figures.at(-1)?.partOf).toBeUndefined();
        },
      ),
    );
  });

  it("a part that states its own period keeps it", () => {
    const figures = money(
      "Der afsættes 10,0 mio. kr. samlet i 2027-2030, heraf 4,0 mio. kr. i 2027 og 2028.",
    );
    expect(figures[1]?.years).toEqual([2027, 2028]);
    expect(figures[1]?.basis).toBe("total");
  });

  it("a year in the same clause is read: 'fra bevillingen i budget 2024'", () => {
    expect(money("Herefter er der 20,9 mio. kr. fra bevillingen i budget 2024.")[0]?.years).toEqual(
      [2024],
    );
  });
});
