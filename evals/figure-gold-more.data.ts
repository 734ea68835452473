/**
 * More hand-checked money figures for the `figures` eval, one row each, read in the source
 * sentence (quoted, shortened, in the last column) and written down as a reader of the document
 * reads it. Columns: card | figure as written | occurrence in the card (0-based) | whole kroner
 * (or "min-max") | basis (y = per year, t = total, u = unspecified) | years ("2023-2026",
 * "2024,2025", or "-" for none stated) | area or "-" | price level or "-" | recipient or "-" | source.
 * A figure's years, area and price level may be stated once for coordinated clauses, or by the
 * whole it is a part of; a grant header's column keeps its own area. Genuinely ambiguous readings
 * ("årlig bevilling på 2,2 mio. kr. frem til 2024", no start year) are left out.
 */
import type { Area, Basis, PriceLevel } from "../src/domain/index.ts";
import type { GoldFigure, GoldTableCell } from "./figure-gold.data.ts";

const ROWS = `
bilag-2023-02 | 1,9 mio. kr. | 0 | 1900000 | u | 2023 | service | - | - | Bevilling 2023: 1,9 mio. kr. i servicemidler
bilag-2023-03 | 0,8 mio. kr. | 0 | 800000 | u | 2023 | service | - | - | Bevilling 2023: 0,8 mio. kr. i servicemidler
bilag-2023-07 | 1,1 mio. kr. | 0 | 1100000 | u | 2023 | service | - | - | Bevilling 2023: 1,1 mio. kr. i servicemidler
bilag-2023-08 | 0,6 mio. kr. | 0 | 600000 | u | 2023 | service | - | - | Bevilling 2023: 0,6 mio. kr. i servicemidler
bilag-2023-09 | 1,1 mio. kr. | 0 | 1100000 | u | 2023 | service | - | - | Bevilling 2023: 1,1 mio. kr. i servicemidler 0,6 mio. kr. i indsatsmidler
bilag-2023-10 | 0,5 mio. kr. | 0 | 500000 | u | 2023 | service | - | - | Bevilling 2023: 0,5 mio. kr. i servicemidler
bilag-2023-11 | 2,2 mio. kr. | 0 | 2200000 | u | 2023 | service | - | - | Bevilling 2023: 2,2 mio. kr. i servicemidler
bilag-2023-12 | 1,3 mio. kr. | 0 | 1300000 | u | 2023 | service | - | - | Bevilling 2023: 1,3 mio. kr. i servicemidler
bilag-2023-13 | 0,7 mio. kr. | 0 | 700000 | u | 2023 | service | - | - | Bevilling 2023: 0,7 mio. kr. i servicemidler
bilag-2023-14 | 1,3 mio. kr. | 0 | 1300000 | u | 2023 | service | - | - | Bevilling 2023: 1,3 mio. kr. i servicemidler 2,5 mio. kr. i indsatsmidler
bilag-2023-15 | 0,5 mio. kr. | 0 | 500000 | u | 2023 | indsats | - | - | Bevilling 2023: 0,5 mio. kr. i indsatsmidler
bilag-2023-17 | 3,1 mio. kr. | 0 | 3100000 | u | 2023 | indsats | - | - | Bevilling 2023: 3,1 mio. kr. i indsatsmidler
bilag-2023-18 | 1,4 mio. kr. | 0 | 1400000 | u | 2023 | indsats | - | - | Bevilling 2023: 1,4 mio. kr. i indsatsmidler
bilag-2023-21 | 0,3 mio. kr. | 0 | 300000 | u | 2023 | service | - | - | Bevilling 2023: 0,3 mio. kr. i servicemidler
bilag-2023-22 | 1,1 mio. kr. | 0 | 1100000 | u | 2023 | service | - | - | Bevilling 2023: 1,1 mio. kr. i servicemidler
bilag-2023-24 | 3,9 mio. kr. | 0 | 3900000 | u | 2023 | service | - | - | Bevilling 2023: 3,9 mio. kr. i servicemidler
bilag-2023-25 | 3,8 mio. kr. | 0 | 3800000 | u | 2023 | service | - | - | Bevilling 2023: 3,8 mio. kr. i servicemidler
bilag-2023-26 | 1,0 mio. kr. | 0 | 1000000 | u | 2023 | service | - | - | Bevilling 2023: 1,0 mio. kr. i servicemidler
bilag-2023-27 | 1,8 mio. kr. | 0 | 1800000 | u | 2023 | service | - | - | Bevilling 2023: 1,8 mio. kr. i servicemidler
bilag-2023-28 | 1,1 mio. kr. | 0 | 1100000 | u | 2023 | service | - | - | Bevilling 2023: 1,1 mio. kr. i servicemidler
bilag-2024-01 | 0,7 mio. kr. | 0 | 700000 | u | 2024 | service | - | - | Bevilling 2024: 0,7 mio. kr. i servicemidler 16,8 mio. kr. indsatsmidler
bilag-2024-02 | 1,2 mio. kr. | 0 | 1200000 | u | 2024 | indsats | - | - | Bevilling 2024: 1,2 mio. kr. i indsatsmidler
bilag-2024-03 | 9,5 mio. kr. | 0 | 9500000 | u | 2024 | service | - | - | Bevilling 2024: 9,5 mio. kr. i servicemidler
bilag-2024-04 | 0,7 mio. kr. | 0 | 700000 | u | 2024 | service | - | - | Bevilling 2024: 0,7 mio. kr. i servicemidler 5,9 mio. kr. i indsatsmidler
bilag-2024-04 | 5,9 mio. kr. | 0 | 5900000 | u | 2024 | indsats | - | - | Bevilling 2024: 0,7 mio. kr. i servicemidler 5,9 mio. kr. i indsatsmidler
bilag-2024-06 | 0,5 mio. kr. | 0 | 500000 | u | - | - | - | - | en bevilling fra Overførselssagen 2022/2023, hvor der blev givet 0,5 mio. kr. til samme program (a case's name, not a period or the overførsler area)
bilag-2024-06 | 1,6 mio. kr. | 0 | 1600000 | u | 2024 | service | - | - | Bevilling 2024: 1,6 mio. kr. i servicemidler
bilag-2024-07 | 1,4 mio. kr. | 0 | 1400000 | u | 2024 | service | - | - | Bevilling 2024: 1,4 mio. kr. i servicemidler 1,7 mio. kr. i indsatsmidler
bilag-2024-07 | 1,7 mio. kr. | 0 | 1700000 | u | 2024 | indsats | - | - | Bevilling 2024: 1,4 mio. kr. i servicemidler 1,7 mio. kr. i indsatsmidler
bilag-2024-08 | 2,5 mio. kr. | 0 | 2500000 | u | 2024 | service | - | - | Bevilling 2024: 2,5 mio. kr. i servicemidler
bilag-2024-09 | 6,6 mio. kr. | 0 | 6600000 | u | 2024 | indsats | - | - | Bevilling 2024: 6,6 mio. kr. i indsatsmidler (BIUs egen ramme)
bilag-2026-01 | 26,1 mio. kr. | 0 | 26100000 | u | 2026 | - | - | BIF | I Budget 2026 fik BIF 26,1 mio. kr. til ni initiativer (the other column's sentence runs through it)
bilag-2026-01 | 0,5 mio. kr. | 0 | 500000 | u | 2026 | service | - | - | Med budget 2026 blev der afsat 0,5 mio. kr. pa service i 2026.
bilag-2026-03 | 1,4 mio. kr. | 0 | 1400000 | u | 2023 | - | - | - | Med overferselssagen 2022/2023 blev der afsat 1,4 mio. kr.i 2023, …
bilag-2026-03 | 2,2 mio. kr. | 0 | 2200000 | u | 2024,2025 | - | - | - | … 2,2 mio. kr. i 2024 0g 2025, … (no basis word)
bilag-2026-03 | 1,1 mio. kr. | 0 | 1100000 | u | 2026 | - | - | - | … og 1,1 mio. kr. i 2026, da bevillingen udlgber medio 2026.
bilag-2026-03 | 1,2 mio. kr. | 0 | 1200000 | u | 2027 | - | 2027 | - | BIFs merudgifter er 1,2 mio. kr. for det forste halvar af 2027 (2027/pl)
bilag-2026-04 | 2,7 mio. kr. | 0 | 2700000 | u | 2023 | service | - | - | afsat 2,7 mio. kr. i 2023 og 7,4 mio. kr. arligt pa service i 2024-2026 (the area closes both clauses)
bilag-2026-05 | 0,5 mio. kr. | 0 | 500000 | y | 2024-2026 | service | - | - | afsat; 0,5 mio. kr. arligt pé service til Masterclass- indsatsen.; 0,3 mio. kr. … arligt pa service i 2024-2026.
bilag-2026-05 | 0,3 mio. kr. | 0 | 300000 | y | 2024-2026 | service | - | - | 0,3 mio. kr. til program for grenne signaturvirksomheder og 0,2 til grenne matcharrangementer arligt pa service i 2024-2026.
bilag-2026-05 | 0,2 mio. kr. | 0 | 200000 | y | 2027-2030 | service | 2027 | - | 0,2 mio. kr. arligt (2027 p/l) paservice i 2027-2030 til masterclass-indsatsen.
bilag-2026-07 | 0,5 mio. kr. | 0 | 500000 | y | 2023-2026 | service | - | - | afsat 0,5 mio. kr. arligt pa service i perioden 2023- 2026.
bilag-2026-07 | 0,5 mio. kr. | 1 | 500000 | y | 2027-2030 | service | 2027 | - | 0,5 mio. kr. arligt (2027 p/I) pé service i 2027-2030.
bilag-2026-08 | 0,4 mio. kr. | 0 | 400000 | y | 2023-2026 | service | - | - | o 0,4 mio. kr. &rligt pa service i 2023-2026 til virksomhedsindsats
bilag-2026-08 | 4,2 mio. kr. | 0 | 4200000 | y | 2023-2026 | indsats | - | - | o 4,2 mio. kr. arligt pd indsats i 2023-2026 til keb af indsats.
bilag-2026-08 | 0,5 mio. kr. | 0 | 500000 | y | 2027-2030 | service | 2027 | - | 0,5 mio. kr. arligt (2027 p/1) paservice i 2027-2030 til virksomhedsindsats
bilag-2026-09 | 2,2 mio. kr. | 0 | 2200000 | y | 2024-2026 | service | - | - | afsat 2,2 mio. kr. arligt pa service i 2024-2026 og 6 mio. kr. rligt pd indsats i 2024-2026.
bilag-2026-09 | 6 mio. kr. | 0 | 6000000 | y | 2024-2026 | indsats | - | - | … og 6 mio. kr. rligt pd indsats i 2024-2026.
bilag-2026-09 | 2,4 mio. kr. | 0 | 2400000 | y | 2027-2030 | service | 2027 | - | 2,4 mio. kr. &rligt (2027 p/l) pa service i 2027-2030 til 3 konsulenter
bilag-2026-10 | 2,5 mio. | 0 | 2500000 | y | 2024-2026 | indsats | - | - | afsat 2,5 mio. arligt pa indsats i 2024-2026 og 1,3 mio. arligt pd service i 2024 - 2026.
bilag-2026-10 | 1,3 mio. | 0 | 1300000 | y | 2024-2026 | service | - | - | … og 1,3 mio. arligt pd service i 2024 - 2026.
bilag-2026-12 | 1,5 mio. kr. | 0 | 1500000 | u | 2025 | service | - | - | afsat 1,5 mio. kr.1 2025 og 2 mio. kr. i 2026 péa service (OCR "1" for "i")
bilag-2026-12 | 2 mio. kr. | 0 | 2000000 | u | 2026 | service | - | - | … og 2 mio. kr. i 2026 péa service til lenrefusion
bilag-2026-13 | 5,4 mio. kr. | 0 | 5400000 | y | 2025,2026 | service | - | - | afsat 5,4 mio. kr. arligt pd service til flere rehabiliteringsteammeader i 2025 og 2026.
bilag-2026-14 | 2,7 mio. kr. | 0 | 2700000 | y | 2023-2026 | service | - | - | afsat 2,7 mio. kr. &rligt pa service i 2023-2026 til SPP- sekretariatets arbejde
bilag-2026-14 | 3,1 mio. kr. | 0 | 3100000 | y | 2027-2030 | service | 2027 | - | 3,1 mio. kr. arligt (2027 p/l) pa service i 2027-2030, fordelt pa 2,3 mio. kr. til BIF 0g 0,8 mio. kr. til SOF.
bilag-2026-14 | 0,7 mio. kr. | 0 | 700000 | y | 2023-2026 | service | - | SOF | SOF's andel af bevillingen belgber sig til 0,7 mio. kr. &rligt (the bevilling of the sentence before: service, 2023-2026)
bilag-2026-15 | 0,3 mio. kr. | 0 | 300000 | y | 2023-2026 | service | - | - | 0,3 mio. kr. arligt pa service og 0,3 mio. kr. arligt pdindsats i perioden 2023-2026.
bilag-2026-15 | 0,3 mio. kr. | 1 | 300000 | y | 2023-2026 | indsats | - | - | … og 0,3 mio. kr. arligt pdindsats i perioden 2023-2026.
bilag-2026-15 | 0,6 mio. kr. | 0 | 600000 | y | - | - | - | - | foreslar forvaltningen at indsatsen fortseettes med 0,6 mio. kr. arligt.
bilag-2026-16 | 0,7 mio. kr. | 0 | 700000 | y | 2023-2026 | service | - | - | afsat 0,7 mio. kr. &rligt pa service i 2023-2026 til Saabah.
bilag-2026-16 | 0,8 mio. kr. | 0 | 800000 | y | 2027-2030 | service | 2027 | - | 0,8 mio. kr. &rligt (2027 p/1) pa service i 2027-2030 til Saabah.
bilag-2026-17 | 1,4 mio. kr. | 0 | 1400000 | u | 2023-2026 | service | - | BIF | bevilliget 1,4 mio. kr. pd service til to arsveerk til BIF i perioden 2023-2026 (no basis word)
bilag-2026-18 | 10,1 mio. kr. | 0 | 10100000 | y | 2023-2026 | service | - | - | afsat 10,1 mio. kr. &rligt pd service i perioden 2023- 2026.
bilag-2026-18 | 11,5 mio. kr. | 0 | 11500000 | y | 2027-2030 | service | 2027 | - | 11,5 mio. kr. arligt (2027 p/l) paservicei 2027-2030.
bilag-2026-19 | 1,0 mio. kr. | 0 | 1000000 | y | 2023-2026 | indsats | - | - | afsat 1,0 mio. kr. rligt pd indsats i perioden 2023-2026 til viderefgrelse
bilag-2026-19 | 1,2 mio. kr. | 0 | 1200000 | y | 2027-2030 | service | 2027 | - | 1,2 mio. kr. &rligt (2027 p/1) pa service i 2027-2030.
bilag-2026-20 | 1,0 mio. kr. | 0 | 1000000 | y | 2023-2026 | indsats | - | - | afsat 1,0 mio. kr. arligt pa indsats i perioden 2023- 2026.
bilag-2026-20 | 0,6 mio. kr. | 0 | 600000 | y | 2027-2030 | service | 2027 | - | 1,1 mio. kr. arligt (2027 p/1) pa indsats og 0,6 mio. kr. arligt pa service i 2027-2030.
bilag-2026-21 | 2,0 mio. kr. | 0 | 2000000 | u | 2026 | indsats | - | - | BIU har inden for egen ramme afsat 2,0 mio. kr. pd indsats i 2026.
bilag-2026-21 | 2,2 mio. kr. | 0 | 2200000 | y | - | indsats | 2027 | - | 2,2 mio. kr. arligt (2027 p/l) pa indsats.
bilag-2026-22 | 1,3 mio. kr. | 0 | 1300000 | u | 2026 | indsats | - | - | BIU har inden for egen ramme afsat 1,3 mio. kr. pd indsats i 2026.
bilag-2026-22 | 1,5 mio. kr. | 0 | 1500000 | y | - | indsats | 2027 | - | 1,5 mio. kr. arligt (2027 p/l) paindsats.
bilag-2026-23 | 3,6 mio. kr. | 0 | 3600000 | u | 2026 | indsats | - | - | BIU har inden for egen ramme afsat 3,6 mio. kr. pd indsats i 2026.
bilag-2026-23 | 4,0 mio. kr. | 0 | 4000000 | y | - | indsats | 2027 | - | 4,0 mio. kr. arligt (2027 p/l) paindsats.
bilag-2026-24 | 7,7 mio. | 0 | 7700000 | u | 2026 | indsats | - | - | BIU har inden for egen ramme afsat 7,7 mio. k. péaindsatsi 2026.
bilag-2026-24 | 8,4 mio. kr. | 0 | 8400000 | y | - | indsats | 2027 | - | 8,4 mio. kr. arligt pa indsats (2027 p/L).
bilag-2026-25 | 3,3 mio. kr. | 0 | 3300000 | u | 2026 | indsats | - | - | BIU har inden for egen ramme afsat 3,3 mio. kr. pd indsats i 2026.
bilag-2026-25 | 3,6 mio. kr. | 0 | 3600000 | y | 2027-2030 | service | 2027 | - | 3,6 mio. kr. arligt (2027p/1) pa service i 2027-2030.
bilag-2026-26 | 3,8 mio. kr. | 0 | 3800000 | u | 2026 | indsats | - | - | BIU har inden for egen ramme afsat 3,8 mio. kr. pd indsats i 2026.
bilag-2026-26 | 4,2 mio. kr. | 0 | 4200000 | y | - | indsats | 2027 | - | 4,2 mio. kr. arligt (2027 p/l) pa indsats.
bilag-2026-27 | 3,0 mio. kr. | 0 | 3000000 | u | 2026 | indsats | - | - | BIU har indenfor egen ramme afsat 3,0 mio. kr. pé indsats i 2026.
bi26-2025 | 5 mio. kr. | 0 | 5000000 | y | 2023-2025 | - | - | - | Der er allerede afsat 5 mio. kr. årligt til lavere sagsmængder … til og med 2025 gennem Budgetaftalen for 2023
`;

