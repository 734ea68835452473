/**
 * Repairs OCR damage to the Danish letters æ, ø and å ("Kgbenhavns" → "Københavns",
 * "@konomi" → "Økonomi", "beskaeftigelse" → "beskæftigelse", "&rligt" → "årligt").
 *
 * Method: every word that is not a valid Danish word form is tried with the OCR confusions
 * below (a misread glyph or glyph pair that stands for æ, ø or å) at one to three positions;
 * the cheapest candidate that the Danish lexicon accepts, as a word or as a compound of valid
 * parts, wins; a compound candidate may only change parts that were not valid words already
 * ("Mentorsteotte" → "Mentorstøtte", never "Mentørsteotte"). Valid words, numbers, capital
 * abbreviations (BIF, SOF, KK) and words with no valid candidate are left as they are, except a
 * few short function words that OCR turns into other valid but improbable forms ("pa" → "på",
 * "ar" → "år", "ma" → "må"), and a few read by their neighbours ("nar" opening a clause, "far"
 * after a subject, "red tråd"). Words cut by a line-break hyphen are repaired as one word.
 *
 * The lexicon is loaded asynchronously once (`await loadDanishLexicon()`); `repairOcr` and
 * `repairOcrWord` are synchronous and use the loaded lexicon unless one is passed in. Results
 * are cached per word and lexicon.
 */
import { BilagsassistentError } from "../errors/errors.ts";
import type { OffsetAnchors } from "../domain/span.ts";
import { getLoadedDanishLexicon, type DanishLexicon } from "./danish-lexicon.ts";
import { alignChannel, searchChannel, type ChannelCandidate } from "./ocr-channel.ts";
import { OCR_CHANNEL, priorCost, referencePairCount } from "./ocr-channel-data.ts";

/** The result of repairing one text. */
export type OcrRepair = {
  /** The repaired text. */
  text: string;
  /** `[repairedOffset, rawOffset]` anchors, sorted: one at 0, at each replaced word's start and right after it. */
  offsets: OffsetAnchors;
  /** Raw words replaced: `[start, end)` into the raw text, the raw word and its repair. */
  changes: Array<{ start: number; end: number; from: string; to: string }>;
};

export type RepairOcrOptions = {
  /** The lexicon to check words against; defaults to the one `loadDanishLexicon()` loaded. */
  lexicon?: DanishLexicon;
};

/** A glyph sequence the OCR produced for a Danish letter, with a cost (lower is likelier). */
type Confusion = { from: string; to: string; cost: number };

/** Confusions in lower case; upper-case variants are derived. `i` → `l` only helps a Danish repair. */
const CONFUSIONS: readonly Confusion[] = [
  // ø
  { from: "@", to: "ø", cost: 0.3 },
  { from: "e@", to: "ø", cost: 0.5 },
  { from: "g@", to: "ø", cost: 0.5 },
  { from: "g", to: "ø", cost: 1.0 },
  { from: "e", to: "ø", cost: 1.2 },
  { from: "o", to: "ø", cost: 1.2 },
  { from: "c", to: "ø", cost: 1.3 },
  { from: "a", to: "ø", cost: 1.2 },
  { from: "ce", to: "ø", cost: 1.5 },
  { from: "ec", to: "ø", cost: 1.5 },
  { from: "oa", to: "ø", cost: 1.5 },
  { from: "oe", to: "ø", cost: 1.5 },
  { from: "eo", to: "ø", cost: 1.5 },
  { from: "es", to: "ø", cost: 1.6 },
  { from: "eg", to: "ø", cost: 1.3 },
  { from: "ag", to: "ø", cost: 1.3 },
  { from: "ea", to: "ø", cost: 1.5 },
  { from: "z", to: "ø", cost: 1.0 },
  // æ
  { from: "a&e", to: "æ", cost: 0.5 },
  { from: "a&", to: "æ", cost: 0.6 },
  { from: "ae", to: "æ", cost: 0.8 },
  { from: "eae", to: "æ", cost: 1.0 },
  { from: "see", to: "æ", cost: 1.0 },
  { from: "ee", to: "æ", cost: 0.8 },
  { from: "se", to: "æ", cost: 1.2 },
  { from: "ce", to: "æ", cost: 1.2 },
  { from: "e", to: "æ", cost: 1.3 },
  { from: "a", to: "æ", cost: 1.3 },
  { from: "aa", to: "æ", cost: 1.3 },
  { from: "ea", to: "æ", cost: 1.4 },
  // å
  { from: "&", to: "å", cost: 0.3 },
  { from: "&d", to: "å", cost: 0.5 },
  { from: "é", to: "å", cost: 0.6 },
  { from: "éa", to: "å", cost: 0.6 },
  { from: "aé", to: "å", cost: 0.6 },
  { from: "4", to: "å", cost: 0.8 },
  { from: "a", to: "å", cost: 1.0 },
  { from: "d", to: "å", cost: 1.3 },
  { from: "ad", to: "å", cost: 1.5 },
  // other glyphs, only together with a Danish letter
  { from: "i", to: "l", cost: 2.0 },
];

