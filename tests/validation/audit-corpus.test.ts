import { beforeAll, describe, expect, it } from "vitest";
import type {
  AuditFinding,
  BudgetTable,
  Card,
  CorpusDocument,
  Decision,
  ParsedDocument,
  Section,
  SectionKind,
  TableRow,
} from "../../src/domain/index.ts";
import { extractCardFigures, readDocument } from "../../src/corpus/read-document.ts";
import { readBundledCorpus } from "../../src/runtime/node/corpus-files.ts";
import { auditCorpus, auditSummary } from "../../src/validation/audit-corpus.ts";
import { auditBudgetTables } from "../../src/validation/audit-budget-tables.ts";
import { auditCard } from "../../src/validation/audit-card.ts";
import { checkCrossReferences, titlesAgree } from "../../src/validation/check-cross-references.ts";
import { findCopiedPassages } from "../../src/validation/find-copied-passages.ts";

// ---------------------------------------------------------------------------------------------
// Fixtures: minimal documents whose raw text is the sections' text laid end to end.

type SectionSpec = { kind: SectionKind; text: string; heading?: string };
type CardSpec = { number?: number; title: string; decision?: Decision; sections: SectionSpec[] };

let nextRaw = "";

function makeCard(documentId: string, ordinal: number, spec: CardSpec): Card {
  const start = nextRaw.length;
  const sections: Section[] = spec.sections.map((section) => {
    const at = nextRaw.length;
    nextRaw += `${section.text}\n\n`;
    return {
      kind: section.kind,
      heading: section.heading ?? section.kind,
      text: section.text,
      span: { start: at, end: at + section.text.length },
      offsets: [[0, at]],
    };
  });
  const card: Card = {
    id: `${documentId}-${String(ordinal).padStart(2, "0")}`,
    documentId,
    ...(spec.number === undefined ? {} : { number: spec.number }),
    ordinal,
    title: spec.title,
    sections,
    decision: spec.decision ?? "uændret",
    flags: [],
    span: { start, end: nextRaw.length },
    figures: [],
  };
  return { ...card, figures: extractCardFigures(card) };
}

/** A document and its raw source; cards share one raw text per document. */
function makeDocument(options: {
  id?: string;
  kind?: "annex" | "budget_note";
  year?: number;
  cards: CardSpec[];
  tables?: (cards: Card[]) => BudgetTable[];
}): { document: ParsedDocument; raw: string } {
  nextRaw = "";
  const id = options.id ?? "bilag-2026";
  const year = options.year ?? 2026;
  const kind = options.kind ?? "annex";
  const meta: CorpusDocument = {
    id,
    kind,
    year,
    budgetYear: kind === "annex" ? year + 1 : year,
    title: `Testdokument ${id}`,
    source: `${id}.txt`,
    contentHash: "0".repeat(64),
    layout: "test",
  };
  const cards = options.cards.map((spec, index) => makeCard(id, index + 1, spec));
  return {
    document: { document: meta, cards, tables: options.tables?.(cards) ?? [] },
    raw: nextRaw,
  };
}

function audit(...made: Array<{ document: ParsedDocument; raw: string }>): AuditFinding[] {
  return auditCorpus(
    made.map((entry) => entry.document),
    new Map(made.map((entry) => [entry.document.document.id, entry.raw])),
  );
}

function oneCard(spec: CardSpec, year = 2026): { document: ParsedDocument; raw: string } {
  return makeDocument({ year, cards: [spec] });
}

const codes = (findings: readonly AuditFinding[]): string[] =>
  findings.map((finding) => finding.code);

// ---------------------------------------------------------------------------------------------

