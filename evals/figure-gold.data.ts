/**
 * Hand-checked gold for the money-figure extraction (the `figures` eval suite): money figures from
 * all five documents, each read in the source file (the sentence it stands in, and for the OCR'd
 * 2026 annex the text as the OCR wrote it) and written down as a reader of the document would
 * read it: the amount in whole kroner, the unit as written, per year / total / unspecified, the
 * budget years it applies to, the area (service, indsats, overførsler, anlæg), the price level and
 * the recipient. `null` means the source does not state it for this figure. Figures whose reading
 * is genuinely ambiguous (e.g. "årlig bevilling på 2,2 mio. kr. frem til 2024", with no start
 * year) are left out. Where the extractor reads a figure differently, the gold keeps the reading
 * of the source; the note says why.
 *
 * Also: budget-note table cells (value in the table's unit, 1.000 kr.) and texts that must not
 * be read as money at all (the tables' unit headers "1.000 kr., 2023 p/l").
 */
import type { Area, Basis, MoneyUnit, PriceLevel } from "../src/domain/index.ts";

export type GoldFigure = {
  documentId: string;
  cardId: string;
  /** The figure as written (white space collapsed); matched against the figure's text or its raw span. */
  text: string;
  /** Which one when the card has several figures with the same text (0-based, in source order). */
  occurrence?: number;
  amount: { min: number; max: number };
  unit: MoneyUnit;
  basis: Basis;
  years: number[];
  area: Area | null;
  priceLevel: PriceLevel | null;
  recipient: string | null;
  /** The source sentence, shortened (as read by hand). */
  source: string;
  note?: string;
};

export type GoldTableCell = {
  documentId: string;
  /** Start of the table title. */
  table: string;
  /** Start of the row label. */
  row: string;
  year: number;
  /** In the table's unit (1.000 kr.); null for an empty cell. */
  value: number | null;
  unit: MoneyUnit;
  priceLevel: PriceLevel | null;
  area: Area | null;
  source: string;
};

/** Texts the extractor must not report as money figures. */
export type GoldNotMoney = { documentId: string; cardId: string; text: string; reason: string };

const exact = (kroner: number) => ({ min: kroner, max: kroner });
const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

function figure(documentId: string, cardId: string, text: string, kroner: number | { min: number; max: number }, unit: MoneyUnit, basis: Basis, figureYears: number[], area: Area | null, priceLevel: PriceLevel | null, recipient: string | null, source: string, extra: { occurrence?: number; note?: string } = {}): GoldFigure {
  return { documentId, cardId, text, amount: typeof kroner === "number" ? exact(kroner) : kroner, unit, basis, years: figureYears, area, priceLevel, recipient, source, ...extra };
}

const A23 = "bilag-2023";
const A24 = "bilag-2024";
const A26 = "bilag-2026";
const BI07 = "budgetnotat-bi07-2023";
const BI26 = "budgetnotat-bi26-2025";
const MIO = "mio. kr." as const;