/** Extra cost of reading a word as a compound of two valid parts rather than one dictionary word. */
const COMPOUND_COST = 1.6;
/** Extra cost of reading a word as a compound of three valid parts ("rehabiliterings" + "team" + "møder"). */
const THREE_PART_COMPOUND_COST = 2.8;
/** Extra cost of a compound whose last part has three letters ("forfør" + "lab" against "for" + "forløb"). */
const SHORT_TAIL_COST = 0.3;
/** Pronouns and conjunctions the lexicon knows but no Danish compound ends with ("opstå" + "det"). */
const NON_COMPOUND_TAILS = new Set("det der den dem des som sig man han hun jeg dig mig ham jer end men når hvis hvor".split(" "));
/** Shortest tail after a two-letter first part that is not a prefix ("by" + "dækkende"). */
const MIN_TAIL_AFTER_SHORT_HEAD = 7;
/** Most substitutions tried in one word. */
const MAX_SUBSTITUTIONS = 3;
/** Words with more possible substitution sites than this are tried with at most two. */
const MAX_SITES_FOR_THREE = 30;
/** Words shorter than this, without a glyph that is never a letter (@, &, 4, é), need a cheap repair. */
const MIN_FREE_LENGTH = 4;
/** Highest cost accepted for such a short word ("hgj" → "høj", but not "met" → "mæt"). */
const SHORT_WORD_MAX_COST = 1.0;
/** Cost of reading a word as valid but for one extra glyph ("sgennem"), which leaves it unchanged. */
const EXTRA_GLYPH_COST = 1.4;
/** Most a single substitution may cost to turn a rare valid form into a frequent one ("faet" → "fået"). */
const RARE_TO_COMMON_MAX_COST = 1.0;
/** Bonus for a candidate that is one of the frequent forms below. */
const COMMON_FORM_BONUS = 0.6;
/**
 * Frequent Danish word forms with æ, ø or å, used only to break ties between valid candidates
 * ("gdet": "gået" rather than the rare "ødet").
 */
const COMMON_FORMS = new Set(
  (
    "på så år får går må nå få også både når være været før først større størst gøre gør øje øjne " +
    "høj højere løb løbet forløb forløbet møde møder mødet søge søger følge følger følgende især " +
    "sætte nødvendig nødvendigt økonomi område området måde måned måneder mål målet målgruppe " +
    "målgruppen gå gået står stå fået nået opnået opnå længe længere ønske ønsker løsning løsninger " +
    "støtte støtter lære læse ændre ændret uændret ændring ændringer tæt særlig særligt svært " +
    "fælles værdi hjælp hjælpe årligt årlige året årets åbne åben også øget øge øger bør kræve " +
    "søgning løse løser indgå indgår består fører føre ført videreført videreføres"
  ).split(" "),
);
/**
 * Two-letter first parts of compounds (prefixes) taken before any tail; other two-letter words
 * only before a long tail (`MIN_TAIL_AFTER_SHORT_HEAD`), and other first parts need three letters.
 */
const SHORT_COMPOUND_HEADS = new Set(["af", "op", "ud", "om", "på", "nu", "øm"]);

/**
 * Short words that OCR turns into other valid (or near-valid) but improbable forms, and that a
 * lexicon alone cannot tell apart: "pa" is in the Danish dictionary (a grandfather), "ar" (a scar).
 */
const FUNCTION_WORDS: ReadonlyMap<string, string> = new Map([
  ["pa", "på"],
  ["pd", "på"],
  ["pad", "på"],
  ["p4", "på"],
  ["p&", "på"],
  ["p&d", "på"],
  ["pé", "på"],
  ["péa", "på"],
  ["ma", "må"],
  ["ar", "år"],
  ["&r", "år"],
  ["4r", "år"],
  ["fa", "få"],
  ["f&", "få"],
  ["na", "nå"],
  ["sa", "så"],
  ["s&", "så"],
  ["gar", "går"],
  ["mal", "mål"],
  ["made", "måde"],
  ["mede", "møde"],
  ["meder", "møder"],
  ["forst", "først"],
  ["ber", "bør"],
]);

const TOKEN = /[\p{L}\p{M}@&0-9]+/gu;
const NEVER_LETTER = /[@&4é]/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const DANISH_LETTERS = new Set(["æ", "ø", "å", "Æ", "Ø", "Å"]);

const EXPANDED_CONFUSIONS: readonly Confusion[] = expandCase(CONFUSIONS);

function expandCase(confusions: readonly Confusion[]): Confusion[] {
  const expanded: Confusion[] = [];
  const seen = new Set<string>();
  const add = (confusion: Confusion) => {
    const key = `${confusion.from}\u0000${confusion.to}`;
    if (seen.has(key)) return;
    seen.add(key);
    expanded.push(confusion);
  };
  for (const confusion of confusions) {
    add(confusion);
    const first = confusion.from[0] ?? "";
    if (!LETTER.test(first) || first === "é") continue;
    const capitalised = first.toUpperCase() + confusion.from.slice(1);
    add({ from: capitalised, to: confusion.to.toUpperCase(), cost: confusion.cost });
    add({ from: confusion.from.toUpperCase(), to: confusion.to.toUpperCase(), cost: confusion.cost });
  }
  return expanded;
}