describe("auditCard: parts against their whole", () => {
  it("is silent when a heraf adds up within rounding (11 mio. ~ 9,5 + 1,4)", () => {
    const made = oneCard({
      title: "Trædesten",
      sections: [
        {
          kind: "proposed_money",
          text: "11 mio. kr. (2027 p/l) i 2027 heraf 9,5 mio. kr. til beskæftigelsesrettet aktivering på indsats og 1,4 mio. kr. på service til frikøb af to medarbejdere.",
        },
      ],
    });
    expect(audit(made)).toEqual([]);
  });

  it("reports a heraf whose parts exceed the whole", () => {
    const made = oneCard({
      title: "Trædesten",
      sections: [
        {
          kind: "expiring_money",
          text: "Udløbet i 2026 udgør i alt 9,7 mio. kr., heraf 8,4 mio. kr. til aktivering (indsats) og 2,1 mio. kr. på service.",
        },
      ],
    });
    const findings = audit(made);
    expect(codes(findings)).toEqual(["parts_do_not_add_up"]);
    expect(findings[0]?.severity).toBe("error");
    expect(findings[0]?.expected).toBe("9,7 mio. kr.");
    expect(findings[0]?.found).toBe("10,5 mio. kr.");
    expect(findings[0]?.quote).toContain("heraf 8,4 mio. kr.");
  });

  it("reports two parts that fall short of the whole, but not a single part (a heraf need not list every part)", () => {
    const short = oneCard({
      title: "A",
      sections: [
        {
          kind: "proposed_money",
          text: "3,1 mio. kr. årligt (2027 p/l) på service i 2027-2030, fordelt på 2,3 mio. kr. til BIF og 0,5 mio. kr. til SOF.",
        },
      ],
    });
    expect(codes(audit(short))).toEqual(["parts_do_not_add_up"]);
    const single = oneCard({
      title: "A",
      sections: [
        {
          kind: "expiring_money",
          text: "Udløbet i 2026 udgør i alt 9,7 mio. kr., heraf 8,4 mio. kr. til beskæftigelsesrettet aktivering (indsats).",
        },
      ],
    });
    expect(audit(single)).toEqual([]);
  });

  it("reads 'fordelt således' in the sentence after the whole", () => {
    const text = (last: string): string =>
      `Med budget 2023 blev der afsat 2,7 mio. kr. i 2023 og 7,4 mio. kr. årligt på service i 2024-2026. Den årlige bevilling er fordelt således: 5,0 mio. kr. til BIU; 2,0 mio. kr. til SOC; og ${last} mio. kr. til BUU.`;
    expect(
      audit(
        oneCard({
          title: "Ekstremisme",
          sections: [{ kind: "expiring_money", text: text("0,4") }],
        }),
      ),
    ).toEqual([]);
    expect(
      codes(
        audit(
          oneCard({
            title: "Ekstremisme",
            sections: [{ kind: "expiring_money", text: text("0,9") }],
          }),
        ),
      ),
    ).toEqual(["parts_do_not_add_up"]);
  });

  it("does not add a 'dvs.' restatement per year to a total's parts", () => {
    const made = oneCard({
      title: "HFI",
      sections: [
        {
          kind: "expiring_money",
          text: "Med budget 2023 blev der samlet afsat 33 mio. kr. fra 2023 til 2026, heraf 5,3 mio. kr. til BIF, dvs. 1,3 mio. kr. årligt på service i perioden 2023-26.",
        },
      ],
    });
    expect(audit(made)).toEqual([]);
  });

  it("checks a stated reduction against the two grant lines", () => {
    const grant = (reduction: string): string =>
      `Bevilling 2024: 23,7 mio. kr. i servicemidler\nBevilling 2025: 6,9 mio. kr.\n(Reduktion fra 2024, ${reduction} mio. kr.)`;
    expect(
      audit(
        oneCard(
          { title: "Flere skal med", sections: [{ kind: "grant", text: grant("16,8") }] },
          2024,
        ),
      ),
    ).toEqual([]);
    const findings = audit(
      oneCard(
        { title: "Flere skal med", sections: [{ kind: "grant", text: grant("16,4") }] },
        2024,
      ),
    );
    expect(codes(findings)).toEqual(["parts_do_not_add_up"]);
    expect(findings[0]?.expected).toBe("16,8 mio. kr.");
  });
});

describe("auditCard: header against body", () => {
  const card = (body: string): CardSpec => ({
    title: "TechBBQ",
    sections: [
      { kind: "grant", text: "Bevilling 2024: 1,6 mio. kr. i servicemidler" },
      { kind: "content", text: body },
    ],
  });

  it("reports a body that restates the grant with another amount", () => {
    const findings = audit(
      oneCard(
        card("I Budget 24 blev der givet 1,5 mio. kr. i 2024 til et iværksætterprogram."),
        2024,
      ),
    );
    expect(codes(findings)).toEqual(["header_body_mismatch"]);
    expect(findings[0]).toMatchObject({
      expected: "1,6 mio. kr.",
      found: "1,5 mio. kr.",
      severity: "warning",
    });
  });

  it("is silent when the body agrees, names another year, or adds to the grant", () => {
    expect(
      audit(
        oneCard(
          card("I Budget 24 blev der givet 1,6 mio. kr. i 2024 til et iværksætterprogram."),
          2024,
        ),
      ),
    ).toEqual([]);
    expect(
      audit(oneCard(card("Programmet fik 0,5 mio. kr. i 2022 til samme program."), 2024)),
    ).toEqual([]);
    expect(
      audit(
        oneCard(
          card("Der er derudover i budget 2024 givet 0,4 mio. kr. i 2024 til ekstra møder."),
          2024,
        ),
      ),
    ).toEqual([]);
  });
});

