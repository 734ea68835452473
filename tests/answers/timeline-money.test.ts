import { describe, expect, it } from "vitest";
import { moneyPerYear, type TimelineMoney } from "../../src/answers/timeline.ts";
import { extractFigures } from "../../src/money/index.ts";

/** Timeline money from a text, as cardMoney types it (one section). */
function money(
  text: string,
  section: TimelineMoney["section"] = "expiring_money",
): TimelineMoney[] {
  return extractFigures(text)
    .filter((figure) => figure.kind === "money" && figure.amount !== undefined)
    .map((figure) => ({
      text: figure.text,
      amount: figure.amount ?? { min: 0, max: 0 },
      ...(figure.basis === undefined ? {} : { basis: figure.basis }),
      years: figure.years,
      ...(figure.area === undefined ? {} : { area: figure.area }),
      section,
      start: figure.start,
      end: figure.end,
      ...(figure.partOf === undefined ? {} : { part: true }),
    }));
}

describe("money per year from the typed figures", () => {
  it("spreads per-year amounts over their years and keeps single years", () => {
    const rows = moneyPerYear(
      money(
        "Med budget 2023 blev der afsat 2,7 mio. kr. i 2023 og 7,4 mio. kr. årligt på service i 2024-2026.",
      ),
    );
    expect(rows.map((row) => [row.year, row.area, row.amount.min])).toEqual([
      [2023, "service", 2_700_000],
      [2024, "service", 7_400_000],
      [2025, "service", 7_400_000],
      [2026, "service", 7_400_000],
    ]);
  });

  it("reads a period shared by coordinated clauses, and does not count parts twice", () => {
    const rows = moneyPerYear(
      money(
        "0,3 mio. kr. årligt på service og 0,3 mio. kr. årligt på indsats i perioden 2023-2026. Den årlige bevilling er fordelt således: 0,4 mio. kr. til BIU; 0,2 mio. kr. til SOC.",
      ),
    );
    expect(
      rows.filter((row) => row.year === 2023).map((row) => [row.area, row.amount.min]),
    ).toEqual([
      ["indsats", 300_000],
      ["service", 300_000],
    ]);
    expect(rows).toHaveLength(8);
  });

  it("leaves a total over several years out of the per-year rows", () => {
    expect(moneyPerYear(money("Der blev samlet afsat 33 mio. kr. fra 2023 til 2026."))).toEqual([]);
  });

  it("counts a figure restated for one of its years once", () => {
    const rows = moneyPerYear(
      money(
        "Der er afsat 2,0 mio. kr. årligt på service i 2024-2026. I 2026 udgør bevillingen 2,0 mio. kr.",
      ),
    );
    expect(rows.map((row) => [row.year, row.area, row.amount.min])).toEqual([
      [2024, "service", 2_000_000],
      [2025, "service", 2_000_000],
      [2026, "service", 2_000_000],
    ]);
  });

  it("counts a dvs. restatement once, and keeps the per-year restatement of a total", () => {
    const restated = moneyPerYear(
      money("Bevillingen er 9,7 mio. kr. i 2026, dvs. 9,7 mio. kr. på service i 2026."),
    );
    expect(restated.map((row) => [row.year, row.amount.min])).toEqual([[2026, 9_700_000]]);
    const perYear = moneyPerYear(
      money(
        "Der er afsat 19,4 mio. kr. samlet i 2025-2026, dvs. 9,7 mio. kr. årligt på service i 2025-2026.",
      ),
    );
    expect(perYear.map((row) => [row.year, row.amount.min])).toEqual([
      [2025, 9_700_000],
      [2026, 9_700_000],
    ]);
  });

  it("still sums two different amounts in the same year and area", () => {
    const rows = moneyPerYear(
      money(
        "Der er afsat 2,0 mio. kr. på service i 2026. Desuden gives 1,0 mio. kr. på service i 2026.",
      ),
    );
    expect(rows.map((row) => [row.year, row.amount.min])).toEqual([[2026, 3_000_000]]);
  });
});