const caches = new WeakMap<DanishLexicon, Map<string, string>>();

function requireLexicon(options: RepairOcrOptions | undefined): DanishLexicon {
  const lexicon = options?.lexicon ?? getLoadedDanishLexicon();
  if (lexicon === undefined) {
    throw new BilagsassistentError(
      "lexicon_not_loaded",
      "system",
      "The Danish lexicon is not loaded: await loadDanishLexicon() before repairing OCR text.",
    );
  }
  return lexicon;
}

/**
 * Repairs one word (no spaces) as it would be repaired at the start of a line. Words that are
 * valid, numbers, abbreviations in capitals and words without a valid candidate come back unchanged.
 */
export function repairOcrWord(word: string, options?: RepairOcrOptions): string {
  const lexicon = requireLexicon(options);
  return capitaliseByContext(repairInContext(word, undefined, "", undefined, "", false, lexicon), word, true);
}

/** Repairs OCR damage to æ, ø and å in a whole text, keeping every other character. */
export function repairOcr(raw: string, options?: RepairOcrOptions): OcrRepair {
  const lexicon = requireLexicon(options);
  const parts: string[] = [];
  const offsets: OffsetAnchors = [[0, 0]];
  const changes: OcrRepair["changes"] = [];
  let rawPosition = 0;
  let textLength = 0;
  const tokens = [...raw.matchAll(TOKEN)].map((match) => ({ word: match[0], start: match.index }));
  const noisy = isNoisy(tokens, lexicon);
  tokens.forEach(({ word, start }, index) => {
    const previous = tokens[index - 1];
    const next = tokens[index + 1];
    const gapBefore = previous === undefined ? "" : raw.slice(previous.start + previous.word.length, start);
    const gapAfter = next === undefined ? "" : raw.slice(start + word.length, next.start);
    const repaired = capitaliseByContext(
      repairInContext(word, previous?.word, gapBefore, next?.word, gapAfter, raw[start + word.length] === "." && lexicon.isWord(`${word}.`), lexicon, noisy),
      word,
      startsHeading(raw, start, word.length, lexicon),
    );
    if (repaired === word) return;
    const between = raw.slice(rawPosition, start);
    parts.push(between, repaired);
    textLength += between.length;
    offsets.push([textLength, start]);
    textLength += repaired.length;
    const end = start + word.length;
    offsets.push([textLength, end]);
    changes.push({ start, end, from: word, to: repaired });
    rawPosition = end;
  });
  parts.push(raw.slice(rawPosition));
  return { text: parts.join(""), offsets, changes };
}

const LINE_BREAK_HYPHEN = /^-[ \t]*\r?\n[ \t]*$/;
/** Words after which a line-end hyphen marks a suspended compound ("beskæftigelses- og uddannelsesrettet"). */
const SUSPENDED_COMPOUND_JOINS = new Set(["og", "eller"]);
/** Words after which "far" is the verb "får" ("borgerne får", "de får"). */
const SUBJECT_PRONOUNS = new Set(["de", "vi", "man", "der", "du", "han", "hun", "jeg"]);
/**
 * Frequent Danish phrases in which OCR damage to one word leaves another valid word ("red tråd",
 * "red" a past tense of "ride"): a valid word one confusion away from a phrase's first word,
 * before its second word, is read as the phrase.
 */
const PHRASES = new Set(["rød tråd", "røde tråd"]);

/**
 * Repairs one word with its neighbours: the parts of a word cut by a line-break hyphen are
 * repaired as one word ("leverander-" / "virksomheders"), or the part before the hyphen alone
 * before "og"/"eller" ("beskaeftigelses- og"); abbreviations the lexicon knows with their full
 * stop ("vedr.") are left alone; and valid words that are improbable in their place are read as
 * the word OCR damaged: "nar" opening a clause ("når"), "far" after a subject ("får"), the first
 * word of a frequent phrase ("red tråd" → "rød tråd").
 */