describe("auditCard: periods, decision and area", () => {
  it("reports a proposal period before the budget year and an expiring grant running past the annex year", () => {
    const findings = audit(
      oneCard({
        title: "Grøn omstilling",
        sections: [
          {
            kind: "expiring_money",
            text: "Med budget 2024 blev der afsat 1,3 mio. kr. årligt på service i 2024-2027.",
          },
          {
            kind: "proposed_money",
            text: "2,8 mio. kr. årligt (2027 p/l) på indsats i 2027-2030 og 1,4 mio. kr. årligt på service i 2024-2026.",
          },
        ],
      }),
    );
    expect(codes(findings).sort()).toEqual(["period_before_budget_year", "period_mismatch"]);
  });

  it("reports a stop decision with proposed money, and a continue decision with none", () => {
    const stop = audit(
      oneCard({
        title: "A",
        decision: "ophører",
        sections: [
          { kind: "assessment", text: "Indsatsen bør ikke videreføres." },
          {
            kind: "proposed_money",
            text: "0,5 mio. kr. årligt (2027 p/l) på service i 2027-2030.",
          },
        ],
      }),
    );
    expect(codes(stop)).toEqual(["decision_conflict"]);
    const none = audit(
      oneCard({
        title: "A",
        decision: "uændret",
        sections: [
          { kind: "assessment", text: "Indsatsen kan videreføres uændret." },
          { kind: "proposed_money", text: "Afklares senere." },
        ],
      }),
    );
    expect(codes(none)).toEqual(["decision_conflict"]);
    const fine = audit(
      oneCard({
        title: "A",
        decision: "uændret",
        sections: [
          { kind: "assessment", text: "Indsatsen kan videreføres uændret." },
          {
            kind: "proposed_money",
            text: "0,5 mio. kr. årligt (2027 p/l) på service i 2027-2030.",
          },
        ],
      }),
    );
    expect(fine).toEqual([]);
  });

  it("reports 'i stedet for overførsler' when the expiring money is on indsats", () => {
    const spec = (area: string): CardSpec => ({
      title: "Mentorstøtte",
      decision: "med_justeringer",
      sections: [
        {
          kind: "expiring_money",
          text: `Med Budget 2023 blev der afsat 1,0 mio. kr. årligt på ${area} i perioden 2023-2026.`,
        },
        {
          kind: "assessment",
          text: "Midlerne søges på service i stedet for overførsler, da indsatsen er bredere end mentorstøtte.",
        },
        { kind: "proposed_money", text: "1,2 mio. kr. årligt (2027 p/l) på service i 2027-2030." },
      ],
    });
    expect(codes(audit(oneCard(spec("indsats"))))).toEqual(["area_mismatch"]);
    expect(audit(oneCard(spec("overførsler")))).toEqual([]);
  });
});

