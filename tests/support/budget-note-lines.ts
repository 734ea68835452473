/** The four budget years of BI26 (Budget 2025, 2025-2028). */
const YEARS = [2025, 2026, 2027, 2028];

/** A line of BI26's Tabel 2, in 1.000 kr. per year 2025-2028, as whole kroner in the request. */
export function line(
  label: string,
  thousands: readonly number[],
  extra: { committee?: string; appropriation?: string } = {},
) {
  return {
    area: "service" as const,
    label,
    amounts: Object.fromEntries(
      thousands.map((value, index) => [String(YEARS[index]), value * 1_000]),
    ),
    ...extra,
  };
}

/** The same amount in each of the four years. */
export const four = (value: number) => [value, value, value, value];
