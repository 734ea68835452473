/**
 * Reads the administration's decision out of an assessment text ("Faglig vurdering af
 * videreførelse", "Forvaltningens vurdering"). Tolerates the OCR damage of the 2026 annex
 * ("viderefgres", "useendret", "bgr ikke") so it gives the same answer before and after OCR repair.
 *
 * The text is read sentence by sentence. Each sentence may state a decision outright ("kan
 * videreføres uændret", "bør ikke videreføres"), only say that the grant should go on ("det vil være
 * hensigtsmæssigt at videreføre indsatsen"), put the decision off ("afventer afklaring", "kan derfor
 * ikke vurdere indsatsen endnu") or merely imply continuation ("lever op til målsætningerne"). The
 * decision of the text is then taken, in this order, from
 *   1. the last concluding sentence that states one ("Forvaltningen vurderer på den baggrund, at …",
 *      "samlet set"), else the first verdict sentence ("Forvaltningens faglige vurdering er, at …"),
 *      else the first sentence that states one — refined by the other sentences: a plain
 *      "videreføres" becomes "med_justeringer" when another sentence adjusts or stops part of the
 *      grant, and a continuation becomes "betinget" when another sentence sets a condition;
 *   2. a sentence that puts the decision off → "afventer";
 *   3. a sentence that implies continuation → "uændret";
 *   4. otherwise "ukendt".
 */
import type { Decision } from "../domain/index.ts";

/* Letters the OCR may have put where "ø", "æ" or "å" stood ("viderefgres", "useendret", "pé"). */
const OE = "(?:ø|oe|o|g|e|a|@|æ|ae|ce|0)";
const AE = "(?:æ|ae|see|ee|se|ce|e|a|@|&)";
const AA = "(?:å|aa|a|é|&|d|4|ä|@)";

/** Verbs of continuing: videreføre(s), videreførelse, forlænge(s), fortsætte(s). */
const CONTINUE = `(?:videre(?:-\\s*)?f${OE}r(?:elsen|else|es|er|e|t)?|forl${AE}nge(?:lsen|lse|s|r|t)?|forts${AE}tte(?:lsen|lse|s|r)?)\\b`;
const UNCHANGED = `(?:u${AE}?ndret|uden\\s+justering(?:er)?)\\b`;
const WORD = "\\S+\\s+";

type Strength = "explicit" | "continue" | "restricted" | "pending" | "implied";
interface Reading {
  readonly decision: Decision;
  readonly strength: Strength;
}

/** A word boundary that knows "æ", "ø" and "å" are letters (JavaScript's \\b does not). */
const BOUNDARY = "(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))";
const rx = (source: string): RegExp => new RegExp(source.replaceAll("\\b", BOUNDARY), "iu");

/** A condition on the continuation: "kun kan videreføres, hvis", "videreføres, såfremt", "betinget af". */
const CONDITION = [
  rx(`\\bkun\\s+(?:${WORD}){0,4}?(?:hvis|s\\S{1,2}fremt|forudsat)\\b(.*)`),
  rx(`${CONTINUE},?\\s+(?:hvis|s\\S{1,2}fremt)\\b(.*)`),
  rx(`${CONTINUE}.{0,120}?\\b(?:s\\S{1,2}fremt|forudsat\\s+at|under\\s+foruds${AE}tning|p${AA}\\s+betingelse|betinget\\s+af)\\b(.*)`),
];
/** A condition that only says the money must be found is no condition on the grant itself. */
const FUNDING_PROVISO = rx(`^\\W*(?:at\\s+)?(?:der\\s+)?(?:${WORD}){0,3}?(?:midler|finansiering|bevilling|budget)`);

/** "ikke … videreføre … i den nuværende form": stops the grant as it is, not necessarily the work. */
const RESTRICTED_STOP = rx(`\\bikke\\b.{0,80}?${CONTINUE}.{0,60}?(?:i\\s+(?:den|sin)\\s+(?:nuv${AE}rende|hidtidige|eksisterende)\\s+form|som\\s+hidtil|i\\s+samme\\s+(?:form|omfang))`);
const TURN = /\b(?:men|dog|i\s+stedet)\b/i;