const BASIS: Record<string, Basis> = { y: "per_year", t: "total", u: "unspecified" };

function readYears(written: string): number[] {
  if (written === "-") return [];
  return written.split(",").flatMap((part) => {
    const [from, to] = part.split("-").map(Number);
    if (from === undefined) return [];
    if (to === undefined) return [from];
    return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
  });
}

function documentOf(cardId: string): string {
  if (cardId.startsWith("bi07")) return "budgetnotat-bi07-2023";
  if (cardId.startsWith("bi26")) return "budgetnotat-bi26-2025";
  return cardId.replace(/-\d+$/u, "");
}

function readRow(row: string): GoldFigure {
  const [cardId = "", text = "", occurrence = "0", kroner = "", basis = "", years = "", ...rest] =
    row.split(" | ").map((cell) => cell.trim());
  const [area = "-", priceLevel = "-", recipient = "-", ...source] = rest;
  const [min = Number.NaN, max = min] = kroner.split("-").map(Number);
  const level: PriceLevel | null =
    priceLevel === "-" ? null : priceLevel === "løbende" ? "løbende" : Number(priceLevel);
  const gold: GoldFigure = {
    documentId: documentOf(cardId),
    cardId,
    text,
    amount: { min, max },
    unit: text.includes("mio") ? "mio. kr." : "kr.",
    basis: BASIS[basis] ?? "unspecified",
    years: readYears(years),
    area: area === "-" ? null : (area as Area),
    priceLevel: level,
    recipient: recipient === "-" ? null : recipient,
    source: source.join(" | "),
  };
  if (Number(occurrence) > 0) gold.occurrence = Number(occurrence);
  return gold;
}

