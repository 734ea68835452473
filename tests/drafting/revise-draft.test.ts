import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BudgetNoteDraftRequest,
  BudgetNoteDraftRequestSchema,
  type Draft,
  DraftSchema,
  type ValidationIssue,
} from "../../src/domain/index.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { draftAssessment } from "../../src/drafting/draft-assessment.ts";
import {
  budgetNoteAllocation,
  draftBudgetNote,
  validateBudgetNoteText,
} from "../../src/drafting/draft-budget-note.ts";
import type { AssessmentWriter } from "../../src/drafting/ports.ts";
import { reviseDraftText } from "../../src/drafting/revise-draft.ts";
import { createMemoryAllocationSource } from "../../src/validation/allocation-source.ts";
import { createCorpusStore } from "../../evals/support/corpus-store.ts";
import { four, line } from "../support/budget-note-lines.ts";

const EDITED_AT = new Date("2025-03-02T08:00:00Z");

/** Modelled on BI26 (Budget 2025): one area, committees per line, an effect table. */
const BI26: BudgetNoteDraftRequest = BudgetNoteDraftRequestSchema.parse({
  title: "En ny ungeindsats: ”Sammen om de unge – et fælles ansvar”",
  code: "BI26",
  purpose: [
    "Medarbejdere fra fem forvaltninger samles i et fælles team med base i Jobcenter København.",
    "Lavere sagsantal pr. medarbejder for langtidsledige unge.",
  ],
  effects: [
    {
      målgruppe: "Unge i alderen 15-29 år uden job og uddannelse",
      indsats: "En ny tværforvaltningslig ungeindsats",
      målsætning: "Teamet får kontakt til 90 procent af NEET-unge (ca. 1.350) i området.",
      opfølgning: "Årlig effektopfølgning.",
    },
  ],
  priceLevel: 2025,
  committee: "BIU",
  appropriation: "35.10",
  author: "sagsbehandler",
  lines: [
    line("1 projektleder (Beskæftigelses- og Integrationsforvaltningen)", four(790)),
    line("2,5 årsværk til Børne- og Ungdomsforvaltningen", four(1_475), {
      committee: "BUU",
      appropriation: "3330",
    }),
    line("2 årsværk til Socialforvaltningen", four(1_180), {
      committee: "SUD",
      appropriation: "3210",
    }),
    line(
      "Udvidelse af Fritidsjobindsatsen (50 unge) under Beskæftigelses- og Integrationsforvaltningen",
      four(1_300),
    ),
    line(
      "Lavt sagsantal pr. medarbejder for unge, som vurderes langtidsledige eller i risiko herfor",
      [2_000, 7_000, 7_000, 7_000],
    ),
  ],
});

/** No code, two areas, rounded cells and empty years: the agreement text states each area. */
const FLERE_I_JOB: BudgetNoteDraftRequest = BudgetNoteDraftRequestSchema.parse({
  title: "Flere i job",
  purpose: ["Flere ledige skal i job."],
  priceLevel: 2026,
  committee: "BIU",
  appropriation: "35.10",
  lines: [
    {
      area: "service",
      label: "Jobkonsulenter",
      amounts: { "2026": 1_234_567, "2027": 1_234_567, "2028": 1_234_567, "2029": 1_234_567 },
    },
    {
      area: "indsats",
      label: "Virksomhedspraktik",
      amounts: { "2027": 2_000_000, "2028": 2_000_000 },
    },
    { area: "service", label: "Projektledelse", amounts: { "2026": 500_000 } },
  ],
});

async function drafted(request: BudgetNoteDraftRequest): Promise<Draft> {
  return draftBudgetNote(request, {
    writer: createOfflineBudgetNoteWriter(),
    now: () => new Date("2025-03-01T10:00:00Z"),
    newId: () => "udkast-1",
  });
}

/** `text` with `from` replaced by `to` at its `nth` occurrence (0 first); fails when there is none. */
function replaceAt(text: string, from: string, to: string, nth = 0): { text: string; at: number } {
  let at = -1;
  for (let count = 0; count <= nth; count += 1) {
    at = text.indexOf(from, at + 1);
    if (at === -1) throw new Error(`"${from}" occurs fewer than ${nth + 1} times`);
  }
  return { text: text.slice(0, at) + to + text.slice(at + from.length), at };
}

function issuesOf(draft: Draft, code: ValidationIssue["code"]): ValidationIssue[] {
  return draft.validation.issues.filter((issue) => issue.code === code);
}