const STOP = [
  rx(`\\bikke\\s+(?:at\\s+)?(?:l${AE}ngere\\s+)?(?:(?:b${OE}r|skal|skulle|kan|vil|blive)\\s+)?(?:(?:med\\s+fordel|l${AE}ngere)\\s+)?${CONTINUE}`),
  rx(`\\b(?:b${OE}r|skal|kan)\\s+ikke\\s+(?:l${AE}ngere\\s+)?${CONTINUE}`),
  rx(`${CONTINUE}\\s+ikke\\b`),
  rx(`\\bikke\\s+(?:${WORD}){0,3}?(?:relevant|hensigtsm\\S*|n${OE}dvendigt|form${AA}lstjenligt)\\s+at\\s+${CONTINUE}`),
  rx(`\\bikke\\s+(?:${WORD}){0,2}?behov\\s+for\\s+(?:en\\s+)?(?:${CONTINUE}|bevilling|midler)`),
  rx(`\\b(?:b${OE}r|skal|anbefales\\s+at|foresl${AA}s\\s+at)\\s+(?:${WORD}){0,2}?(?:oph${OE}re|nedl${AE}gges|udfases|afvikles|stoppes|lukkes)\\b`),
  rx(`\\b(?:anbefal|indstill|foresl)\\S*,?\\s+at\\s+(?:${WORD}){1,3}?(?:oph${OE}rer|nedl${AE}gges|udfases|afvikles|stoppes|lukkes)\\b`),
];

const ADJUSTED = [
  rx(`\\bmed\\s+(?:f${OE}?lgende\\s+)?justering`),
  rx(`${CONTINUE}\\s+med\\s+f${OE}?lgende\\b`),
  rx(`${CONTINUE}.{0,80}?\\b(?:med|til|i)\\s+(?:et|en)\\s+(?:${WORD})?(?:mindre|reduceret|lavere|nedjusteret|nedskaleret|st${OE}rre|${OE}get|udvidet|forh${OE}jet|justeret|${AE}ndret)\\s+(?:bevilling|budget|ramme|omfang|bel${OE}b|niveau|form|udgave|version)`),
  rx(`${CONTINUE}.{0,60}?\\bsom\\s+(?:et\\s+)?nyt\\s+(?:initiativ|projekt|tilbud)`),
  rx(`${CONTINUE}.{0,40}?\\bi\\s+(?:en\\s+)?(?:ny|anden|justeret|${AE}ndret|tilpasset|reduceret|nedskaleret|mindre)\\s+(?:form|udgave|version|skala)\\b`),
  rx(`\\b(?:skal|b${OE}r|kan|vil|anbefales\\s+at)\\s+(?:${WORD}){0,2}?(?:udbredes|udvides|justeres|nedjusteres|opjusteres|tilpasses|oml${AE}gges|reduceres|nedskaleres|opskaleres|m${AA}lrettes)\\b`),
  rx(`${CONTINUE}\\s+og\\s+(?:udbrede|udvide|justere|tilpasse|oml${AE}gge|nedskalere|opskalere|m${AA}lrette)\\b`),
  rx(`\\b${OE}nskes\\s+(?:udvidet|udbredt|justeret|tilpasset|reduceret|nedskaleret)\\b`),
  rx(`\\bforesl\\S+\\s+(?:en\\s+)?(?:nedskalering|opskalering|udvidelse|reduktion|justering|oml${AE}gning|udbredelse)\\b`),
  /* "Hvis bevillingen ønskes forlænget, vil det være relevant at genbesøge rammerne …" */
  rx(`${CONTINUE}.{0,60}?\\b(?:relevant|n${OE}dvendigt|hensigtsm\\S*)\\s+at\\s+(?:genbes${OE}ge|justere|${AE}ndre|tilpasse|oml${AE}gge|revurdere|nyt${AA}nke|se\\s+p${AA})\\b`),
  /* "En fortsættelse af indsatsen kunne have en kortere projektperiode …" */
  rx(`\\ben\\s+${CONTINUE}\\s+(?:${WORD}){0,3}?(?:kunne|kan|b${OE}r|skal)\\s+(?:med\\s+fordel\\s+)?(?:have|foreg${AA}|ske|omfatte|indeholde|m${AA}lrettes|tilrettel${AE}gges|fokusere)\\b`),
];

const KEPT_AS_IS = [
  rx(`${CONTINUE}\\s+(?:${WORD}){0,2}?${UNCHANGED}`),
  rx(`${UNCHANGED}\\s+(?:${WORD}){0,2}?${CONTINUE}`),
  rx(`${CONTINUE}\\s+(?:${WORD}){0,2}?(?:i\\s+(?:sin|den)\\s+nuv${AE}rende\\s+form|som\\s+hidtil|p${AA}\\s+samme\\s+niveau)`),
];

