/**
 * Reads the administration's decision out of an assessment text ("Faglig vurdering af
 * videreførelse", "Forvaltningens vurdering"). Tolerates the OCR damage of the 2026 annex
 * ("viderefgres", "useendret") so it gives the same answer before and after OCR repair.
 */
import type { Decision } from "../domain/index.ts";

/** A letter the OCR may have put where "ø", "æ" or "å" stood. */
const O = "(?:ø|o|g|e|a|@|æ|ae|ce|ø)";
const CONTINUE = `videre\\s*f${O}?r(?:es|t|e|elsen?)?|forl${O}nge[ts]?`;
const UNCHANGED = "u(?:æ|ae|e|se|ce|a)?ndret|uden\\s+justeringer";

const PATTERNS: ReadonlyArray<readonly [Decision, RegExp]> = [
  ["afventer", /\bafventer\s+afklaring\b|\bafventer\b[^.]{0,80}\b(?:afklaring|beslutning|budgetforhandling)/i],
  ["ophører", new RegExp(`\\b(?:ikke\\s+(?:b${O}r\\s+|skal\\s+|kan\\s+)?(?:${CONTINUE})|b${O}r\\s+ikke\\s+(?:${CONTINUE})|ikke\\s+relevant\\s+at\\s+(?:${CONTINUE})|skal\\s+ikke\\s+(?:${CONTINUE})|ophører|nedlægges|udfases)`, "i")],
  ["betinget", new RegExp(`(?:kun\\s+(?:kan\\s+)?(?:${CONTINUE})?,?\\s*(?:hvis|såfremt|s.fremt)|(?:${CONTINUE})[^.]{0,120}\\b(?:s${O}?fremt|sdfremt|forudsat\\s+at|under\\s+forudsætning)|kun\\s+hvis)`, "i")],
  ["med_justeringer", new RegExp(`(?:${CONTINUE})[^.]{0,40}\\bmed\\s+(?:f${O}?lgende\\s+)?justering|med\\s+justeringer`, "i")],
  ["uændret", new RegExp(`(?:${CONTINUE})[^.]{0,20}\\b(?:${UNCHANGED})|(?:${UNCHANGED})[^.]{0,20}(?:${CONTINUE})`, "i")],
];

const PLAIN_CONTINUE = new RegExp(`\\b(?:kan|bør|skal|vil|anbefales)\\s+(?:${CONTINUE})|hensigtsmæssigt\\s+at\\s+(?:${CONTINUE})|behov\\s+for\\s+en\\s+bevilling`, "i");

/**
 * The decision a text states, judged on its first sentences where the decision is given.
 * "betinget" wins over "med_justeringer" only when the condition governs the continuation.
 */
export function classifyDecision(text: string): Decision {
  const opening = text.replace(/\s+/g, " ").slice(0, 600);
  const first = opening.split(/(?<=[.:])\s/)[0] ?? opening;
  for (const scope of [first, opening]) {
    for (const [decision, pattern] of PATTERNS) {
      if (pattern.test(scope)) return decision;
    }
  }
  if (PLAIN_CONTINUE.test(opening)) return "uændret";
  return "ukendt";
}