export const GOLD_FIGURES: readonly GoldFigure[] = [
  // 2023 annex (annex-markdown)
  figure(A23, "bilag-2023-01", "0,2 mio. kr.", 200_000, MIO, "unspecified", [2023], "service", null, null, "Bevilling 2023: 0,2 mio. kr. i servicemidler"),
  figure(A23, "bilag-2023-01", "9,2 mio. kr.", 9_200_000, MIO, "unspecified", [2023], "indsats", null, null, "Bevilling 2023: … 9,2 mio. kr. i indsatsmidler"),
  figure(A23, "bilag-2023-05", "20,9 mio. kr.", 20_900_000, MIO, "unspecified", [2024], null, null, null, "hvorefter der er 20,9 mio. kr. fra bevillingen i budget 2024", { note: "the year is 'i budget 2024' in the same clause" }),
  figure(A23, "bilag-2023-09", "0,6 mio. kr.", 600_000, MIO, "unspecified", [2023], "indsats", null, null, "Bevilling 2023: 1,1 mio. kr. i servicemidler / 0,6 mio. kr. i indsatsmidler"),
  figure(A23, "bilag-2023-14", "2,5 mio. kr.", 2_500_000, MIO, "unspecified", [2023], "indsats", null, null, "Bevilling 2023: 1,3 mio. kr. i servicemidler 2,5 mio. kr. i indsatsmidler (table row)"),
  figure(A23, "bilag-2023-16", "6,3 mio. kr.", 6_300_000, MIO, "unspecified", [2023], "indsats", null, null, "Bedre virksomhedspraktikker\\t\\tBevilling 2023: 6,3 mio. kr. i indsatsmidler"),
  figure(A23, "bilag-2023-19", "0,6 mio. kr.", 600_000, MIO, "unspecified", [2022, 2023], null, null, null, "I 2022-23 har Københavns Kommune 0,6 mio. kr. til en indsats for før-dimittender", { note: "'til en indsats' is not the area indsats" }),
  figure(A23, "bilag-2023-20", "4,3 mio. kr.", 4_300_000, MIO, "unspecified", [2023], "service", null, null, "Bevilling 2023: 4,3 mio. kr. i servicemidler"),
  figure(A23, "bilag-2023-20", "0,2 mio. kr.", 200_000, MIO, "unspecified", [2023], "indsats", null, null, "… 0,2 mio. kr. i indsatsmidler"),
  figure(A23, "bilag-2023-23", "0,3 mio. kr.", 300_000, MIO, "unspecified", [2023], "service", null, null, "Bevillingen på 0,3 mio. kr. i servicemidler bortfalder med udgangen af 2023"),
  // 2024 annex (annex-plain)
  figure(A24, "bilag-2024-01", "16,8 mio. kr.", 16_800_000, MIO, "unspecified", [2024], "indsats", null, null, "Bevilling 2024: 0,7 mio. kr. i servicemidler / 16,8 mio. kr. indsatsmidler"),
  figure(A24, "bilag-2024-02", "3.150.000 kr.", 3_150_000, "kr.", "total", [2022, 2023, 2024], null, null, null, "Med budget 2022 blev der afsat i alt 3.150.000 kr. i perioden 2022-2024"),
  figure(A24, "bilag-2024-02", "100.000 kr.", 100_000, "kr.", "unspecified", [], null, null, null, "Prisen for de fem forløb er ca. 100.000 kr."),
  figure(A24, "bilag-2024-02", "2-300.000", { min: 200_000, max: 300_000 }, "kr.", "per_year", [], null, null, null, "kan vurderes til et omfang på 2-300.000 årligt", { note: "no unit written; kroner by the size" }),
  figure(A24, "bilag-2024-03", "6,2 mio. kr.", 6_200_000, MIO, "unspecified", [2024], null, null, null, "i budget 2024 givet midler 6,2 mio. kr. til 935 ekstra møder i 2024"),
  figure(A24, "bilag-2024-05", "23,7 mio. kr.", 23_700_000, MIO, "unspecified", [2024], "service", null, null, "Bevilling 2024: 23,7 mio. kr. i servicemidler", { note: "the next line's 'Bevilling 2025' is another figure's year" }),
  figure(A24, "bilag-2024-05", "6,9 mio. kr.", 6_900_000, MIO, "unspecified", [2025], "service", null, null, "Bevilling 2025: 6,9 mio. kr. (the same grant's servicemidler, reduced)"),
  figure(A24, "bilag-2024-06", "1,5 mio. kr.", 1_500_000, MIO, "unspecified", [2024], null, null, null, "I Budget 24 blev der givet 1,5 mio. kr. i 2024 til et iværksætterprogram"),
  // 2026 annex (OCR'd cards; the source text is quoted as the OCR wrote it)
  figure(A26, "bilag-2026-02", "9,7 mio. kr.", 9_700_000, MIO, "total", [2026], null, null, null, "Udlgbet i 2026 udgerialt 9,7\\nmio. kr., heraf 8,4 mio. kr. …", { note: "'udgerialt' is 'udgør i alt'" }),
  figure(A26, "bilag-2026-02", "8,4 mio. kr.", 8_400_000, MIO, "unspecified", [2026], "indsats", null, null, "heraf 8,4 mio. kr. til beskaeftigelsesrettet aktivering (indsats)"),
  figure(A26, "bilag-2026-02", "11 mio. kr.", 11_000_000, MIO, "unspecified", [2027], null, 2027, null, "11 mio. kr. (2027 p/1) i 2027 heraf …"),
  figure(A26, "bilag-2026-02", "9,5 mio. kr.", 9_500_000, MIO, "unspecified", [2027], "indsats", 2027, null, "heraf 9,5 mio. kr. til beskeeftigelsesrettet aktivering pa\\nindsats"),
  figure(A26, "bilag-2026-02", "1,4 mio. kr.", 1_400_000, MIO, "unspecified", [2027], "service", 2027, null, "og 1,4 mio. kr. pa service til frikeb af to medarbejdere"),
  figure(A26, "bilag-2026-04", "7,4 mio. kr.", 7_400_000, MIO, "per_year", [2024, 2025, 2026], "service", null, null, "2,7 mio. kr. i 2023 og 7,4 mio. kr. arligt pa service i\\n2024-2026"),
  figure(A26, "bilag-2026-04", "5,0 mio. kr.", 5_000_000, MIO, "per_year", [2024, 2025, 2026], "service", null, "BIU", "Den arlige bevilling er fordelt sdledes: 5,0 mio. kr. til BIU", { note: "a part of the annual 7,4 mio. kr. on service in 2024-2026" }),
  figure(A26, "bilag-2026-04", "2,0 mio. kr.", 2_000_000, MIO, "per_year", [2024, 2025, 2026], "service", null, "SOC", "2,0 mio. kr. til\\nSOC", { note: "a part of the annual 7,4 mio. kr." }),
  figure(A26, "bilag-2026-04", "0,4 mio. kr.", 400_000, MIO, "per_year", [2024, 2025, 2026], "service", null, "BUU", "08 0,4 mio. kr. til BUU", { note: "a part of the annual 7,4 mio. kr." }),
  figure(A26, "bilag-2026-04", "5,7 mio. kr.", 5_700_000, MIO, "per_year", years(2027, 2030), "service", 2027, "BIF", "5,7 mio. kr. arligt (2027 p/1) til BIF pa service i 2027-2030."),
  figure(A26, "bilag-2026-06", "33 mio. kr.", 33_000_000, MIO, "total", years(2023, 2026), null, null, null, "blev der samlet afsat 33 mio. kr. fra 2023 til 2026"),
  figure(A26, "bilag-2026-06", "5,3 mio. kr.", 5_300_000, MIO, "total", years(2023, 2026), "service", null, "BIF", "Herafer 5,3\\nmio. kr. til BIF, dvs. 1,3 mio. kr. &rligt pé service pr. &r i perioden 2023-26", { note: "BIF's part of the total; the 'dvs.' clause gives area and period" }),
  figure(A26, "bilag-2026-06", "1,3 mio. kr.", 1_300_000, MIO, "per_year", years(2023, 2026), "service", null, "BIF", "dvs. 1,3 mio. kr. &rligt pé service pr. &r i perioden 2023-26"),
  figure(A26, "bilag-2026-06", "1,7 mio. kr.", 1_700_000, MIO, "per_year", years(2027, 2030), "service", 2027, null, "1,7 mio. kr. arligt (2027 p/l) pa service i 2027-2030 (tentativt belgb)."),
  figure(A26, "bilag-2026-08", "4,8 mio. kr.", 4_800_000, MIO, "per_year", years(2027, 2030), "overførsler", 2027, null, "4,8 mio. kr. arligt (2027 p/l) pa overfersleri 2027-2030"),
  figure(A26, "bilag-2026-09", "6,7 mio. kr.", 6_700_000, MIO, "per_year", years(2027, 2030), "indsats", 2027, null, "2,4 mio. kr. &rligt (2027 p/l) pa service i 2027-2030 til 3 konsulenter, og 6,7 mio. [other column] kr. arligt pa indsats | 2027-2030.", { note: "two-column card: the figure is split over the merged lines" }),
  figure(A26, "bilag-2026-10", "2.8 mio. kr.", 2_800_000, MIO, "per_year", years(2027, 2030), "indsats", 2027, null, "2.8 mio. kr. arligt (2027 p/1) pa indsats i 2027-2030"),
  figure(A26, "bilag-2026-10", "1,4 mio. kr.", 1_400_000, MIO, "per_year", [2024, 2025, 2026], "service", 2027, null, "og 1,4 mio. kr. &rligt pa [other column] service i 2024 - 2026.", { note: "the statement's price level (2027 p/l) covers both clauses; the period is the source's own error" }),
  figure(A26, "bilag-2026-12", "2-mio. kr.", 2_000_000, MIO, "per_year", [2027, 2028], "service", 2027, null, "2-mio. kr. arligt (2027 p/l) paservice i 2027 og 2028"),
  figure(A26, "bilag-2026-14", "2,3 mio. kr.", 2_300_000, MIO, "per_year", years(2027, 2030), "service", 2027, "BIF", "3,1 mio. kr. arligt (2027 p/l) pa service i 2027-2030, fordelt pa 2,3 mio. kr. til BIF"),
  figure(A26, "bilag-2026-14", "0,8 mio. kr.", 800_000, MIO, "per_year", years(2027, 2030), "service", 2027, "SOF", "… 0g 0,8 mio. kr. til SOF."),
  figure(A26, "bilag-2026-20", "1,1 mio. kr.", 1_100_000, MIO, "per_year", years(2027, 2030), "indsats", 2027, null, "1,1 mio. kr. arligt (2027 p/1) pa indsats og 0,6 mio. kr. arligt pa service i 2027-2030.", { note: "the period closes the whole statement" }),
  figure(A26, "bilag-2026-27", "5 mio. kr.", 5_000_000, MIO, "per_year", [], "indsats", 2027, null, "5 mio. kr. &rligt til indsats, og 2 mio. kr. arligt til service, (2027 p/1).", { note: "no years are stated" }),
  figure(A26, "bilag-2026-27", "2 mio. kr.", 2_000_000, MIO, "per_year", [], "service", 2027, null, "… og 2 mio. kr. arligt til service, (2027 p/1)."),
  // Budget note BI07 (2023)
  figure(BI07, "bi07-2023", "11 mio. kr.", 11_000_000, MIO, "per_year", [], null, null, null, "Med tilførelse af 11 mio. kr. årligt til udsatte unge i kontanthjælpssystemet"),
  figure(BI07, "bi07-2023", "5 mio. kr.", 5_000_000, MIO, "unspecified", [], null, null, null, "Hvis der tilføres 5 mio. kr., vil sagsantallet forblive på 70 borgere"),
  figure(BI07, "bi07-2023", "11 mio. kr.", 11_000_000, MIO, "per_year", [], null, null, null, "Model 1: Med tilførelse af 11 mio. kr. årligt til udsatte unge", { occurrence: 1 }),
  figure(BI07, "bi07-2023", "5 mio. kr.", 5_000_000, MIO, "unspecified", [], null, null, null, "Model 2: Hvis der tilføres 5 mio. kr., vil sagsantallet forblive på 70", { occurrence: 1 }),
  // Budget note BI26 (2025)
  figure(BI26, "bi26-2025", "[69,1] mio. kr.", 69_100_000, MIO, "total", years(2025, 2028), "service", null, null, "Der afsættes: - [69,1] mio. kr. samlet på service i 2025-2028 til et 4-årigt udviklingsprojekt"),
];

