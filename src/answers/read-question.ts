/**
 * Reads a reviewer's question (Danish or English, with or without æøå) into a typed query: the
 * annex year it asks about ("i 2023", "2024-bilaget", "sidste år" relative to today, "in 2023"),
 * what kind of fact it asks for (`asked`: decision, reason, money, count, result, target, period,
 * recipient, what changed), the document kind it names (annex or budget note, with a model
 * variant and table years for notes) and the subject: the initiative words left when the question
 * words are stripped.
 */
import { z } from "zod";
import { foldDanish } from "../retrieval/danish-text.ts";

export const QUESTION_INTENTS = ["decision", "money", "reason", "general"] as const;
export type QuestionIntent = (typeof QUESTION_INTENTS)[number];

/** The kind of fact a question asks for. */
export const ASKED_KINDS = [
  "decision",
  "reason",
  "money",
  "count",
  "result",
  "target",
  "period",
  "recipient",
  "change",
  "general",
] as const;
export type AskedKind = (typeof ASKED_KINDS)[number];

export const ReadQuestionSchema = z.object({
  /** The annex (document) year the question names, if any. */
  year: z.number().int().optional(),
  language: z.enum(["da", "en"]),
  intent: z.enum(QUESTION_INTENTS),
  /** The initiative words as written, question words and year phrases removed. */
  words: z.array(z.string()),
  /** `words` joined: what is sent to search. */
  query: z.string(),
  /** The question asks whether or why something was stopped. */
  asksAboutStop: z.boolean(),
  /** The kind of fact asked for. */
  asked: z.enum(ASKED_KINDS),
  /** Every year the question names (document years and budget-table columns), ascending. */
  years: z.array(z.number().int()),
  /** The document kind the question names, if any ("budgetnotat", "bilag"). */
  documentKind: z.enum(["annex", "budget_note"]).optional(),
  /** A budget-note model variant ("model 2"). */
  model: z.number().int().positive().optional(),
  /** The question asks for a total ("i alt", "samlet", "in total"). */
  asksTotal: z.boolean(),
});
export type ReadQuestion = z.infer<typeof ReadQuestionSchema>;

export type ReadQuestionOptions = { now?: () => Date };

const ENGLISH =
  /\b(?:the|what|which|who|why|how|did|does|was|were|we|about|much|get|got|decide[ds]?|stopped|continued|and|of|with|skills?|jobs)\b/i;

