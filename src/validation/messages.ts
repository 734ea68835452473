/**
 * The Danish messages of the text validator, written for a caseworker: what the text says, what
 * the allocation data says, in the department's own money language.
 */
import type { Area, Decision, PriceLevel } from "../domain/index.ts";
import { formatPeriod } from "../money/index.ts";

const AREA_WORDS: Record<Area, string> = {
  service: "service",
  indsats: "indsats",
  overførsler: "overførsler",
  anlæg: "anlæg",
};

/** "2027 p/l" or "løbende p/l"; "uden p/l" when not given. */
export function describePriceLevel(priceLevel: PriceLevel | undefined): string {
  if (priceLevel === undefined) return "uden angivet p/l";
  return priceLevel === "løbende" ? "løbende p/l" : `${priceLevel} p/l`;
}

export function describeArea(area: Area | undefined): string {
  return area === undefined ? "uden styringsområde" : AREA_WORDS[area];
}

export function describeYears(years: readonly number[]): string {
  return years.length === 0 ? "uden periode" : formatPeriod(years);
}

const DECISION_WORDS: Record<Decision, string> = {
  uændret: "videreføres uændret",
  med_justeringer: "videreføres med justeringer",
  ophører: "videreføres ikke",
  betinget: "videreføres på betingelse",
  afventer: "afventer afklaring",
  ukendt: "uafklaret",
};

export const MESSAGES = {
  ambiguousBasis: (found: string, years: readonly number[], suggestion: string) =>
    `Beløbet ${found} står for ${formatPeriod(years)} uden "årligt" eller "samlet", så en læser kan ikke se, om det er pr. år eller for hele perioden. Skriv fx: ${suggestion}.`,
  figureNormalised: (found: string, read: string) =>
    `Beløbet "${found}" er skrevet med usynlige tegn, cifre fra et andet skriftsystem eller bogstaver, der kun ligner latinske; det er læst som ${read}. Skriv det med almindelige tegn.`,
  amountMismatch: (found: string, expected: string) =>
    `Beløbet ${found} passer ikke med bevillingen: ${expected}.`,
  unitError: (found: string, expected: string) =>
    `Beløbet ${found} har forkert enhed: bevillingen er ${expected}.`,
  periodMismatch: (found: string, years: readonly number[], expected: string) =>
    `Perioden ${describeYears(years)} for ${found} passer ikke med bevillingen: ${expected}.`,
  basisPerYearIsTotal: (found: string, expected: string) =>
    `${found} står som et årligt beløb, men svarer til det samlede beløb for perioden: ${expected}.`,
  basisTotalIsPerYear: (found: string, expected: string) =>
    `${found} står som et samlet beløb, men svarer til det årlige beløb: ${expected}.`,
  areaMismatch: (found: string, area: Area | undefined, expected: string) =>
    `${found} står på ${describeArea(area)}, men bevillingen er ${expected}.`,
  priceLevelMismatch: (
    found: string,
    priceLevel: PriceLevel | undefined,
    expected: PriceLevel | undefined,
  ) =>
    `${found} er angivet i ${describePriceLevel(priceLevel)}, men bevillingen er i ${describePriceLevel(expected)}.`,
  recipientMismatch: (found: string, recipient: string, expected: string) =>
    `${found} går til ${recipient}, men bevillingen går til ${expected}.`,
  partsDoNotAddUp: (whole: string, parts: readonly string[], sum: string) =>
    `Delbeløbene ${parts.join(" + ")} = ${sum} summer ikke til ${whole}.`,
  unmatchedFigure: (found: string, lines: readonly string[]) =>
    lines.length === 0
      ? `Beløbet ${found} findes ikke i bevillingsdata: der er ingen bevillingslinjer til initiativet.`
      : `Beløbet ${found} findes ikke i bevillingsdata. Bevillingen er: ${lines.join("; ")}.`,
  lineNotMentioned: (expected: string) => `Teksten nævner ikke bevillingen ${expected}.`,
  periodBeforeBudgetYear: (found: string, years: readonly number[], budgetYear: number) =>
    `${found} foreslås for ${describeYears(years)}, men budgettet gælder fra ${budgetYear}.`,
  decisionStopsButMoney: (decision: Decision, found: string) =>
    `Indsatsen ${DECISION_WORDS[decision]}, men teksten foreslår ${found}.`,
  textSaysStopButMoney: (found: string) =>
    `Teksten siger, at indsatsen ikke videreføres, men foreslår ${found}.`,
  decisionContinuesWithoutMoney: (decision: Decision, expected: string) =>
    `Indsatsen ${DECISION_WORDS[decision]}, men teksten nævner intet beløb. Bevillingen er: ${expected}.`,
  textTooLong: (length: number, max: number) =>
    `Teksten er for lang til at blive kontrolleret (${length.toLocaleString("da-DK")} tegn; grænsen er ${max.toLocaleString("da-DK")}). Del den op.`,
  tooManyFigures: (count: number, max: number) =>
    `Teksten har ${count.toLocaleString("da-DK")} beløb; der kontrolleres højst ${max.toLocaleString("da-DK")} ad gangen. Kontrollér ét kort eller afsnit ad gangen.`,
} as const;

/** Short reasons shown next to a figure. */
export const REASONS = {
  ok: "Passer med bevillingen.",
  part: "Del af et samlet beløb; delene summer til helheden.",
  unmatched: "Findes ikke i bevillingsdata.",
} as const;