export const GOLD_TABLE_CELLS: readonly GoldTableCell[] = [
  { documentId: BI07, table: "Tabel 2 – Oversigt over økonomimodeller", row: "Flere skal med", year: 2023, value: 11_000, unit: "1.000 kr.", priceLevel: 2023, area: "service", source: "1.000 kr., 2023 p/l … Service  11.000 11.000 11.000 11.000 44.000 (2022 column empty)" },
  { documentId: BI07, table: "Tabel 2 – Oversigt over økonomimodeller", row: "Flere skal med", year: 2022, value: null, unit: "1.000 kr.", priceLevel: 2023, area: "service", source: "four values under five year columns; 4 × 11.000 = 44.000, the note asks from 2023" },
  { documentId: BI07, table: "Tabel 3 – Oversigt over økonomimodeller", row: "Flere skal med", year: 2026, value: 5_000, unit: "1.000 kr.", priceLevel: 2023, area: "service", source: "Service  5.000 5.000 5.000 5.000 20.000" },
  { documentId: BI26, table: "Tabel 2. Oversigt", row: "Lavt sagsantal pr. medarbejder for unge, som vurderes", year: 2025, value: 2_000, unit: "1.000 kr.", priceLevel: 2025, area: "service", source: "Service   2.000 7.000 7.000 7.000 23.000 (2024 column empty; project 2025-2028)" },
  { documentId: BI26, table: "Tabel 2. Oversigt", row: "Lavt sagsantal pr. medarbejder for unge, som vurderes", year: 2026, value: 7_000, unit: "1.000 kr.", priceLevel: 2025, area: "service", source: "Service   2.000 7.000 7.000 7.000 23.000" },
  { documentId: BI26, table: "Tabel 2. Oversigt", row: "2,5 årsværk", year: 2026, value: 1_475, unit: "1.000 kr.", priceLevel: 2025, area: "service", source: "2,5 årsværk til Børne- og Ungdomsforvaltningen Service 1.475 1.475 1.475 1.475 5.900" },
  { documentId: BI26, table: "Tabel 2. Oversigt", row: "Udgifter i alt", year: 2028, value: 18_525, unit: "1.000 kr.", priceLevel: 2025, area: null, source: "Udgifter i alt (netto)     13.525 18.525 18.525 18.525 69.100" },
];

export const GOLD_NOT_MONEY: readonly GoldNotMoney[] = [
  { documentId: BI07, cardId: "bi07-2023", text: "1.000 kr.", reason: "the tables' unit header '1.000 kr., 2023 p/l', not an amount" },
  { documentId: BI26, cardId: "bi26-2025", text: "1.000 kr.", reason: "the tables' unit header '1.000 kr., 2025 p/l', not an amount" },
];