function repairInContext(
  word: string,
  previous: string | undefined,
  gapBefore: string,
  next: string | undefined,
  gapAfter: string,
  abbreviation: boolean,
  lexicon: DanishLexicon,
  noisy = true,
): string {
  const damaged = NEVER_LETTER.test(word);
  if (abbreviation && !damaged) return word;
  if (!damaged && next !== undefined && LINE_BREAK_HYPHEN.test(gapAfter)) {
    if (SUSPENDED_COMPOUND_JOINS.has(next)) return repairToken(word, lexicon);
    const joined = repairToken(word + next, lexicon);
    return joined !== word + next && joined.endsWith(next) ? joined.slice(0, -next.length) : word;
  }
  if (!damaged && previous !== undefined && LINE_BREAK_HYPHEN.test(gapBefore)) {
    if (NEVER_LETTER.test(previous)) return word;
    const joined = repairToken(previous + word, lexicon);
    return joined !== previous + word && joined.startsWith(previous) ? joined.slice(previous.length) : word;
  }
  const repaired = repairToken(word, lexicon);
  if (repaired !== word && !/^[/:]/u.test(gapAfter) && isNameInSentence(word, previous, gapBefore) && !lexicon.graph?.has(repaired) && alignChannel(word, repaired, OCR_CHANNEL).cost > NAME_MAX_COST) return word;
  if (repaired !== word && lexicon.isWord(repaired)) return repaired;
  if (repaired !== word && compoundCost(repaired, lexicon) !== undefined) return splitJoinedWords(repaired, lexicon, true) ?? repaired;
  if (repaired === word && !damaged && (compoundCost(word, lexicon) !== undefined || isDerivedWord(word, lexicon))) return word;
  const joined = noisy ? splitJoinedWords(word, lexicon) : undefined;
  if (joined !== undefined) return joined;
  if (repaired !== word) return repaired;
  const channel = noisy ? repairByChannel(word, previous, gapBefore, next, gapAfter, lexicon) : undefined;
  if (channel !== undefined) return channel;
  const lower = word.toLowerCase();
  const clauseStart = previous === undefined || /[,;:.!?]/u.test(gapBefore) || SUSPENDED_COMPOUND_JOINS.has(previous.toLowerCase()) || previous === "men";
  if (lower === "nar" && clauseStart) return matchCase("når", word);
  if (lower === "far" && previous !== undefined && !/[^\s]/u.test(gapBefore)) {
    const subject = previous.toLowerCase();
    if (SUBJECT_PRONOUNS.has(subject) || previous === "I" || /(?:erne|ene)$/u.test(subject)) return matchCase("får", word);
  }
  if (next !== undefined && !/[^\s]/u.test(gapAfter)) {
    const following = repairToken(next, lexicon).toLowerCase();
    for (const site of findSites(word)) {
      if (!DANISH_LETTERS.has(site.confusion.to) || site.confusion.cost > 1.3) continue;
      const candidate = assemble(word, [site.position], [site.confusion]).text;
      if (PHRASES.has(`${candidate.toLowerCase()} ${following}`)) return candidate;
    }
  }
  return word;
}

/**
 * True when the word at `start` opens a line, follows a full stop, dash, colon, question or
 * exclamation mark, or heads a label ("@konomi/ressourcer:").
 */
function startsHeading(raw: string, start: number, length: number, lexicon: DanishLexicon): boolean {
  const next = raw[start + length] ?? "";
  if (next === "/" || next === ":") return true;
  for (let index = start - 1; index >= 0; index--) {
    const character = raw[index] ?? "";
    if (character === "\n") return true;
    if (character === " " || character === "\t" || character === "*" || character === "•") continue;
    if (character === ".") return !endsWithAbbreviation(raw.slice(Math.max(0, index - 12), index + 1), lexicon);
    return ":!?-–".includes(character);
  }
  return true;
}

/** True when `text` ends with a lower-case abbreviation and its full stop ("mio. kr."). */
function endsWithAbbreviation(text: string, lexicon: DanishLexicon): boolean {
  const abbreviation = /(\p{Ll}[\p{Ll}.]*\.)$/u.exec(text)?.[1];
  return abbreviation !== undefined && lexicon.isWord(abbreviation);
}

/**
 * A repaired word whose first letter came from a glyph with no case ("@konomi" → "økonomi") is
 * capitalised when it opens a sentence or precedes a capital ("@KF" → "ØKF").
 */
function capitaliseByContext(repaired: string, raw: string, sentenceStart: boolean): string {
  const rawFirst = raw[0] ?? "";
  const first = repaired[0] ?? "";
  if (LETTER.test(rawFirst) && rawFirst !== "é") return repaired;
  if (!DANISH_LETTERS.has(first)) return repaired;
  const next = repaired[1] ?? "";
  const capital = sentenceStart || UPPER.test(next);
  return (capital ? first.toUpperCase() : first.toLowerCase()) + repaired.slice(1);
}

function repairToken(word: string, lexicon: DanishLexicon): string {
  let cache = caches.get(lexicon);
  if (cache === undefined) {
    cache = new Map();
    caches.set(lexicon, cache);
  }
  let repaired = cache.get(word);
  if (repaired === undefined) {
    repaired = computeRepair(word, lexicon);
    cache.set(word, repaired);
  }
  return repaired;
}