describe("checkCrossReferences", () => {
  const annex = (reference: string) =>
    makeDocument({
      cards: [
        {
          number: 19,
          title: "Mentorstøtte til aktivitetsparate unge",
          sections: [
            {
              kind: "assessment",
              text: `Hvis bevillingen ønskes videreført, anbefales det, at denne og ${reference} videreføres som en samlet indsats.`,
            },
          ],
        },
        {
          number: 25,
          title: "Styrket uddannelsesmentor indsats",
          sections: [{ kind: "content", text: "Bevillingen understøtter mentorindsatsen." }],
        },
        {
          number: 26,
          title: "Indsats for ledighedsydelsesmodtagere",
          sections: [{ kind: "content", text: "Flere i fleksjob." }],
        },
      ],
    });

  it("is silent when number and title agree, across OCR damage, spacing and quote styles", () => {
    expect(audit(annex("nr. 25 “Styrket uddannelsesmentorindsats”"))).toEqual([]);
    expect(audit(annex('nr. 25 "Styrket uddannelsesmentorindsats"'))).toEqual([]);
    expect(audit(annex('nr. 25 “"Styrket\nuddannelsesmentorindsats”'))).toEqual([]);
    expect(
      titlesAgree(
        "Mentorsteotte til aktivitetsparate unge",
        "Mentorstøtte til aktivitetsparate unge",
      ),
    ).toBe(true);
  });

  it("reports a number that names another card, and one that names none", () => {
    const wrong = audit(annex('nr. 26 “"Styrket\nuddannelsesmentorindsats”'));
    expect(codes(wrong)).toEqual(["cross_reference"]);
    expect(wrong[0]?.expected).toContain("nr. 25");
    expect(wrong[0]?.quote).toContain("nr. 26");
    const missing = checkCrossReferences(annex('nr. 40 "Ukendt indsats"').document, new Map());
    expect(missing.map((finding) => finding.message)).toEqual([
      expect.stringContaining("ikke findes"),
    ]);
  });
});

describe("findCopiedPassages", () => {
  const passage =
    "Målgruppen er ledige med svære psykiske lidelser. Indsatsen kombinerer behandling i regi af sundhedsvæsnet med virksomhedsrettede forløb. Indsatsen har eksisteret siden 2012 og bygger på et forskningsprojekt, hvor 62,4 pct. af deltagerne i København kom i job eller uddannelse.";
  const stock =
    "Der er endnu ikke afholdt aktiviteter, da midlerne blev afsat ved Overførselssagen 2022/23. Grundet hensigtserklæring i aftalen vil den videre finansiering af aktiviteterne automatisk indgå i forhandlingerne om budget 2024.";

  it("reports a description copied into another card of the same document, on the later card", () => {
    const made = makeDocument({
      year: 2023,
      cards: [
        { title: "IPS", sections: [{ kind: "content", text: passage }] },
        {
          title: "Flexuddannelsen",
          sections: [
            { kind: "content", text: passage.replace("sundhedsvæsnet", "sundhedsvæsnets") },
          ],
        },
      ],
    });
    const findings = audit(made);
    expect(codes(findings)).toEqual(["copied_passage"]);
    expect(findings[0]).toMatchObject({ cardTitle: "Flexuddannelsen", severity: "warning" });
    expect(findings[0]?.message).toContain('"IPS"');
  });

  it("is silent on reuse across years, on short overlaps and on shared status formulas", () => {
    const lastYear = makeDocument({
      id: "bilag-2022",
      year: 2022,
      cards: [{ title: "IPS", sections: [{ kind: "content", text: passage }] }],
    });
    const thisYear = makeDocument({
      id: "bilag-2023",
      year: 2023,
      cards: [{ title: "IPS", sections: [{ kind: "content", text: passage }] }],
    });
    expect(
      findCopiedPassages(
        [lastYear.document, thisYear.document],
        new Map([
          ["bilag-2022", lastYear.raw],
          ["bilag-2023", thisYear.raw],
        ]),
      ),
    ).toEqual([]);
    const status = makeDocument({
      year: 2023,
      cards: [
        { title: "A", sections: [{ kind: "assessment", text: stock }] },
        { title: "B", sections: [{ kind: "assessment", text: stock }] },
      ],
    });
    expect(audit(status)).toEqual([]);
    const short = makeDocument({
      year: 2023,
      cards: [
        {
          title: "A",
          sections: [
            {
              kind: "content",
              text: "Målgruppen er ledige med svære psykiske lidelser, som får et tilbud.",
            },
          ],
        },
        {
          title: "B",
          sections: [
            {
              kind: "content",
              text: "Målgruppen er ledige med svære psykiske lidelser, som får et andet tilbud.",
            },
          ],
        },
      ],
    });
    expect(audit(short)).toEqual([]);
  });
});