const quote = (text: string, issue: ValidationIssue | undefined): string =>
  issue === undefined ? "" : text.slice(issue.start, issue.end);

describe("reviseDraftText: a budget note edited as text", async () => {
  const draft = await drafted(BI26);

  it("an unedited note re-submitted as text stays clean, with the drafted sections back", () => {
    expect(draft.status).toBe("clean");
    const revised = reviseDraftText(draft, draft.text, "redaktør", EDITED_AT);
    expect(revised.validation.issues).toEqual([]);
    expect(revised.status).toBe("clean");
    expect(DraftSchema.parse(revised)).toEqual(revised);
    // The parser reads the same sections, at the same offsets, tables included; untouched data sections stay fromData.
    expect(revised.sections).toEqual(draft.sections);
    // The money figures found are the agreement text's (the prose has none), and it is right.
    expect(
      revised.validation.figures
        .filter((figure) => figure.kind === "money")
        .map((figure) => [figure.text, figure.status]),
    ).toEqual([["[42,0] mio. kr.", "ok"]]);
  });

  it("keeps the id, the allocation and the request; counts the version; records the editor", () => {
    const revised = reviseDraftText(draft, draft.text, "redaktør", EDITED_AT);
    const again = reviseDraftText(revised, revised.text, "redaktør", EDITED_AT);
    expect(revised).toMatchObject({
      id: draft.id,
      kind: "budget_note",
      version: 2,
      model: "manual",
      attempts: 0,
      author: "redaktør",
      createdAt: "2025-03-02T08:00:00.000Z",
      title: draft.title,
    });
    expect(again.version).toBe(3);
    expect(revised.allocation).toEqual(draft.allocation);
    expect(again.allocation).toEqual(draft.allocation);
    expect(BudgetNoteDraftRequestSchema.parse(again.input)).toEqual(BI26);
    expect(again.input.revision).toBe("text");
    expect(again.status).toBe("clean");
  });

  it("a changed table cell: the row no longer adds up, and the cell is not the data's", () => {
    const { text, at } = replaceAt(
      draft.text,
      "790\t790\t790\t790\t3.160",
      "790\t790\t780\t790\t3.160",
    );
    const cell = at + "790\t790\t".length;
    const revised = reviseDraftText(draft, text, "redaktør", EDITED_AT);
    expect(revised.status).toBe("flagged");
    const [rowTotal] = issuesOf(revised, "table_row_total");
    expect(rowTotal).toMatchObject({ severity: "error", expected: "3.150", found: "3.160" });
    expect(quote(text, rowTotal)).toBe(
      "1 projektleder (Beskæftigelses- og Integrationsforvaltningen)\tService\t790\t790\t780\t790\t3.160",
    );
    const [data] = issuesOf(revised, "amount_mismatch");
    expect(data).toMatchObject({
      severity: "error",
      start: cell,
      end: cell + 3,
      expected: "790",
      found: "780",
    });
    expect(data?.message).toContain("2027");
    const [column] = issuesOf(revised, "table_column_total");
    expect(quote(text, column)).toMatch(/^Udgifter i alt\t/u);
    // The technical table, the agreement text and the prose are as drafted: nothing there.
    const technical = revised.sections.find(
      (section) => section.key === "bevillingstekniskeOplysninger",
    );
    expect(
      revised.validation.issues.filter(
        (issue) => technical !== undefined && issue.start >= technical.start,
      ),
    ).toEqual([]);
  });

  it("a changed cell in the technical table is checked against the economy table and the data", () => {
    const { text, at } = replaceAt(
      draft.text,
      "1.475\t1.475\t1.475\t1.475\t5.900",
      "1.475\t1.575\t1.475\t1.475\t6.000",
      1,
    );
    const revised = reviseDraftText(draft, text, "redaktør", EDITED_AT);
    const [data] = issuesOf(revised, "amount_mismatch");
    expect(data).toMatchObject({ start: at + "1.475\t".length, expected: "1.475", found: "1.575" });
    expect(issuesOf(revised, "table_split_mismatch")).toHaveLength(1);
    expect(issuesOf(revised, "table_column_total").map((issue) => quote(text, issue))).toEqual([
      expect.stringMatching(/^Serviceudgifter i alt\t/u),
    ]);
  });

  it("a changed agreement figure is caught against the areas' sums and against the economy table, at the figure", () => {
    const written = /\[[\d,]+\] mio\. kr\./u.exec(draft.text)?.[0] ?? "";
    expect(written).toBe("[42,0] mio. kr.");
    const { text, at } = replaceAt(draft.text, "[42,0] mio. kr.", "[41,0] mio. kr.");
    const revised = reviseDraftText(draft, text, "redaktør", EDITED_AT);
    expect(revised.status).toBe("flagged");
    const [amount] = issuesOf(revised, "amount_mismatch");
    expect(amount?.severity).toBe("error");
    expect(amount?.start).toBeGreaterThanOrEqual(at);
    expect(amount?.end).toBe(at + "[41,0] mio. kr.".length);
    expect(quote(text, amount)).toMatch(/41,0\] mio\. kr\.$/u);
    const [mismatch] = issuesOf(revised, "agreement_text_mismatch");
    expect(mismatch).toMatchObject({ severity: "error", found: "[41,0] mio. kr." });
    expect(quote(text, mismatch)).toContain("[41,0] mio. kr. samlet på service i 2025-2028");
    expect(revised.validation.issues.every((issue) => issue.start >= at - "- ".length)).toBe(true);
  });

  it("a wrong figure typed into Indhold is flagged at the figure; a right one is not", () => {
    const sentence = "Lavere sagsantal pr. medarbejder for langtidsledige unge.";
    const wrong = replaceAt(
      draft.text,
      sentence,
      `${sentence} Indsatsen koster 25 mio. kr. årligt.`,
    );
    const flagged = reviseDraftText(draft, wrong.text, "redaktør", EDITED_AT);
    expect(flagged.status).toBe("flagged");
    const errors = flagged.validation.issues.filter((issue) => issue.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe("amount_mismatch");
    expect(quote(wrong.text, errors[0])).toBe("25 mio. kr.");
    const indhold = flagged.sections.find((section) => section.key === "indhold");
    expect(indhold?.fromData).toBe(false);
    expect(errors[0]?.start).toBeGreaterThan(indhold?.start ?? Number.POSITIVE_INFINITY);

    const right = replaceAt(
      draft.text,
      sentence,
      `${sentence} Til projektlederen afsættes 0,8 mio. kr. årligt i 2025-2028.`,
    );
    expect(reviseDraftText(draft, right.text, "redaktør", EDITED_AT).validation.issues).toEqual([]);
  });

  it("a note whose headings are gone is checked as prose and says the tables were not checked", () => {
    const text = draft.text.replace(
      /^(Baggrund|Indhold|Økonomi|Bevillingstekniske oplysninger|Forslag til aftaletekst)$/gmu,
      "$1:",
    );
    const revised = reviseDraftText(draft, text, "redaktør", EDITED_AT);
    expect(revised.status).toBe("flagged");
    expect(revised.sections.map((section) => section.key)).toEqual(["redigeret"]);
    const warning = revised.validation.issues.find(
      (issue) =>
        issue.severity === "warning" && /kan ikke læses som et budgetnotat/u.test(issue.message),
    );
    expect(warning).toMatchObject({ start: 0, end: text.length });
  });

  it("a note without its agreement text says which areas it no longer states", () => {
    const cut = draft.text.slice(0, draft.text.indexOf("\n\nForslag til aftaletekst"));
    const revised = reviseDraftText(draft, cut, "redaktør", EDITED_AT);
    expect(revised.status).toBe("flagged");
    expect(revised.validation.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ["line_not_mentioned", "warning"],
    ]);
    expect(revised.validation.issues[0]?.message).toMatch(/^Forslag til aftaletekst mangler/u);
  });
});