export const MORE_GOLD_FIGURES: readonly GoldFigure[] = ROWS.split("\n")
  .filter((row) => row.trim().length > 0)
  .map(readRow);

const BI26 = "budgetnotat-bi26-2025";
const BI26_OVERVIEW = "Tabel 2. Oversigt";
const cell = (row: string, year: number, value: number | null, source: string): GoldTableCell => ({
  documentId: BI26,
  table: BI26_OVERVIEW,
  row,
  year,
  value,
  unit: "1.000 kr.",
  priceLevel: 2025,
  area: "service",
  source,
});

/** More budget-note table cells (BI26's overview: 1.000 kr., 2025 p/l; the 2024 column is empty). */
export const MORE_GOLD_TABLE_CELLS: readonly GoldTableCell[] = [
  cell("1 projektleder", 2025, 790, "1 projektleder … Service   790 790 790 790 3.160"),
  cell("1 projektleder", 2028, 790, "1 projektleder … Service   790 790 790 790 3.160"),
  cell("1 projektleder", 2024, null, "four values under five year columns; 4 × 790 = 3.160"),
  cell("1 årsværk til Beskæftigelses", 2027, 590, "Service   590 590 590 590 2.360"),
  cell("2 årsværk til Socialforvaltnin", 2026, 1_180, "Service   1.180 1.180 1.180 1.180 4.720"),
  cell("1 årsværk til Sundheds", 2025, 660, "Service   660 660 660 660 2.640"),
  cell("1 årsværk til U-Turn", 2025, 590, "Service   590 590 590 590 2.360"),
  cell("1 årsværk til Rusmiddel", 2027, 590, "Service   590 590 590 590 2.360"),
  cell("Udvidelse af Fritidsjobindsat", 2028, 1_300, "Service   1.300 1.300 1.300 1.300 5.200"),
  cell("Midler til Kultur- og Fritidsfor", 2026, 760, "Service   760 760 760 760 3.040"),
  cell("1 årsværk til Kultur", 2024, null, "Service   590 590 590 590 2.360 (2024 empty)"),
  {
    ...cell(
      "Udgifter i alt",
      2023,
      11_000,
      "Udgifter i alt (netto) 11.000 11.000 11.000 11.000 44.000",
    ),
    documentId: "budgetnotat-bi07-2023",
    table: "Tabel 2 – Oversigt over økonomimodeller",
    priceLevel: 2023,
    area: null,
  },
  {
    ...cell("Udgifter i alt", 2025, 5_000, "Udgifter i alt (netto) 5.000 5.000 5.000 5.000 20.000"),
    documentId: "budgetnotat-bi07-2023",
    table: "Tabel 3 – Oversigt over økonomimodeller",
    priceLevel: 2023,
    area: null,
  },
];