describe("auditBudgetTables", () => {
  const row = (
    label: string,
    values: Array<number | null>,
    options: Partial<TableRow> = {},
  ): TableRow => ({
    label,
    values: Object.fromEntries(values.map((value, index) => [String(2025 + index), value])),
    isTotal: false,
    span: { start: 0, end: label.length },
    ...options,
  });
  const table = (
    id: string,
    rows: TableRow[],
    options: Partial<BudgetTable> = {},
  ): BudgetTable => ({
    id,
    cardId: "bi26-01",
    kind: "economy",
    title: `Tabel ${id}. Oversigt`,
    unit: "1.000 kr.",
    priceLevel: 2025,
    years: [2025, 2026, 2027, 2028],
    rows,
    continuation: false,
    span: { start: 0, end: 10 },
    ...options,
  });
  const note = (
    tables: BudgetTable[],
    agreement = "Der afsættes: [69,1] mio. kr. samlet på service i 2025-2028 til et 4-årigt udviklingsprojekt.",
  ) =>
    makeDocument({
      id: "bi26",
      kind: "budget_note",
      year: 2025,
      cards: [{ title: "BI26", sections: [{ kind: "agreement_text", text: agreement }] }],
      tables: () => tables,
    });
  const economy = (): BudgetTable =>
    table("2", [
      row("Projektleder", [790, 790, 790, 790], { area: "service", statedTotal: 3160 }),
      row("Lavt sagsantal", [12735, 17735, 17735, 17735], { area: "service", statedTotal: 65940 }),
      row("Udgifter i alt (netto)", [13525, 18525, 18525, 18525], {
        isTotal: true,
        statedTotal: 69100,
      }),
    ]);

  it("is silent on a consistent note: rows, totals, split and agreement text agree", () => {
    const split = table(
      "3",
      [
        row("A", [790, 790, 790, 790], { statedTotal: 3160 }),
        row("B", [12735, 17735, 17735, 17735], { statedTotal: 65940 }),
        row("Serviceudgifter i alt", [13525, 18525, 18525, 18525], {
          isTotal: true,
          statedTotal: 69100,
        }),
      ],
      { kind: "technical", continuation: true },
    );
    expect(audit(note([economy(), split]))).toEqual([]);
  });

  it("reports a row total, a column total and an empty total row", () => {
    const broken = table("2", [
      row("Projektleder", [790, 790, 790, 790], { area: "service", statedTotal: 3260 }),
      row("Lavt sagsantal", [12735, 17735, 17735, 17735], { area: "service", statedTotal: 65940 }),
      row("Udgifter i alt (netto)", [13525, 18525, 18625, 18525], {
        isTotal: true,
        statedTotal: 69100,
      }),
    ]);
    const previous = table(
      "5",
      [
        row("Budgetaftale 2019", [5000, 5000, null, null]),
        row("Afsatte midler i alt", [null, null, null, null], { isTotal: true }),
      ],
      { kind: "other" },
    );
    const findings = auditBudgetTables(note([broken, previous]).document, new Map());
    expect(findings.map((finding) => [finding.code, finding.severity, finding.expected])).toEqual([
      ["table_row_total", "error", "3.160"],
      // the total row's own years now sum to 69.200, not its stated 69.100
      ["table_row_total", "error", "69.200"],
      ["table_column_total", "error", "2027: 18.525"],
      ["table_column_total", "warning", "5.000 i 2025 og 2026"],
    ]);
  });

  it("reports a split table whose rows do not sum to the main table, and agreement text that disagrees", () => {
    const split = table(
      "3",
      [row("A", [790, 790, 790, 790]), row("B", [12735, 17735, 17735, 16735])],
      { kind: "technical", continuation: true },
    );
    expect(codes(audit(note([economy(), split])))).toEqual(["table_split_mismatch"]);
    const findings = audit(
      note(
        [economy()],
        "Der afsættes: [67,1] mio. kr. samlet på service i 2025-2028 til projektet.",
      ),
    );
    expect(codes(findings)).toEqual(["agreement_text_mismatch"]);
    expect(findings[0]).toMatchObject({ expected: "69,1 mio. kr.", found: "[67,1] mio. kr." });
  });
});