/** Continuation without saying how: "kan videreføres", "hensigtsmæssigt at videreføre". */
const GOES_ON = [
  rx(`\\b(?:kan|b${OE}r|skal|vil|anbefales(?:\\s+at)?|foresl${AA}s(?:\\s+at)?|${OE}nsker\\s+at)\\s+(?:(?:godt|med\\s+fordel|fortsat|derfor|stadig|gerne)\\s+)*${CONTINUE}`),
  rx(`\\b(?:relevant|hensigtsm\\S*|n${OE}dvendigt|vigtigt|v${AE}sentligt)\\s+at\\s+${CONTINUE}`),
  rx(`\\b(?:anbefal|indstill|foresl)\\S*,?\\s+at\\s+(?:${WORD}){1,3}?${CONTINUE}`),
  rx(`\\b(?:v${AE}re|er)\\s+behov\\s+for\\s+(?:en\\s+)?(?:bevilling|midler|finansiering)\\b`),
  rx(`${CONTINUE}\\s+(?:${WORD})?vurderes\\s+(?:at\\s+v${AE}re\\s+)?(?:v${AE}sentlig|relevant|n${OE}dvendig|hensigtsm)`),
  rx(`\\b(?:b${OE}r|skal)\\s+(?:${WORD})?(?:fastholdes|opretholdes)\\b`),
];

/** The decision is put off: to a later assessment, a committee, the budget negotiations. */
const PENDING = [
  rx(`\\bafventer\\s+(?:${WORD}){0,3}?(?:afklaring|beslutning|budget\\S*|forhandling\\S*|resultat\\S*|evaluering|vurdering|udmelding)`),
  rx(`\\bkan\\s+(?:derfor\\s+)?(?:endnu\\s+)?ikke\\s+(?:endnu\\s+)?vurdere\\b`),
  rx(`\\b(?:for\\s+tidligt|ikke\\s+muligt|endnu\\s+ikke\\s+muligt)\\s+at\\s+vurdere\\b`),
  rx(`\\bikke\\s+(?:${WORD})?grundlag\\s+for\\s+at\\s+vurdere\\b`),
  rx(`\\bindg${AA}r?\\s+i\\s+(?:de\\s+)?(?:kommende\\s+)?(?:budget)?forhandlinger`),
  rx(`\\b(?:BIU|BR|${OE}U|KFU|SOC|BUU|udvalget|Borgerrepr\\S+|${OE}konomiudvalget)\\b.{0,40}?\\b(?:skal|vil)\\b.{0,40}?\\b(?:behandle|tage\\s+stilling|beslutte|tr${AE}ffe\\s+beslutning)\\b`),
  rx(`\\b(?:f${AA}r|vil\\s+f${AA}|bliver|vil\\s+blive)\\s+forelagt\\b`),
  rx(`\\bvil\\s+(?:${WORD}){0,3}?(?:vurdere|blive\\s+vurderet|tage\\s+stilling)\\b`),
  rx(`\\bskal\\s+komme\\s+med\\s+(?:input|anbefaling|forslag)`),
  rx(`\\bkan\\b.{0,60}?\\bv${AE}lge\\s+at\\b`),
  rx(`\\bskal\\s+(?:${WORD}){0,2}?(?:afklares|fastl${AE}gges|besluttes|vurderes)\\b`),
];

/** Continuation only implied by the results; not when negated ("ikke har nået målsætningerne"). */
const NOT = `(?<!\\bikke\\s+(?:${WORD}){0,2})`;
const IMPLIED = [
  rx(`${NOT}\\blever\\s+op\\s+til\\s+(?:${WORD}){0,2}?m${AA}l`),
  rx(`${NOT}\\b(?:fort?sat|stadig)\\s+(?:at\\s+v${AE}re\\s+)?relevant`),
  rx(`${NOT}\\bgode?\\s+(?:${WORD})?(?:resultat|effekt|erfaring)`),
  rx(`${NOT}\\b(?:hj${AE}lper|bidrager)\\s+(?:${WORD})?til\\b`),
  rx(`${NOT}\\b(?:opn${AA}et|n${AA}et)\\s+(?:${WORD}){0,2}?m${AA}l`),
];

