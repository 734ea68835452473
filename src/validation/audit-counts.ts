/**
 * Counts inside one card that contradict each other: the same thing counted ("møder", "borgere")
 * for the same year or per year, with the same qualifier ("ekstra", "i alt", "nye"), stated with
 * different values. "Den varige bevilling giver mulighed for 3.750 møder årligt … Der er varig
 * bevilling til 3.710 møder" is one such pair. A warning: one of the two is likely a typo.
 */
import type { AuditFinding, Card, Figure, ParsedDocument } from "../domain/index.ts";
import { formatDanishNumber, PER_YEAR_WORDS, readPeriod, TOTAL_WORDS } from "../money/index.ts";
import type { AuditSources } from "./create-audit-finding.ts";
import { createAuditFinding } from "./create-audit-finding.ts";

const LETTER = String.raw`[\p{L}@&]`;
const NOUN_AFTER = new RegExp(
  String.raw`^\s+(?:(?<qualifierAfter>ekstra|flere|nye|nyere|yderligere)\s+)?(?<noun>${LETTER}{3,})`,
  "iu",
);
const QUALIFIER_AFTER_NOUN = /^\s+(?<qualifier>ekstra|mere|flere|yderligere)(?![\p{L}])/iu;
const QUALIFIER_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])(?<qualifier>${TOTAL_WORDS}|heraf|hvoraf|ca\.|cirka|op til|over|under|mindst|højst|ekstra|yderligere|flere end|færre end|nye|mere end|minimum|maksimum|max|min\.)\s*$`,
  "iu",
);
/** Per year as the money grammar reads it, and "varigt" (a lasting count is one per year). */
const PER_YEAR = new RegExp(
  String.raw`(?<![\p{L}])(?:${PER_YEAR_WORDS}|varig(?:t|e)?)(?![\p{L}])`,
  "iu",
);
/** Words after a number that are units or time, not things counted. */
const NOT_A_NOUN = new Set([
  "mio",
  "mia",
  "kr",
  "kroner",
  "pct",
  "procent",
  "år",
  "årige",
  "måneder",
  "maneder",
  "uger",
  "dage",
  "timer",
  "gange",
  "og",
  "til",
  "i",
  "af",
  "pr",
]);

type Counted = { figure: Figure; noun: string; qualifier: string; when: string; value: number };

function fold(word: string): string {
  return word
    .toLowerCase()
    .replace(/[@g](?=der$)/u, "ø")
    .replace(/e$|er$|erne$|ene$/u, "");
}

function readCount(figure: Figure): Counted | undefined {
  if (figure.kind !== "count" || figure.value === undefined) return undefined;
  const sentence = figure.sentence.text;
  const at = sentence.indexOf(figure.text);
  if (at < 0) return undefined;
  const after = sentence.slice(at + figure.text.length);
  const noun = NOUN_AFTER.exec(after);
  const first = noun?.groups?.noun;
  // "72 unikke unge", "40 unikke deltagere": an inflected adjective, then the noun.
  const second = /^\s+(?<word>[\p{L}@&]{2,})/u.exec(after.slice(noun?.[0].length ?? 0))?.groups
    ?.word;
  const word =
    first !== undefined &&
    /e$/u.test(first) &&
    second !== undefined &&
    !NOT_A_NOUN.has(second.toLowerCase())
      ? `${first} ${second}`
      : first;
  if (noun === null || word === undefined || NOT_A_NOUN.has(word.toLowerCase())) return undefined;
  const rest = after.slice(noun[0].length + (word === first ? 0 : (second?.length ?? 0) + 1));
  const clause = rest.split(/[,;:.](?:\s|$)/u)[0] ?? "";
  const before = sentence.slice(Math.max(0, at - 40), at);
  const qualifier = [
    QUALIFIER_BEFORE.exec(before)?.groups?.qualifier,
    noun.groups?.qualifierAfter,
    QUALIFIER_AFTER_NOUN.exec(rest)?.groups?.qualifier,
  ]
    .filter((entry): entry is string => entry !== undefined)
    .map((entry) => entry.toLowerCase())
    .sort()
    .join("+");
  const period = readPeriod(clause.slice(0, 60));
  const when =
    period !== undefined
      ? period.join(",")
      : PER_YEAR.test(clause.slice(0, 30)) || PER_YEAR.test(before)
        ? "per_year"
        : "";
  if (when === "") return undefined;
  return { figure, noun: fold(word), qualifier, when, value: figure.value };
}

/** One warning per pair of counts of the same thing, year and qualifier with different values. */
export function checkCounts(
  document: ParsedDocument,
  card: Card,
  sources: AuditSources,
): AuditFinding[] {
  const seen = new Map<string, Counted>();
  const findings: AuditFinding[] = [];
  for (const figure of card.figures) {
    const counted = readCount(figure);
    if (counted === undefined) continue;
    const key = `${counted.noun}|${counted.qualifier}|${counted.when}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, counted);
      continue;
    }
    if (first.value === counted.value) continue;
    const when = counted.when === "per_year" ? "om året" : `i ${counted.when}`;
    findings.push(
      createAuditFinding(document, card, sources, {
        code: "contradictory_count",
        severity: "warning",
        message: `Kortet angiver to forskellige antal for det samme (${first.figure.text} og ${counted.figure.text} ${when}): "${first.figure.sentence.text.slice(0, 120)}" og "${counted.figure.sentence.text.slice(0, 120)}". Tjek hvilket tal der er det rigtige.`,
        span: {
          start: Math.min(first.figure.sentence.span.start, counted.figure.sentence.span.start),
          end: Math.max(first.figure.sentence.span.end, counted.figure.sentence.span.end),
        },
        fallbackQuote: counted.figure.sentence.text,
        expected: formatDanishNumber(first.value),
        found: formatDanishNumber(counted.value),
      }),
    );
  }
  return findings;
}