function computeRepair(word: string, lexicon: DanishLexicon): string {
  if (!/\p{L}/u.test(word)) return word;
  const functionWord = FUNCTION_WORDS.get(word.toLowerCase());
  if (functionWord !== undefined) return matchCase(functionWord, word);
  const digits = word.replace(/\D/g, "");
  if (digits.length > 1 || (digits.length === 1 && digits !== "4")) return word;
  if (isAbbreviation(word)) return word.replaceAll("@", "Ø");
  if (lexicon.isWord(word)) return frequentNeighbour(word) ?? word;
  const mustReplace = /[@&4]/u.test(word);
  const free = !NEVER_LETTER.test(word);
  if (free && word.length < 2) return word;

  const sites = findSites(word);
  if (sites.length === 0) return word;
  let best: { text: string; cost: number } | undefined;
  const rawCompound = free && word.length < MIN_FREE_LENGTH ? undefined : mustReplace ? undefined : compoundCost(word, lexicon);
  if (free && word.length < MIN_FREE_LENGTH) best = { text: word, cost: SHORT_WORD_MAX_COST + 0.001 };
  else if (rawCompound !== undefined) best = { text: word, cost: rawCompound };
  else if (free && isOneDeletionFromWord(word, lexicon)) best = { text: word, cost: EXTRA_GLYPH_COST };
  const maxSubstitutions = word.length > MAX_SEARCH_LENGTH ? 1 : sites.length > MAX_SITES_FOR_THREE ? 2 : MAX_SUBSTITUTIONS;

  const chosen: Confusion[] = [];
  const positions: number[] = [];
  const visit = (from: number, cost: number) => {
    if (chosen.length > 0 && (best === undefined || cost - COMMON_FORM_BONUS < best.cost)) {
      const candidate = assemble(word, positions, chosen);
      if (chosen.some((confusion) => DANISH_LETTERS.has(confusion.to)) && !/[@&4]/u.test(candidate.text)) {
        if (lexicon.isWord(candidate.text)) {
          const adjusted = COMMON_FORMS.has(candidate.text.toLowerCase()) ? cost - COMMON_FORM_BONUS : cost;
          if (best === undefined || adjusted < best.cost) best = { text: candidate.text, cost: adjusted };
        } else if (cost + COMPOUND_COST < (best?.cost ?? Infinity)) {
          const compound = compoundCost(candidate.text, lexicon, candidate);
          if (compound !== undefined && cost + compound < (best?.cost ?? Infinity)) best = { text: candidate.text, cost: cost + compound };
        }
      }
    }
    if (chosen.length >= maxSubstitutions) return;
    for (let index = from; index < sites.length; index++) {
      const site = sites[index];
      if (site === undefined) continue;
      const previous = positions.at(-1);
      const previousConfusion = chosen.at(-1);
      if (previous !== undefined && previousConfusion !== undefined && site.position < previous + previousConfusion.from.length) continue;
      if (best !== undefined && cost + site.confusion.cost - COMMON_FORM_BONUS >= best.cost) continue;
      chosen.push(site.confusion);
      positions.push(site.position);
      visit(index + 1, cost + site.confusion.cost);
      chosen.pop();
      positions.pop();
    }
  };
  visit(0, 0);
  return best?.text ?? word;
}

/**
 * A valid but rare form one cheap substitution away from a frequent one ("faet", the plural of
 * the note "fa", next to "fået") is taken as OCR damage of the frequent form.
 */
function frequentNeighbour(word: string): string | undefined {
  if (word.length < MIN_FREE_LENGTH || COMMON_FORMS.has(word.toLowerCase())) return undefined;
  for (const site of findSites(word)) {
    if (site.confusion.cost > RARE_TO_COMMON_MAX_COST || !DANISH_LETTERS.has(site.confusion.to)) continue;
    const candidate = assemble(word, [site.position], [site.confusion]).text;
    if (COMMON_FORMS.has(candidate.toLowerCase())) return candidate;
  }
  return undefined;
}

type Site = { position: number; confusion: Confusion };

function findSites(word: string): Site[] {
  const sites: Site[] = [];
  for (let position = 0; position < word.length; position++) {
    for (const confusion of EXPANDED_CONFUSIONS) {
      if (word.startsWith(confusion.from, position)) sites.push({ position, confusion });
    }
  }
  return sites;
}

/**
 * A candidate: the word with the confusions replaced, where its replaced letters are, and for each
 * of its offsets (and its end) the offset in the raw word.
 */
type Candidate = { raw: string; text: string; changed: number[]; rawOffsets: number[] };

function assemble(word: string, positions: readonly number[], confusions: readonly Confusion[]): Candidate {
  let text = "";
  const changed: number[] = [];
  const rawOffsets: number[] = [];
  let cursor = 0;
  const copy = (end: number) => {
    for (let index = cursor; index < end; index++) rawOffsets.push(index);
    text += word.slice(cursor, end);
  };
  positions.forEach((position, index) => {
    const confusion = confusions[index];
    if (confusion === undefined) return;
    copy(position);
    for (let offset = 0; offset < confusion.to.length; offset++) {
      changed.push(text.length);
      rawOffsets.push(position);
      text += confusion.to[offset] ?? "";
    }
    cursor = position + confusion.from.length;
  });
  copy(word.length);
  rawOffsets.push(word.length);
  return { raw: word, text, changed, rawOffsets };
}

/** Capital abbreviations, with an optional genitive s: BIF, KKs, @KF. */
function isAbbreviation(word: string): boolean {
  return /^[\p{Lu}@]{2,}s?$/u.test(word) && /\p{Lu}/u.test(word);
}

/**
 * A word that is valid but for one extra glyph ("sgennem") has damage other than a Danish letter;
 * it is left alone rather than forced into a far-fetched compound ("søen" + "nem").
 */