describe("validateBudgetNoteText: a note without a code, two areas", async () => {
  const draft = await drafted(FLERE_I_JOB);
  const allocation = budgetNoteAllocation(FLERE_I_JOB);

  it("reads the note back without a code line and finds it clean, sections at the drafted offsets", () => {
    expect(draft.title).toBe("Flere i job");
    expect(draft.status).toBe("clean");
    const { validation, sections } = validateBudgetNoteText(draft.text, allocation);
    expect(validation.issues).toEqual([]);
    expect(sections.map(({ key, start, text }) => ({ key, start, text }))).toEqual(
      draft.sections.map(({ key, start, text }) => ({ key, start, text })),
    );
  });

  it("flags an area's agreement figure, and an empty year filled in, at their offsets", () => {
    const agreement = replaceAt(draft.text, "[4,0] mio. kr.", "[4,5] mio. kr.");
    const flagged = validateBudgetNoteText(agreement.text, allocation).validation;
    expect(flagged.issues.map((issue) => issue.code).sort()).toEqual([
      "agreement_text_mismatch",
      "amount_mismatch",
    ]);
    for (const issue of flagged.issues)
      expect(agreement.text.slice(issue.start, issue.end)).toContain("4,5] mio. kr.");

    const cell = replaceAt(
      draft.text,
      "Virksomhedspraktik\tIndsats\t-",
      "Virksomhedspraktik\tIndsats\t500",
    );
    const filled = validateBudgetNoteText(cell.text, allocation).validation;
    const data = filled.issues.find((issue) => issue.code === "amount_mismatch");
    expect(data).toMatchObject({ expected: "-", found: "500" });
    expect(cell.text.slice(data?.start, data?.end)).toBe("500");
    expect(data?.start).toBe(cell.at + "Virksomhedspraktik\tIndsats\t".length);
  });
});

