/**
 * Cross-language query expansion for reviewers who ask in English: domain words get their Danish
 * counterparts appended, so full-text search (Danish stemmer) and the built-in embedder (shared
 * vocabulary) can meet the Danish documents. A real multilingual embedding model makes this
 * matter less; it does no harm there.
 */

const ENGLISH_MARKERS =
  /\b(?:the|what|which|who|why|how|did|does|was|were|is|are|of|for|about|with|and|to|in)\b/i;

/** English stem (lower case, matched at word start) → Danish words. */
const GLOSSARY: ReadonlyArray<readonly [string, string]> = [
  ["extremis", "ekstremisme"],
  ["radicali", "radikalisering"],
  ["prevent", "forebyggelse"],
  ["veteran", "veteraner"],
  ["early retirement", "førtidspension"],
  ["retirement", "førtidspension"],
  ["disability pension", "førtidspension"],
  ["pension", "pension"],
  ["unemploy", "ledige ledighed"],
  ["jobless", "ledige"],
  ["young", "unge"],
  ["youth", "unge"],
  ["child", "børn"],
  ["famil", "familie"],
  ["gang", "banderelationer bande"],
  ["crim", "kriminalitet"],
  ["convict", "dømte"],
  ["prison", "varetægtsfængslede fængsel"],
  ["remand", "varetægtsfængslede"],
  ["mentor", "mentor"],
  ["support", "støtte"],
  ["jewish", "jødisk"],
  ["green", "grønne grøn"],
  ["skill", "kompetencer opkvalificering"],
  ["upskill", "opkvalificering"],
  ["training", "opkvalificering uddannelse"],
  ["education", "uddannelse"],
  ["apprentice", "lærepladser elevpladser lærlinge"],
  ["intern", "praktik"],
  ["graduate", "dimittender studerende"],
  ["student", "studerende"],
  ["international", "international internationale"],
  ["foreign", "udenlandsk"],
  ["interpret", "tolkning tolke tolkeydelser"],
  ["entrepreneur", "iværksætter"],
  ["startup", "iværksætter"],
  ["business", "virksomheder erhverv"],
  ["compan", "virksomheder"],
  ["employer", "virksomheder arbejdsgivere"],
  ["employment", "beskæftigelse job"],
  ["job", "job"],
  ["work", "arbejde"],
  ["disab", "handicap funktionsnedsættelse"],
  ["handicap", "handicap"],
  ["sick", "sygemeldte sygedagpenge"],
  ["health", "helbred sundhed"],
  ["mental", "psykiske"],
  ["welfare", "velfærd"],
  ["benefit", "ydelse kontanthjælp"],
  ["cash assistance", "kontanthjælp"],
  ["social assistance", "kontanthjælp"],
  ["rehabilitation", "rehabilitering"],
  ["meeting", "møder"],
  ["housing", "boligområder"],
  ["neighbourhood", "boligområder bydele"],
  ["neighborhood", "boligområder bydele"],
  ["discriminat", "diskrimination"],
  ["racism", "racisme"],
  ["social control", "social kontrol"],
  ["women", "kvinder"],
  ["homeless", "hjemløse"],
  ["summer", "sommerferie skoleferier"],
  ["holiday", "ferie skoleferier"],
  ["camp", "camps"],
  ["budget", "budget bevilling"],
  ["grant", "bevilling"],
  ["fund", "midler bevilling"],
  ["money", "midler økonomi"],
  ["cost", "udgifter økonomi"],
  ["expir", "udløb udløber"],
  ["continu", "videreførelse videreføres"],
  ["extend", "videreførelse forlængelse"],
  ["stop", "ophører videreføres ikke"],
  ["decid", "vurdering beslutning"],
  ["decision", "vurdering beslutning"],
  ["assessment", "vurdering"],
  ["result", "resultater"],
  ["volunteer", "frivillige"],
  ["civil society", "civilsamfund"],
  ["region", "region"],
  ["card", "frikort"],
  ["tech", "tech"],
];

/** Appends Danish counterparts of English domain words; Danish queries come back unchanged. */
export function expandQuery(query: string): string {
  if (!ENGLISH_MARKERS.test(query)) return query;
  const lower = query.toLowerCase();
  const additions = new Set<string>();
  for (const [english, danish] of GLOSSARY) {
    if (new RegExp(`\\b${english}`, "i").test(lower))
      for (const word of danish.split(" ")) additions.add(word);
  }
  return additions.size === 0 ? query : `${query} ${[...additions].join(" ")}`;
}