function isOneDeletionFromWord(word: string, lexicon: DanishLexicon): boolean {
  if (word.length < 5) return false;
  for (let index = 0; index < word.length; index++) {
    if (lexicon.isWord(word.slice(0, index) + word.slice(index + 1))) return true;
  }
  return false;
}

/**
 * The cost of reading `word` as a compound of valid parts, or undefined when it is none: two parts
 * ("kortlægge", "by" + "dækkende" with a two-letter first part only before a long tail), or three
 * where the last two have at least four letters each ("rehabiliterings" + "team" + "møder").
 *
 * For a repair `candidate`, a part holding a replaced letter must not have been a valid word in
 * the raw word: "Mentorsteotte" is no "Mentør" + "steotte", as "Mentor" was fine and "steotte"
 * stays broken. Words taken as OCR damage on their own ("pa" for "på", "mede" for "møde") are no
 * valid parts, in the raw word or the candidate.
 */
function compoundCost(word: string, lexicon: DanishLexicon, candidate?: Candidate): number | undefined {
  const lower = word.toLowerCase();
  const isPart = (start: number, end: number): boolean => {
    const part = lower.slice(start, end);
    if (FUNCTION_WORDS.has(part)) return false;
    return lexicon.isWord(part) || (start === 0 && lexicon.isWord(word.slice(start, end)));
  };
  const keepsValidParts = (bounds: readonly number[]): boolean => {
    if (candidate === undefined) return true;
    for (const position of candidate.changed) {
      const part = bounds.findIndex((bound, index) => index > 0 && position < bound) - 1;
      const start = bounds[part] ?? 0;
      const end = bounds[part + 1] ?? word.length;
      const rawText = rawSlice(candidate, start, end);
      const rawLower = rawText.toLowerCase();
      if (!FUNCTION_WORDS.has(rawLower) && (lexicon.isWord(rawLower) || (start === 0 && lexicon.isWord(rawText)))) return false;
    }
    return true;
  };
  const headFits = (end: number, tailLength: number): boolean => {
    if (end >= 3) return true;
    return SHORT_COMPOUND_HEADS.has(lower.slice(0, end)) || tailLength >= MIN_TAIL_AFTER_SHORT_HEAD;
  };
  const length = lower.length;
  let cheapest: number | undefined;
  for (let split = 2; split <= length - 3; split++) {
    if (NON_COMPOUND_TAILS.has(lower.slice(split))) continue;
    if (headFits(split, length - split) && isPart(0, split) && isPart(split, length) && keepsValidParts([0, split, length])) {
      const cost = COMPOUND_COST + (length - split <= 3 ? SHORT_TAIL_COST : 0);
      if (cost === COMPOUND_COST) return cost;
      cheapest = Math.min(cheapest ?? Infinity, cost);
    }
  }
  if (cheapest !== undefined) return cheapest;
  for (let split = 2; split <= length - 8; split++) {
    if (!headFits(split, 0) || !isPart(0, split)) continue;
    for (let second = split + 4; second <= length - 4; second++) {
      if (isPart(split, second) && isPart(second, length) && keepsValidParts([0, split, second, length])) return THREE_PART_COMPOUND_COST;
    }
  }
  return undefined;
}

/** The raw text behind `candidate.text.slice(start, end)`. */
function rawSlice(candidate: Candidate, start: number, end: number): string {
  return candidate.raw.slice(candidate.rawOffsets[start] ?? 0, candidate.rawOffsets[end] ?? candidate.raw.length);
}

function matchCase(replacement: string, original: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) return replacement.toUpperCase();
  const first = original[0] ?? "";
  if (UPPER.test(first)) return (replacement[0] ?? "").toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Whether a word is a valid Danish word form, or a compound of valid parts ("jobcamps", "fritidsjobindsatsen"). */
export function isDanishWordOrCompound(word: string, lexicon: DanishLexicon): boolean {
  return lexicon.isWord(word) || lexicon.isWord(word.toLowerCase()) || compoundCost(word, lexicon) !== undefined;
}

// The noisy channel: words the confusions above cannot repair.

/** Weight of the prior (a word's share of the reference text) against the channel cost. */
const PRIOR_WEIGHT = 0.5;
/** Bonus for a candidate the reference text has next to the word before or after it. */
const CONTEXT_BONUS = 1.5;
/** Shortest word the channel repairs on its own (shorter words are too often names or codes). */
const MIN_CHANNEL_LENGTH = 5;
/** Most a channel repair may cost: about one unseen reading plus a cheap one. */
const CHANNEL_BUDGET = 6.5;
/** Most a channel repair of a word shorter than `LONG_WORD` may cost: one unseen reading at most. */
const SHORT_CHANNEL_BUDGET = 6;
const LONG_WORD = 8;
/**
 * Most the channel may charge for repairing a capitalised word inside a sentence, which may be a
 * name the lexicon lacks: only strong evidence ("Treedesten" → "Trædesten", ee read for æ), not a
 * rare reading ("Makers" → "Makørs", e read for ø).
 */
const NAME_MAX_COST = 4;
/** Extra cost of a compound whose one part the channel repaired ("familic" + "indsats"). */
const CHANNEL_COMPOUND_COST = 1.6;