/** Sentences that sum up: the decision they state outranks what came before. */
const CONCLUDING = rx(`\\bp${AA}\\s+(?:den|denne)\\s+baggrund\\b|\\bsamlet\\s+set\\b|\\bsamlet\\s+vurdering\\b|\\balt\\s+i\\s+alt\\b|\\bsammenfattende\\b|\\bvurderer\\s+derfor\\b`);
/** Sentences that give the verdict ("Forvaltningens faglige vurdering er, at …"). */
const VERDICT = rx(`\\bvurdering(?:en)?\\s+er\\b|\\bvurderer\\b|\\bvurderes\\b|\\banbefal|\\bindstill`);

/** Clauses that only suppose ("hvis bevillingen ikke fortsætter") or ask ("…, om det er …"). */
function withoutSuppositions(sentence: string): string {
  return sentence
    .replace(/,\s*(?:om|hvorvidt)\b.*$/i, "")
    .replace(/\b(?:hvis|s\S{1,2}fremt|hvorvidt|selvom|medmindre)\b[^,;]*(?:[,;]|$)/gi, " ");
}

function readSentence(sentence: string): Reading | undefined {
  for (const pattern of CONDITION) {
    const match = pattern.exec(sentence);
    if (match !== null && !FUNDING_PROVISO.test(match[1] ?? "")) return { decision: "betinget", strength: "explicit" };
  }
  const plain = withoutSuppositions(sentence);
  if (RESTRICTED_STOP.test(plain)) {
    const after = plain.slice(plain.search(/\bikke\b/i));
    return TURN.test(after) ? { decision: "med_justeringer", strength: "explicit" } : { decision: "ophører", strength: "restricted" };
  }
  if (STOP.some((pattern) => pattern.test(plain))) return { decision: "ophører", strength: "explicit" };
  if (ADJUSTED.some((pattern) => pattern.test(sentence))) return { decision: "med_justeringer", strength: "explicit" };
  if (KEPT_AS_IS.some((pattern) => pattern.test(plain))) return { decision: "uændret", strength: "explicit" };
  if (GOES_ON.some((pattern) => pattern.test(plain))) return { decision: "uændret", strength: "continue" };
  if (PENDING.some((pattern) => pattern.test(sentence))) return { decision: "afventer", strength: "pending" };
  if (IMPLIED.some((pattern) => pattern.test(sentence))) return { decision: "uændret", strength: "implied" };
  return undefined;
}

/**
 * The sentences of a text. A blank line ends a sentence only when the next line starts one, so a
 * sentence broken by a blank line ("at det vil\n\nvære hensigtsmæssigt …") stays whole.
 */
export function decisionSentences(text: string): string[] {
  return text
    .replace(/\s*\n\s*\n\s*(?=[A-ZÆØÅ@|])/g, "\u0000")
    .replace(/\s*\n[ \t]*(?=[-•–*][ \t])/g, "\u0000")
    .replace(/\s+/g, " ")
    .split(/\u0000|(?<=[.!?:;])\s+(?=[A-ZÆØÅ@|"“„(•]|\.\s)/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== "");
}

interface Read extends Reading {
  readonly index: number;
  readonly sentence: string;
}

/** The decision an assessment text states (see the file comment for how it is chosen). */
export function classifyDecision(text: string): Decision {
  const reads: Read[] = [];
  decisionSentences(text).forEach((sentence, index) => {
    const reading = readSentence(sentence);
    if (reading !== undefined) reads.push({ ...reading, index, sentence });
  });
  const stated = reads.filter((read) => read.strength === "explicit" || read.strength === "continue" || read.strength === "restricted");
  const primary = stated.filter((read) => CONCLUDING.test(read.sentence)).at(-1)
    ?? stated.find((read) => VERDICT.test(read.sentence))
    ?? stated[0];
  if (primary !== undefined) {
    const others = stated.filter((read) => read !== primary);
    const continues = primary.decision !== "ophører" && primary.decision !== "betinget";
    if (continues && others.some((read) => read.decision === "betinget")) return "betinget";
    if (primary.strength === "restricted") {
      return others.some((read) => read.decision !== "ophører") ? "med_justeringer" : "ophører";
    }
    if (primary.strength === "continue" && others.some((read) => read.decision === "med_justeringer" || read.decision === "ophører")) {
      return "med_justeringer";
    }
    return primary.decision;
  }
  if (reads.some((read) => read.strength === "pending")) return "afventer";
  if (reads.some((read) => read.strength === "implied")) return "uændret";
  return "ukendt";
}