/** Year phrases: "i 2023", "in 2023", "2024-bilaget", "bilag 2024", "the 2024 annex", "budget 2025". Not "i 2027-2030" (a money period). */
const YEAR_PATTERNS: readonly RegExp[] = [
  /(?<![\p{L}\d])(?:i|in|fra|from|for|bilag(?:et)?|annex|budget(?:notat(?:et)?)?|året|year)\s+((?:19|20)\d\d)(?![\d-])/iu,
  /(?<![\p{L}\d])((?:19|20)\d\d)-?(?:bilag(?:et)?|annex(?:es)?|budget)(?![\p{L}])/iu,
  /(?<![\p{L}\d])((?:19|20)\d\d)(?:'s)?\s+(?:bilag(?:et)?|annex)(?![\p{L}])/iu,
];
const LAST_YEAR =
  /(?<![\p{L}])(?:sidste\s+år|sidste\s+års|sidste\s+bilag|i\s+fjor|last\s+year(?:'s)?)(?![\p{L}])/iu;
const THIS_YEAR = /(?<![\p{L}])(?:i\s+år|årets|this\s+year(?:'s)?)(?![\p{L}])/iu;
const ANY_YEAR = /(?<![\p{L}\d])((?:19|20)\d\d)(?![\d])/u;

const DECISION =
  /(?<![\p{L}])(?:beslut\p{L}*|besluttede|videreført|videreføre[st]?|videreførelse|forlænge[ts]?|stoppe[ts]?|stoppede|ophør\p{L}*|nedlagt|vurdering\p{L}*|decid\p{L}*|decision\p{L}*|continu\p{L}*|stop\p{L}*|extend\p{L}*|renew\p{L}*|verdict)(?![\p{L}])/iu;
const MONEY =
  /(?<![\p{L}])(?:hvor\s+mange\s+penge|hvor\s+meget|penge|beløb\p{L}*|bevilling\p{L}*|økonomi\p{L}*|midler|kroner|kr\.|mio\.?|how\s+much|money|funding|funds?|budget|grant(?:ed)?|cost\p{L}*|amount)(?![\p{L}])/iu;
const STOP_QUESTION =
  /(?<![\p{L}])(?:stopp\p{L}*|ophør\p{L}*|nedlagt|lukket|ikke\s+videreført|stop(?:ped)?|ended|closed|discontinued|not\s+continued)(?![\p{L}])/iu;
const REASON =
  /(?<![\p{L}])(?:hvorfor|begrundelse\p{L}*|begrund\p{L}*|why|reason\p{L}*)(?![\p{L}])/iu;

/*
 * The asked kind, read on the folded question (æøå as ae/o/aa), so "hvor mange", "hvor maange" and
 * "hvor mange" meet. Tested in order: the first that matches wins.
 */
const ASKED_PATTERNS: ReadonlyArray<readonly [AskedKind, RegExp]> = [
  [
    "change",
    /\b(?:hvad (?:er|blev) (?:aendret|aendringen)|aendr\w*|forskel\w*|justere[ts]?|justering\w*|what (?:has )?changed|chang\w*|differ\w*|adjust\w*)\b/,
  ],
  ["reason", /\b(?:hvorfor|begrund\w*|hvad var baggrunden|why|reason\w*|rationale)\b/],
  [
    "count",
    /\b(?:hvor mange(?! (?:penge|kroner|kr|mio|millioner))|antal(?:let)?|how many|number of|count of)\b/,
  ],
  [
    "target",
    /\b(?:maal|maalet|maalsaetning\w*|succeskriterie\w*|krav(?:ene)?|forventet|forventes|forventning\w*|sigte\w*|goal\w*|target\w*|aim\w*|objective\w*|expected|expect\w*|purpose)\b/,
  ],
  [
    "period",
    /\b(?:hvornaar|periode\w*|hvilke aar|hvilket aar|udloeb\w*|hvor laenge|fra hvornaar|til hvornaar|when|period|until|expir\w*|how long|years? (?:does|did|is|was))\b/,
  ],
  [
    "money",
    /\b(?:hvor (?:meget|mange (?:penge|kroner|millioner))|hvad koste\w*|koste[rt]?|pris\w*|beloeb\w*|bevilling\w*|bevilge\w*|udgift\w*|oekonomi\w*|penge|midler|midlerne|kroner|tilskud\w*|finansier\w*|how much|cost\w*|price|money|funding|funds?|budget(?:ed)?|expenses?|expenditure|spend\w*|amount|grant(?:ed)?|afsat|afsatte)\b/,
  ],
  [
    "result",
    /\b(?:resultat\w*|effekt\w*|opnaae\w*|opnaaet|hvordan (?:gik|er det gaaet)|virke(?:de|t)?|udbytte|result\w*|effect\w*|outcome\w*|achiev\w*|impact\w*|how did it go|work(?:ed)?)\b/,
  ],
  [
    "recipient",
    /\b(?:hvem|leverandoer\w*|samarbejdspartner\w*|partner\w*|operatoer\w*|varetage\w*|udfoere[rs]?|modtage[rn]?|who|supplier\w*|provider\w*|run by|operat\w*|deliver\w*|recipient\w*)\b/,
  ],
];
const BUDGET_NOTE =
  /\b(?:budgetnotat\w*|notat(?:et)?|budget ?note\w*|bi\d\d|aftaletekst\w*|agreement text|model \d|tabel\w*|table)\b/;
const ANNEX = /\b(?:bilag\w*|annex\w*|kort(?:et)?)\b/;
const MODEL_VARIANT = /\bmodel (\d)\b/;
const TOTAL = /\b(?:i alt|samlet|samlede|total\w*|in all|altogether|overall)\b/;
const ALL_YEARS = /(?<![\d-])((?:19|20)\d\d)(?![\d])/g;

/** The kind of fact a question asks for (on the folded text, so with or without æøå). */
export function readAskedKind(question: string): AskedKind {
  const folded = foldDanish(question).replace(/\s+/g, " ");
  for (const [kind, pattern] of ASKED_PATTERNS) if (pattern.test(folded)) return kind;
  if (DECISION.test(question) || /\b(?:videreforel\w*|videreforst|ophoer\w*)\b/.test(folded))
    return "decision";
  return "general";
}

/**
 * Words that frame a question rather than name an initiative (folded, lower case). Danish and
 * English question words, verbs of deciding and getting, and generic nouns of the annexes.
 */
const FRAME_WORDS = new Set(
  [
    // Danish question frame
    "hvad",
    "hvem",
    "hvorfor",
    "hvordan",
    "hvornår",
    "hvilke",
    "hvilken",
    "hvilket",
    "hvor",
    "mange",
    "meget",
    "besluttede",
    "beslutte",
    "besluttet",
    "beslutning",
    "beslutningen",
    "vi",
    "man",
    "de",
    "der",
    "blev",
    "bliver",
    "er",
    "var",
    "om",
    "af",
    "for",
    "til",
    "i",
    "på",
    "med",
    "og",
    "at",
    "det",
    "den",
    "en",
    "et",
    "sig",
    "fik",
    "får",
    "få",
    "gav",
    "giver",
    "penge",
    "beløb",
    "beløbet",
    "bevilling",
    "bevillingen",
    "bevilget",
    "midler",
    "midlerne",
    "økonomi",
    "økonomien",
    "kroner",
    "kr",
    "mio",
    "videreført",
    "videreføre",
    "videreføres",
    "videreførelse",
    "forlænget",
    "forlænge",
    "stoppet",
    "stoppe",
    "stoppede",
    "ophørt",
    "ophører",
    "nedlagt",
    "fortsætte",
    "fortsat",
    "fortsatte",
    "vurdering",
    "vurderingen",
    "vurderede",
    "forvaltningen",
    "forvaltningens",
    "begrundelse",
    "begrundelsen",
    "sagde",
    "står",
    "skete",
    "ske",
    "sket",
    "egentlig",
    "nu",
    "så",
    "da",
    "lige",
    "bilag",
    "bilaget",
    "bilagets",
    "annex",
    "sidste",
    "år",
    "års",
    "fjor",
    "årets",
    "budget",
    "budgettet",
    "kort",
    "kortet",
    "indsatsen",
    "initiativet",
    "projektet",
    "ordningen",
    "ikke",
    "kan",
    "skal",
    "vil",
    "har",
    "have",
    "havde",
    "ja",
    "nej",
    "sådan",
    "gælder",
    "angående",
    "vedrørende",
    "mht",
    "ang",
    "dét",
    "dem",
    "vores",
    "os",
    "jeg",
    "mig",
    "du",
    // Danish words of the asked kind of fact
    "antal",
    "antallet",
    "resultat",
    "resultater",
    "resultaterne",
    "effekt",
    "effekten",
    "effekter",
    "opnået",
    "opnåede",
    "mål",
    "målet",
    "målene",
    "målsætning",
    "målsætningen",
    "målsætningerne",
    "krav",
    "kravene",
    "periode",
    "perioden",
    "leverandør",
    "leverandøren",
    "samarbejdspartner",
    "koster",
    "koste",
    "kostede",
    "udgift",
    "udgifter",
    "udgifterne",
    "pris",
    "prisen",
    "samlet",
    "samlede",
    "alt",
    "total",
    "ændret",
    "ændrede",
    "ændring",
    "ændringen",
    "ændringer",
    "forskel",
    "forskellen",
    "budgetnotat",
    "budgetnotatet",
    "notat",
    "notatet",
    "model",
    "tabel",
    "tabellen",
    "afsat",
    "afsatte",
    "forventet",
    "forventede",
    "forventes",
    "gik",
    "gået",
    "hvilket",
    "dens",
    "dets",
    "deres",
    "hele",
    "ifølge",
    "iflg",
    "according",
    // English question frame
    // English words of the asked kind of fact
    "results",
    "result",
    "achieved",
    "achieve",
    "effect",
    "effects",
    "outcome",
    "outcomes",
    "goal",
    "goals",
    "target",
    "targets",
    "aim",
    "aims",
    "expected",
    "period",
    "until",
    "runs",
    "run",
    "operated",
    "provider",
    "partner",
    "changed",
    "change",
    "changes",
    "number",
    "total",
    "expenses",
    "expenditure",
    "note",
    "table",
    "go",
    "went",
    "each",
    "per",
    "their",
    "all",
    "what",
    "which",
    "who",
    "whom",
    "why",
    "how",
    "when",
    "where",
    "much",
    "many",
    "did",
    "do",
    "does",
    "done",
    "we",
    "us",
    "our",
    "you",
    "they",
    "it",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "the",
    "a",
    "an",
    "of",
    "about",
    "on",
    "in",
    "to",
    "for",
    "with",
    "and",
    "or",
    "that",
    "this",
    "these",
    "those",
    "by",
    "from",
    "at",
    "as",
    "into",
    "any",
    "decide",
    "decided",
    "decides",
    "decision",
    "decisions",
    "get",
    "got",
    "gets",
    "receive",
    "received",
    "give",
    "given",
    "gave",
    "spend",
    "spent",
    "allocated",
    "allocate",
    "money",
    "funding",
    "funds",
    "fund",
    "funded",
    "grant",
    "granted",
    "budget",
    "budgeted",
    "amount",
    "cost",
    "costs",
    "kroner",
    "dkk",
    "continue",
    "continued",
    "continuing",
    "continuation",
    "stop",
    "stopped",
    "stopping",
    "ended",
    "end",
    "extend",
    "extended",
    "renewed",
    "kept",
    "keep",
    "reason",
    "reasons",
    "assessment",
    "say",
    "said",
    "says",
    "happen",
    "happened",
    "annex",
    "year",
    "last",
    "this",
    "initiative",
    "project",
    "programme",
    "program",
    "scheme",
    "not",
    "have",
    "has",
    "had",
    "will",
    "would",
    "should",
    "can",
    "could",
    "please",
    "tell",
    "me",
    "there",
    "s",
  ].map(foldDanish),
);

/** The year a question names, relative to `now` for "sidste år" and "i år". */
export function readQuestionYear(question: string, now: Date = new Date()): number | undefined {
  for (const pattern of YEAR_PATTERNS) {
    const match = pattern.exec(question);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  if (LAST_YEAR.test(question)) return now.getFullYear() - 1;
  if (THIS_YEAR.test(question)) return now.getFullYear();
  return undefined;
}

/** Strips year phrases so "2023" and "sidste år" are not sent to search as words. */
function withoutYearPhrases(question: string): string {
  let text = question;
  for (const pattern of [...YEAR_PATTERNS, LAST_YEAR, THIS_YEAR])
    text = text.replace(new RegExp(pattern.source, "giu"), " ");
  return text.replace(
    new RegExp(ANY_YEAR.source, "gu"),
    (year, _group, offset: number, whole: string) =>
      /[-–]\s*$/.test(whole.slice(0, offset)) || /^\s*[-–]/.test(whole.slice(offset + year.length))
        ? year
        : " ",
  );
}

/** The question's initiative words, as written (for search) — question words, year phrases and punctuation removed. */
export function questionWords(question: string): string[] {
  const words = withoutYearPhrases(question).match(/[\p{L}\p{N}][\p{L}\p{N}+'’-]*/gu) ?? [];
  return words
    .map((word) => word.replace(/['’]s$/u, "").replace(/[-'’]+$/u, ""))
    .filter((word) => word.length > 1 && !FRAME_WORDS.has(foldDanish(word)));
}

export function readQuestion(question: string, options: ReadQuestionOptions = {}): ReadQuestion {
  const now = options.now?.() ?? new Date();
  const year = readQuestionYear(question, now);
  const words = questionWords(question);
  const intent: QuestionIntent = REASON.test(question)
    ? "reason"
    : DECISION.test(question)
      ? "decision"
      : MONEY.test(question)
        ? "money"
        : "general";
  const folded = foldDanish(question).replace(/\s+/g, " ");
  const years = [
    ...new Set([
      ...(year === undefined ? [] : [year]),
      ...[...question.matchAll(ALL_YEARS)].map((match) => Number(match[1])),
    ]),
  ].sort((a, b) => a - b);
  const documentKind = BUDGET_NOTE.test(folded)
    ? "budget_note"
    : ANNEX.test(folded)
      ? "annex"
      : undefined;
  const model = MODEL_VARIANT.exec(folded)?.[1];
  const asked = readAskedKind(question);
  return {
    ...(year === undefined ? {} : { year }),
    language: ENGLISH.test(question) ? "en" : "da",
    intent,
    words,
    query: words.join(" "),
    asksAboutStop: STOP_QUESTION.test(question),
    asked,
    years,
    ...(documentKind === undefined ? {} : { documentKind }),
    ...(model === undefined ? {} : { model: Number(model) }),
    asksTotal: TOTAL.test(folded),
  };
}