const channelCaches = new WeakMap<DanishLexicon, Map<string, ChannelCandidate[]>>();

/**
 * Longest word the channel search and the word splits try. Their work grows steeply with length
 * (every split repairs its parts, and splits again), and no Danish word OCR damaged or glued runs
 * longer; a longer token is left to the confusions alone, so uploads cannot stall the repair.
 */
const MAX_SEARCH_LENGTH = 30;

/**
 * Lexicon words (or compounds of a valid part and a repaired part) the channel offers for an
 * unknown word, each with its channel cost; cached per word.
 */
function channelCandidates(word: string, lexicon: DanishLexicon): ChannelCandidate[] {
  const graph = lexicon.graph;
  if (graph === undefined || word.length > MAX_SEARCH_LENGTH) return [];
  let cache = channelCaches.get(lexicon);
  if (cache === undefined) {
    cache = new Map();
    channelCaches.set(lexicon, cache);
  }
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const long = word.length >= LONG_WORD;
  const candidates = searchChannel(word, graph, OCR_CHANNEL, long ? CHANNEL_BUDGET + CHANNEL_COMPOUND_COST : SHORT_CHANNEL_BUDGET, 6);
  if (candidates.length === 0 && long) {
    // A compound the lexicon lacks: one part valid as it stands, the other repaired.
    for (let split = 3; split <= word.length - 3; split++) {
      const head = word.slice(0, split);
      const tail = word.slice(split);
      if (tail.length >= 4 && head.length >= 5 && lexicon.isWord(tail.toLowerCase()) && !lexicon.isWord(head)) {
        for (const part of searchChannel(head, graph, OCR_CHANNEL, CHANNEL_BUDGET, 3))
          candidates.push({ word: part.word + tail, cost: part.cost + CHANNEL_COMPOUND_COST });
      }
      if (head.length >= 4 && tail.length >= 5 && lexicon.isWord(head) && !lexicon.isWord(tail.toLowerCase())) {
        for (const part of searchChannel(tail, graph, OCR_CHANNEL, CHANNEL_BUDGET, 3))
          candidates.push({ word: head + part.word, cost: part.cost + CHANNEL_COMPOUND_COST });
      }
    }
    candidates.sort((a, b) => a.cost - b.cost);
  }
  cache.set(word, candidates);
  return candidates;
}

/**
 * Repairs an unknown word the confusions left alone by the cheapest channel candidate, weighed by
 * its prior and by the words around it ("bolisområder" → "boligområder", "sighatur" →
 * "signatur"). Valid words, valid compounds, short words, abbreviations and words with digits are
 * left alone.
 */
function repairByChannel(
  word: string,
  previous: string | undefined,
  gapBefore: string,
  next: string | undefined,
  gapAfter: string,
  lexicon: DanishLexicon,
): string | undefined {
  if (word.length < MIN_CHANNEL_LENGTH || /\d/u.test(word) || isAbbreviation(word)) return undefined;
  if (lexicon.isWord(word) || compoundCost(word, lexicon) !== undefined) return undefined;
  const capitalised = /^\p{Lu}\p{Ll}/u.test(word);
  // A capitalised word inside a sentence is a name the lexicon may lack ("Sabaah"): left alone.
  if (isNameInSentence(word, previous, gapBefore) || isDerivedWord(word, lexicon)) return undefined;
  const budget = word.length >= LONG_WORD ? CHANNEL_BUDGET + CHANNEL_COMPOUND_COST : SHORT_CHANNEL_BUDGET;
  const candidates = channelCandidates(word, lexicon).filter(
    (candidate) => candidate.cost <= budget && !(capitalised && /^\p{Lu}/u.test(candidate.word)) && !/.\p{Lu}/u.test(candidate.word),
  );
  let best: { word: string; score: number } | undefined;
  for (const candidate of candidates) {
    let score = candidate.cost + PRIOR_WEIGHT * priorCost(candidate.word);
    const before = previous !== undefined && !/[^\s]/u.test(gapBefore) ? previous : undefined;
    const after = next !== undefined && !/[^\s]/u.test(gapAfter) ? next : undefined;
    if ((before !== undefined && referencePairCount(before, candidate.word) > 0) || (after !== undefined && referencePairCount(candidate.word, after) > 0))
      score -= CONTEXT_BONUS;
    if (best === undefined || score < best.score) best = { word: candidate.word, score };
  }
  if (best === undefined) return undefined;
  return matchCase(best.word, word);
}

/** Function words OCR glues to a neighbour; they never form a compound ("harialt", "opfyldti"). */
const GLUED_WORDS = new Set(["i", "og", "har", "alt"]);
/** "På" is no productive compound head (its compounds, "påbud", "pålæg", are in the lexicon). */
const GLUED_HEADS = new Set(["på"]);
/** Prefix-like function words glued only where the reference text has the pair ("for i"). */
const GLUED_PREFIXES = new Set(["for", "til", "af"]);