describe("reviseDraftText: an assessment edited as text", () => {
  let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
  let draft: Draft;
  const writer: AssessmentWriter = {
    id: "scripted",
    prompt: { id: "scripted", version: "1" },
    write: async () => ({
      indholdIJusteretIndsats: "Indsatsen fortsætter med fokus på forebyggelse i skolerne.",
    }),
  };

  beforeAll(async () => {
    fixture = await createCorpusStore();
    const allocations = createMemoryAllocationSource([]);
    draft = await draftAssessment(
      {
        initiativeId: "bilag-2026-04",
        decision: "uændret",
        allocation: {
          initiative: "Forebyggelse",
          priceLevel: 2027,
          lines: [{ area: "service", amounts: { "2027": 5_700_000, "2028": 5_700_000 } }],
        },
      },
      {
        store: fixture.store,
        allocations,
        writer,
        now: () => new Date("2026-03-01T09:00:00Z"),
        newId: () => "vurdering-1",
      },
    );
  });
  afterAll(async () => fixture.dispose());

  it("flags a wrong figure at the figure, keeps the two sections (headings survive the edit), id, allocation and decision", () => {
    expect(draft.status).toBe("clean");
    const { text, at } = replaceAt(draft.text, "5,7 mio. kr.", "6,2 mio. kr.");
    const revised = reviseDraftText(draft, text, "redaktør", EDITED_AT);
    expect(revised).toMatchObject({
      id: "vurdering-1",
      kind: "assessment",
      version: 2,
      status: "flagged",
      decision: "uændret",
    });
    expect(revised.allocation).toEqual(draft.allocation);
    const [issue] = issuesOf(revised, "amount_mismatch");
    expect(issue).toMatchObject({ severity: "error", start: at, end: at + "6,2 mio. kr.".length });
    expect(revised.text).toBe(text);
    expect(revised.sections.map(({ key, start, fromData }) => ({ key, start, fromData }))).toEqual([
      { key: "indholdIJusteretIndsats", start: draft.sections[0]?.start, fromData: false },
      { key: "økonomiRessourcer", start: at - "Der foreslås ".length, fromData: false },
    ]);
    for (const section of revised.sections)
      expect(text.slice(section.start, section.start + section.text.length)).toBe(section.text);
  });

  it("an edit without the headings is checked as one edited text, never passed unchecked", () => {
    const text = "Indsatsen fortsætter med 6,2 mio. kr. årligt på service i 2027-2030.";
    const revised = reviseDraftText(
      { ...draft, allocation: undefined },
      text,
      "redaktør",
      EDITED_AT,
    );
    expect(revised.sections.map((section) => section.key)).toEqual(["redigeret"]);
    expect(revised.status).toBe("flagged");
    expect(issuesOf(revised, "unmatched_figure")).toHaveLength(1);
  });

  it("uses the budget year draftAssessment records in its input for period_before_budget_year", () => {
    expect(draft.input.budgetYear).toBe(2027);
    const { text, at } = replaceAt(
      draft.text,
      "Indsatsen fortsætter med fokus på forebyggelse i skolerne.",
      "Indsatsen fortsætter med fokus på forebyggelse i skolerne. I 2026 blev der brugt 5,7 mio. kr.",
    );
    const revised = reviseDraftText(draft, text, "redaktør", EDITED_AT);
    const [early] = issuesOf(revised, "period_before_budget_year");
    expect(early).toBeDefined();
    expect(early?.start).toBeGreaterThan(at);
    // A draft that records no budget year is checked without it.
    const { budgetYear: _unused, ...input } = draft.input;
    const withoutYear = reviseDraftText({ ...draft, input }, text, "redaktør", EDITED_AT);
    expect(issuesOf(withoutYear, "period_before_budget_year")).toEqual([]);
  });
});
