import { describe, expect, it } from "vitest";
import type { Card, ParsedDocument } from "../../src/domain/index.ts";
import { extractFigures } from "../../src/money/index.ts";
import { checkCounts } from "../../src/validation/audit-counts.ts";

function cardOf(text: string): { document: ParsedDocument; card: Card } {
  const figures = extractFigures(text).map(({ start, end, sentence, ...fields }) => ({
    ...fields,
    span: { start, end },
    sentence: { text: sentence.text, span: { start: sentence.start, end: sentence.end } },
  }));
  const card = { id: "bilag-2030-01", figures } as unknown as Card;
  const document = {
    document: { id: "bilag-2030", title: "Bilag", kind: "annex", year: 2030 },
    cards: [card],
  } as unknown as ParsedDocument;
  return { document, card };
}
const codes = (text: string) => {
  const { document, card } = cardOf(text);
  return checkCounts(document, card, new Map([["bilag-2030", text]])).map((finding) => [
    finding.code,
    finding.expected,
    finding.found,
  ]);
};

describe("contradictory counts inside one card", () => {
  it("reports the same thing counted per year with two values", () => {
    expect(
      codes(
        "Den varige bevilling giver mulighed for 3.750 møder årligt. Der er varig bevilling til 3.710 møder.",
      ),
    ).toEqual([["contradictory_count", "3.750", "3.710"]]);
  });

  it("reports the same noun and year", () => {
    expect(
      codes("I 2025 deltog 120 borgere i 2025. Indsatsen havde 140 borgere i 2025."),
    ).toHaveLength(1);
  });

  it("is silent on different years, qualifiers, nouns or equal values", () => {
    expect(codes("Der var 120 borgere i 2024. Der var 140 borgere i 2025.")).toEqual([]);
    expect(
      codes("Der er 3.750 møder årligt. Der er givet midler til 490 møder ekstra årligt."),
    ).toEqual([]);
    expect(
      codes("Målet er 72 unikke unge årligt. Fremover mindst 40 unikke deltagere årligt."),
    ).toEqual([]);
    expect(codes("Der er 300 møder årligt. Igen: 300 møder årligt.")).toEqual([]);
    expect(codes("162 borgere deltog. 45 borgere kom i job.")).toEqual([]);
  });
});
