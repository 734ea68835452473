import { describe, expect, it } from "vitest";
import type { DanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import type {
  Card,
  CorpusDocument,
  Decision,
  DraftDecision,
  ParsedDocument,
  SectionKind,
  ValidationIssue,
} from "../../src/domain/index.ts";
import {
  fallbackDecisionPhrasing,
  FALLBACK_STEMS,
  learnDecisionPhrasing,
  openingSentence,
} from "../../src/drafting/decision-phrasing.ts";
import {
  composeAssessment,
  createOfflineWriter,
  extractContent,
  looksOcrDamaged,
  removeFlaggedSentences,
} from "../../src/drafting/offline-writer.ts";
import type { AssessmentContext } from "../../src/drafting/ports.ts";
import { titleSimilarity } from "../../src/drafting/select-examples.ts";
import { extractFigures } from "../../src/money/index.ts";

const DOCUMENT: CorpusDocument = {
  id: "bilag-2026",
  kind: "annex",
  year: 2026,
  budgetYear: 2027,
  title: "Bevillinger, der udløber efter 2026",
  source: "bilag.txt",
  contentHash: "0".repeat(64),
  layout: "annex-2026",
};

function card(
  id: string,
  decision: Decision,
  sections: Partial<Record<SectionKind, string>>,
): Card {
  let offset = 0;
  return {
    id,
    documentId: DOCUMENT.id,
    ordinal: 1,
    title: "Testindsats",
    decision,
    flags: [],
    figures: [],
    span: { start: 0, end: 1 },
    sections: Object.entries(sections).map(([kind, text]) => {
      const start = offset;
      offset += (text ?? "").length + 1;
      return {
        kind: kind as SectionKind,
        heading: kind,
        text: text ?? "",
        span: { start, end: offset - 1 },
        offsets: [[0, start]],
      };
    }),
  };
}

const CONTENT =
  "Indsatsen er et tilbud til ledige med behov for en håndholdt indsats i jobcentret. Med Budget 2023 blev der afsat 2,7 mio. kr. til indsatsen. Indsatsen koster 1,2 mio. kr. årligt. I perioden 2023-2025 har 162 borgere deltaget. Forløbet omfatter mentorstøtte og virksomhedspraktik i samarbejde med lokale virksomheder.";

function context(
  decision: DraftDecision,
  notes: string[] = [],
  content = CONTENT,
): AssessmentContext {
  return {
    card: card("bilag-2026-30", "uændret", { content }),
    document: DOCUMENT,
    decision,
    notes,
    allocation: undefined,
    economySentence: "Der foreslås ingen midler.",
    examples: [],
    budgetYear: 2027,
  };
}

const hasMoney = (text: string) => extractFigures(text).some((figure) => figure.kind === "money");

describe("composeAssessment", () => {
  const phrasing = fallbackDecisionPhrasing();

  it("opens with the decision and what the grant is, weaves the notes into sentences, and reuses only clean present-tense sentences without money", () => {
    const text = composeAssessment(
      context("med_justeringer", ["færre deltagere pr. hold", "Fokus på unge under 30 år."]),
      phrasing,
    );
    expect(text).toBe(
      [
        "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med justeringer. Indsatsen er et tilbud til ledige med behov for en håndholdt indsats i jobcentret.",
        "",
        "Færre deltagere pr. hold. Fokus på unge under 30 år.",
      ].join("\n"),
    );
    expect(hasMoney(text)).toBe(false);
  });

  it("weaves a point that opens with its subject after the register's lead, the adverb before the verb", () => {
    const text = composeAssessment(
      context("uændret", [
        "Indsatsen har ikke nået alle sine mål",
        "der skal være mere fokus på fastholdelse",
      ]),
      phrasing,
    );
    expect(text).toContain(
      "Forvaltningen lægger vægt på, at indsatsen ikke har nået alle sine mål. Forvaltningen bemærker desuden, at der skal være mere fokus på fastholdelse.",
    );
  });

  it("names the adjustments from the card's own proposal when there are no notes, else asks for them", () => {
    const withProposal: AssessmentContext = {
      ...context("med_justeringer"),
      card: card("bilag-2026-31", "med_justeringer", {
        content: CONTENT,
        assessment:
          "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende justeringer. Forvaltningen foreslår, at holdene fremover har 12 deltagere.",
      }),
    };
    expect(composeAssessment(withProposal, phrasing)).toContain(
      "Forvaltningen foreslår, at holdene fremover har 12 deltagere.",
    );
    expect(composeAssessment(context("med_justeringer"), phrasing)).toContain(
      "Hvilke justeringer af indsatsen foreslås?",
    );
    expect(composeAssessment(context("betinget"), phrasing)).toContain(
      "Hvilke betingelser skal være opfyldt, før indsatsen videreføres?",
    );
  });

  it("quotes the card's results, met and missed, with their numbers", () => {
    const withResults: AssessmentContext = {
      ...context("uændret"),
      card: card("bilag-2026-32", "uændret", {
        content: CONTENT,
        results:
          "Indsatsen har nået målsætningen om 72 unikke unge årligt. Andelen af unge i fritidsjob ligger lavere end forventet.",
      }),
    };
    const text = composeAssessment(withResults, phrasing);
    expect(text).toContain("Indsatsen har nået målsætningen om 72 unikke unge årligt.");
    expect(text).toContain(
      "Samtidig fremgår det af resultaterne, at andelen af unge i fritidsjob ligger lavere end forventet.",
    );
  });

  it.each(["uændret", "med_justeringer", "ophører", "betinget", "afventer"] as const)(
    "writes no money figure for %s, with or without notes",
    (decision) => {
      for (const notes of [[], ["Et punkt"], ["Et punkt", "Et andet punkt"]]) {
        const text = composeAssessment(context(decision, notes), phrasing);
        expect(hasMoney(text)).toBe(false);
        const stem = FALLBACK_STEMS[decision].replace("følgende ", "");
        expect(text.startsWith(stem)).toBe(true);
        notes.forEach((note) => expect(text).toContain(note));
      }
    },
  );

  it("a single note under an unchanged decision is woven into its own paragraph; a stop opens with the stop", () => {
    expect(composeAssessment(context("uændret", ["handleplanen opdateres"], ""), phrasing)).toBe(
      "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret.\n\nForvaltningen lægger vægt på, at handleplanen opdateres.",
    );
    const stop = composeAssessment(context("ophører"), phrasing);
    expect(
      stop.startsWith("Forvaltningens faglige vurdering er, at indsatsen ikke videreføres."),
    ).toBe(true);
  });

  it("leaves out OCR damage, list numbers and cut sentences", () => {
    const damaged =
      "1. Masterclass om grønne job og uddannelsesmuligheder. Formalet er at give medarbejdere i jobcentret indsigt i den grønne udvikling. | perioden deltog mange borgere i projektet hele året. Samarbejdet med Danmarks Fængsler (tidl. Kriminalforsorgen) fortsætter i samme form.";
    expect(
      extractContent({ card: card("c", "uændret", { content: damaged }), budgetYear: 2027 }),
    ).toEqual([]);
  });

  it("drops sentences with unknown OCR words when given a lexicon", () => {
    const lexicon: DanishLexicon = {
      isWord: (word) => ["formålet", "opfyldt"].includes(word.toLowerCase()),
    };
    expect(looksOcrDamaged("Formalet", lexicon)).toBe(true);
    expect(looksOcrDamaged("opfyldti", lexicon)).toBe(true);
    expect(looksOcrDamaged("mentorindsats", lexicon)).toBe(false);
    expect(looksOcrDamaged("Sabaah", lexicon)).toBe(false);
  });

  it("is deterministic", async () => {
    const writer = createOfflineWriter(phrasing);
    const first = await writer.write(context("uændret", ["Et punkt"]));
    const second = await writer.write(context("uændret", ["Et punkt"]));
    expect(first).toEqual(second);
    expect(writer.id).toBe("offline");
    expect(writer.prompt).toEqual({ id: "offline-assessment", version: "2" });
  });
});

describe("removeFlaggedSentences", () => {
  const issueAt = (
    text: string,
    found: string,
    overrides: Partial<ValidationIssue> = {},
  ): ValidationIssue => {
    const start = text.indexOf(found);
    return {
      code: "unmatched_figure",
      severity: "error",
      message: `Beløbet ${found} findes ikke i bevillingsdata.`,
      start,
      end: start + found.length,
      found,
      ...overrides,
    };
  };

  it("removes the sentence that holds the figure and keeps the rest", () => {
    const text =
      "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret.\n\nDer afsættes 6,0 mio. kr. årligt. Handleplanen opdateres.";
    expect(removeFlaggedSentences(text, [issueAt(text, "6,0 mio. kr.")])).toBe(
      "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret.\n\nHandleplanen opdateres.",
    );
  });

  it("removes a bullet, and the list's colon when no bullet is left", () => {
    const text =
      "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende justeringer:\n- Bevillingen hæves til 6,0 mio. kr.\n\nIndsatsen fortsætter.";
    expect(removeFlaggedSentences(text, [issueAt(text, "6,0 mio. kr.")])).toBe(
      "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende justeringer.\n\nIndsatsen fortsætter.",
    );
  });

  it("renumbers a numbered list whose point was removed", () => {
    const text =
      "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende justeringer:\n1. Bevillingen hæves til 6,0 mio. kr.\n2. Færre deltagere.\n3. Nyt kursus.";
    expect(removeFlaggedSentences(text, [issueAt(text, "6,0 mio. kr.")])).toBe(
      "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende justeringer:\n1. Færre deltagere.\n2. Nyt kursus.",
    );
  });

  it("finds the figure by its text when the offsets point elsewhere", () => {
    const text = "Indsatsen fortsætter. Der bruges 6,0 mio. kr.";
    expect(
      removeFlaggedSentences(text, [issueAt(text, "6,0 mio. kr.", { start: 0, end: 3 })]),
    ).toBe("Indsatsen fortsætter.");
    expect(
      removeFlaggedSentences(text, [issueAt(text, "6,0 mio. kr.", { start: 400, end: 405 })]),
    ).toBe("Indsatsen fortsætter.");
  });

  it("on a decision conflict over the whole text, drops sentences that read as a stop", () => {
    const text =
      "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret. Indsatsen bør ikke videreføres.";
    const issue: ValidationIssue = {
      code: "decision_conflict",
      severity: "error",
      message: "Teksten siger, at indsatsen ophører.",
      start: 0,
      end: text.length,
    };
    expect(removeFlaggedSentences(text, [issue], "uændret")).toBe(
      "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret.",
    );
    /* A caseworker's own point stays; the conflict stays visible. */
    expect(
      removeFlaggedSentences(text, [issue], "uændret", ["indsatsen bør ikke videreføres"]),
    ).toBe(text);
  });
});

describe("decision phrasing", () => {
  const documentWith = (assessments: Array<[Decision, string]>): ParsedDocument => ({
    document: DOCUMENT,
    tables: [],
    cards: assessments.map(([decision, text], index) =>
      card(`bilag-2026-${index + 1}`, decision, { assessment: text }),
    ),
  });

  it("learns the most frequent opening per decision, normalised", () => {
    const phrasing = learnDecisionPhrasing([
      documentWith([
        [
          "uændret",
          "Forvaltningens faglige vurdering er, at indsatsen kan\nvidereføres uændret. Mere tekst.",
        ],
        [
          "uændret",
          "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret:\n. Punkt",
        ],
        [
          "uændret",
          "BIF og SOFs faglige vurdering er, at indsatsen kan videreføres uændret. Andet.",
        ],
        [
          "med_justeringer",
          "Vi mener, at indsatsen kan videreføres med følgende justeringer:\n. a",
        ],
        ["ophører", "Det vil være hensigtsmæssigt at lukke projektet."],
      ]),
    ]);
    expect(phrasing.uændret).toMatchObject({
      stem: "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret",
      support: 2,
      learned: true,
    });
    expect(phrasing.med_justeringer.stem).toBe(
      "Vi mener, at indsatsen kan videreføres med følgende justeringer",
    );
    /* No wording that states the decision: the built-in fallback. */
    expect(phrasing.ophører).toMatchObject({
      stem: FALLBACK_STEMS.ophører,
      learned: false,
      support: 0,
    });
    expect(phrasing.afventer.learned).toBe(false);
  });

  it("completes the opening for what follows", () => {
    const phrasing = fallbackDecisionPhrasing();
    expect(
      openingSentence(phrasing.med_justeringer, "med_justeringer", { listFollows: false }),
    ).toBe("Forvaltningens faglige vurdering er, at indsatsen kan videreføres med justeringer.");
    expect(openingSentence(phrasing.betinget, "betinget", { listFollows: true })).toBe(
      "Forvaltningens faglige vurdering er, at indsatsen kun kan videreføres, hvis følgende forudsætninger er opfyldt:",
    );
    expect(openingSentence(phrasing.ophører, "ophører", { listFollows: false })).toBe(
      "Forvaltningens faglige vurdering er, at indsatsen ikke videreføres.",
    );
  });
});

describe("titleSimilarity", () => {
  it.each([
    ["Grønne job - grønne kompetencer", '"Grønne job - Grønne kompetencer" og iværksætteri', true],
    [
      "Opkvalificering målrettet grøn omstilling",
      "Opkvalificeringsindsats målrettet grøn omstilling",
      true,
    ],
    ["Bedre virksomhedspraktikker", "Bedre virksomhedspraktikker", true],
    ["Støtte til TechBBQ", "Støtte til TechBBQ's iværksætterprogram", true],
    ["Forebyggelse af ekstremisme og radikalisering", "Forebyggelse af social kontrol", false],
    ["Mentorstøtte til aktivitetsparate unge", "Fritidsjob til unge", false],
  ])("%s ~ %s: %s", (left, right, same) => {
    expect(titleSimilarity(left, right) >= 0.6).toBe(same);
  });
});