describe("auditSummary and ordering", () => {
  it("counts by severity and code, and sorts errors first", () => {
    const made = oneCard({
      title: "A",
      sections: [
        {
          kind: "expiring_money",
          text: "Med budget 2024 blev der afsat 1,3 mio. kr. årligt på service i 2024-2027.",
        },
        { kind: "proposed_money", text: "1,4 mio. kr. årligt på service i 2024-2026." },
      ],
    });
    const findings = audit(made);
    expect(findings.map((finding) => finding.severity)).toEqual(["error", "warning"]);
    expect(auditSummary(findings)).toEqual({
      total: 2,
      bySeverity: { error: 1, warning: 1, info: 0 },
      byCode: { period_before_budget_year: 1, period_mismatch: 1 },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The real corpus. Every finding below was checked by hand against the source text.

describe("auditCorpus on the bundled corpus", () => {
  let documents: ParsedDocument[] = [];
  let sources = new Map<string, string>();
  let findings: AuditFinding[] = [];

  beforeAll(async () => {
    const files = await readBundledCorpus(new URL("../../corpus", import.meta.url).pathname);
    documents = await Promise.all(
      files.map((file) => readDocument(file.name, file.bytes, file.entry)),
    );
    sources = new Map(
      files.map((file, index) => [
        documents[index]?.document.id ?? "",
        new TextDecoder().decode(file.bytes).replace(/^\uFEFF/u, ""),
      ]),
    );
    findings = auditCorpus(documents, sources);
  }, 60_000);

  it("finds exactly the mistakes verified by hand", () => {
    const seen = findings.map((finding) => ({
      code: finding.code,
      cardId: finding.cardId,
      severity: finding.severity,
    }));
    expect(seen).toEqual([
      // 2024 annex, "Øvrige: Fokuseret indsats …": 23,7 − 6,9 = 16,8 mio. kr., but the reduction is written 16,4.
      { code: "parts_do_not_add_up", cardId: "bilag-2024-05", severity: "error" },
      // 2026 annex Nr. 10: the proposal's service money "1,4 mio. kr. årligt på service i 2024 - 2026" — the
      // expiring period pasted into a proposal for 2027-2030 (the indsats half says 2027-2030).
      { code: "period_before_budget_year", cardId: "bilag-2026-10", severity: "error" },
      // 2026 annex Nr. 19 refers to nr. 26 "Styrket uddannelsesmentorindsats"; that card is Nr. 25
      // (Nr. 26 is "Indsats for ledighedsydelsesmodtagere").
      { code: "cross_reference", cardId: "bilag-2026-19", severity: "error" },
      // Nr. 25 returns the favour: nr. 19 "Styrket uddannelsesmentorindsats" is its own title; Nr. 19 is
      // "Mentorstøtte til aktivitetsparate unge".
      { code: "cross_reference", cardId: "bilag-2026-25", severity: "error" },
      // 2023 annex: the IPS card's description ("ledige med svære psykiske lidelser … 62,4 pct.") is pasted
      // into "Fortsættelse af forsøg med Flexuddannelsen for unge med kognitivt handicap" …
      { code: "copied_passage", cardId: "bilag-2023-17", severity: "warning" },
      // … and into "HF Inklusion+ kapacitetsudfordringer" ("sundhedsvæsnets net med").
      { code: "copied_passage", cardId: "bilag-2023-18", severity: "warning" },
      // 2023 annex Nr. 19: "I 2022-23 har Københavns Kommune 0,6 mio. kr." – a year's amount or the two years'?
      { code: "ambiguous_basis", cardId: "bilag-2023-19", severity: "warning" },
      // 2024 annex rehabiliteringsteammøder: "mulighed for 3.750 møder årligt" but "varig bevilling til 3.710 møder".
      { code: "contradictory_count", cardId: "bilag-2024-03", severity: "warning" },
      // 2024 annex TechBBQ: "Bevilling 2024: 1,6 mio. kr." but the body says "givet 1,5 mio. kr. i 2024".
      { code: "header_body_mismatch", cardId: "bilag-2024-06", severity: "warning" },
      // 2026 annex Nr. 3: "2,2 mio. kr. i 2024 og 2025" and Nr. 17: "1,4 mio. kr. … i perioden 2023-2026",
      // neither says årligt or samlet.
      { code: "ambiguous_basis", cardId: "bilag-2026-03", severity: "warning" },
      { code: "ambiguous_basis", cardId: "bilag-2026-17", severity: "warning" },
      // 2026 annex Nr. 19 and Nr. 25: "Midlerne søges på service i stedet for overførsler", but both
      // grants were given "på indsats" (1,0 mio. kr. årligt; 3,3 mio. kr. in 2026).
      { code: "area_mismatch", cardId: "bilag-2026-19", severity: "warning" },
      { code: "area_mismatch", cardId: "bilag-2026-25", severity: "warning" },
      // BI07 "Tidligere afsatte midler": "Afsatte midler i alt" is empty while Budgetaftale 2019 holds 4 × 5.000.
      { code: "table_column_total", cardId: "bi07-2023", severity: "warning" },
    ]);
  });

  it("quotes the raw source of each finding", () => {
    const fragments: Array<[string, string | undefined, string]> = [
      ["parts_do_not_add_up", "bilag-2024-05", "(Reduktion fra 2024, 16,4 mio. kr."],
      ["period_before_budget_year", "bilag-2026-10", "service i 2024 - 2026"],
      ["cross_reference", "bilag-2026-19", 'nr. 26 “"Styrket\nuddannelsesmentorindsats”'],
      ["cross_reference", "bilag-2026-25", 'nr. 19 "Styrket\nuddannelsesmentorindsats”'],
      ["copied_passage", "bilag-2023-17", "Målgruppen er ledige med svære psykiske lidelser"],
      ["copied_passage", "bilag-2023-18", "sundhedsvæsnets net med virksomhedsrettede forløb"],
      ["header_body_mismatch", "bilag-2024-06", "I Budget 24 blev der givet 1,5 mio. kr. i 2024"],
      ["area_mismatch", "bilag-2026-19", "sgges pa service i stedet for overfgrsler"],
      ["area_mismatch", "bilag-2026-25", "s@ges pa service i stedet for overfgrsler"],
      ["table_column_total", "bi07-2023", "Afsatte midler i alt"],
    ];
    for (const [code, cardId, fragment] of fragments) {
      const finding = findings.find(
        (candidate) => candidate.code === code && candidate.cardId === cardId,
      );
      expect(finding?.quote, `${code} ${cardId}`).toContain(fragment);
      expect(sources.get(finding?.documentId ?? "")?.slice(finding?.start, finding?.end)).toBe(
        finding?.quote,
      );
      expect(finding?.message.length).toBeGreaterThan(20);
    }
    const copied = findings.find((finding) => finding.cardId === "bilag-2023-17");
    expect(copied?.message).toContain("Byens udsatte skal hjælpes videre");
  });

  it("is silent on cards whose figures agree within rounding", () => {
    const silent = [
      "bilag-2026-02", // 11 mio. kr. heraf 9,5 + 1,4 = 10,9 (rounds to 11); 9,7 heraf 8,4 (one part only)
      "bilag-2026-04", // 7,4 fordelt således 5,0 + 2,0 + 0,4
      "bilag-2026-06", // 33 mio. samlet, heraf 5,3 til BIF, dvs. 1,3 årligt
      "bilag-2026-12", // 1,5 + 2 in 2025-2026, proposal 2027 og 2028
      "bilag-2026-14", // 3,1 fordelt på 2,3 + 0,8
      "bilag-2024-03", // 9,5 mio. with "derudover … 6,2 mio. kr." (a part, not a restatement)
      "bilag-2024-02", // 3.150.000 kr. in 2022-2024 is a total, not the 2024 grant line
      "bi26-2025", // tables, split (Tabel 3) and [69,1] mio. kr. agree
    ];
    // Money only: bilag-2024-03 also has a contradictory count of meetings (not a money figure).
    for (const cardId of silent)
      expect(
        findings.filter(
          (finding) => finding.cardId === cardId && finding.code !== "contradictory_count",
        ),
        cardId,
      ).toEqual([]);
  });

  it("would speak if a real card's parts stopped adding up", () => {
    const annex = documents.find((document) => document.document.id === "bilag-2026");
    const card = annex?.cards.find((candidate) => candidate.number === 4);
    expect(card).toBeDefined();
    if (annex === undefined || card === undefined) return;
    const figures = card.figures.map((figure) =>
      figure.text === "0,4 mio. kr."
        ? { ...figure, amount: { min: 900_000, max: 900_000 } }
        : figure,
    );
    expect(codes(auditCard(annex, { ...card, figures }, sources))).toEqual(["parts_do_not_add_up"]);
  });

  it("summarises the findings", () => {
    expect(auditSummary(findings)).toEqual({
      total: 14,
      bySeverity: { error: 4, warning: 10, info: 0 },
      byCode: {
        parts_do_not_add_up: 1,
        period_before_budget_year: 1,
        cross_reference: 2,
        copied_passage: 2,
        header_body_mismatch: 1,
        area_mismatch: 2,
        table_column_total: 1,
        ambiguous_basis: 3,
        contradictory_count: 1,
      },
    });
  });
});