/**
 * Splits a word OCR joined with a function word: "harialt" → "har i alt", "paservice" → "på
 * service", "vaereti" → "været i". Every part must be a valid word as it stands or once
 * repaired; a glued prefix ("på", "for") splits only where the reference text has the pair, so a
 * compound the lexicon lacks ("forforløb") stays whole.
 */
function splitJoinedWords(word: string, lexicon: DanishLexicon, headsOnly = false): string | undefined {
  if (word.length < 3 || word.length > MAX_SEARCH_LENGTH || /\d/u.test(word) || lexicon.isWord(word)) return undefined;
  if (headsOnly) {
    const head = [...GLUED_HEADS].find((candidate) => word.toLowerCase().startsWith(candidate));
    const tail = head === undefined ? "" : word.slice(head.length);
    return head !== undefined && tail.length >= 3 && lexicon.isWord(tail) ? `${word.slice(0, head.length)} ${tail}` : undefined;
  }
  if (compoundCost(word, lexicon) !== undefined || isDerivedWord(word, lexicon)) return undefined;
  if (isAbbreviation(word)) return undefined;
  const best = splitParts(word, lexicon, 3);
  return best?.join(" ");
}

const splitCaches = new WeakMap<DanishLexicon, Map<string, string[] | null>>();

/** `splitParts`, memoised per substring and number of parts (the splits of a word share tails). */
function splitParts(word: string, lexicon: DanishLexicon, parts: number): string[] | undefined {
  let cache = splitCaches.get(lexicon);
  if (cache === undefined) {
    cache = new Map();
    splitCaches.set(lexicon, cache);
  }
  const key = `${parts}\u0000${word}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const split = computeSplitParts(word, lexicon, parts);
  cache.set(key, split ?? null);
  return split;
}

function computeSplitParts(word: string, lexicon: DanishLexicon, parts: number): string[] | undefined {
  const lower = word.toLowerCase();
  for (let split = 1; split < word.length; split++) {
    const head = word.slice(0, split);
    const tail = word.slice(split);
    const headWord = repairPart(head, lexicon);
    if (headWord === undefined) continue;
    const tailWord = repairPart(tail, lexicon);
    const rest = tailWord !== undefined ? [tailWord] : parts > 2 ? splitParts(tail, lexicon, parts - 1) : undefined;
    if (rest === undefined) continue;
    const first = rest[0] ?? "";
    const headLower = headWord.toLowerCase();
    const glued =
      GLUED_WORDS.has(headLower) ||
      GLUED_WORDS.has(first.toLowerCase()) ||
      NON_COMPOUND_TAILS.has(first.toLowerCase()) ||
      GLUED_HEADS.has(headLower) ||
      (GLUED_PREFIXES.has(headLower) && referencePairCount(headLower, first) > 0);
    if (!glued) continue;
    if (lower.startsWith("i") && split === 1 && first.length < 3) continue;
    return [headWord, ...rest];
  }
  return undefined;
}

/** A part of a joined word as a valid word: as it stands, or repaired; undefined when neither. */
function repairPart(part: string, lexicon: DanishLexicon): string | undefined {
  if (part.length === 1) return part.toLowerCase() === "i" ? part : undefined;
  if (isAbbreviation(part)) return /^[\p{Lu}]{2,}$/u.test(part) ? part : undefined;
  if (lexicon.isWord(part) && !FUNCTION_WORDS.has(part.toLowerCase())) return part;
  const repaired = repairToken(part, lexicon);
  return repaired !== part && lexicon.isWord(repaired) ? repaired : undefined;
}

/**
 * Least share of a text's words that the Danish-letter confusions repair for the text to count as
 * OCR output. Typed text has none; there a word the lexicon lacks is a typo or a new word, and the
 * channel's costlier readings and word splits would only "correct" the author.
 */
const NOISE_MIN_SHARE = 0.01;

function isNoisy(tokens: ReadonlyArray<{ word: string }>, lexicon: DanishLexicon): boolean {
  let words = 0;
  let damaged = 0;
  for (const { word } of tokens) {
    if (!/\p{L}/u.test(word)) continue;
    words++;
    if (NEVER_LETTER.test(word) || repairToken(word, lexicon) !== word) damaged++;
  }
  return words > 0 && damaged / words >= NOISE_MIN_SHARE;
}

/** A capitalised word inside a sentence (after a word, no full stop or line break between): a name. */
function isNameInSentence(word: string, previous: string | undefined, gapBefore: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word) && previous !== undefined && !/[.:!?]\s*$|\n/u.test(gapBefore) && !NEVER_LETTER.test(word);
}

/** Danish prefixes that make new words of any lexicon word ("uattraktivt", "merudgifterne"). */
const DERIVING_PREFIXES = ["u", "mer", "gen", "mis", "over", "under", "med", "sam", "tvær"];

/** A lexicon word behind a productive prefix: a real word the lexicon lacks, not OCR damage. */
function isDerivedWord(word: string, lexicon: DanishLexicon): boolean {
  const lower = word.toLowerCase();
  return DERIVING_PREFIXES.some((prefix) => lower.startsWith(prefix) && lower.length - prefix.length >= 5 && lexicon.isWord(lower.slice(prefix.length)));
}
