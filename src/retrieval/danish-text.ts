/** Danish text normalisation for the built-in embedder: folding, tokens and a light stemmer. */

const STOP_WORDS = new Set(
  "af alle alt and at blev bliver da de dem den denne der deres det dette dig din disse du efter eller en end er et for fra ham han har havde hende her hos hun hvad hvis hvor i ikke ind jeg jer kan kun man mange med meget men mig min mod ned noget nogle nu når og også om op os over på sig sin sine skal som så til under ud var vi vil ville være været what when which who why how the of in to a is are was did do does for on".split(
    " ",
  ),
);

const SUFFIXES = ["erne", "ernes", "ende", "ene", "ens", "ets", "er", "en", "et", "es", "e", "s"];

/** Lower case with Danish letters folded to ASCII, so "Økonomi" and "okonomi" meet. */
export function foldDanish(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "aa")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** A light Danish stemmer: strips the common inflection endings from words of five letters or more. */
export function stemDanish(word: string): string {
  if (word.length < 5) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4)
      return word.slice(0, -suffix.length);
  }
  return word;
}

/** Folded, stemmed content words. */
export function tokenizeDanish(text: string): string[] {
  const words = foldDanish(text).match(/[a-z0-9]+/g) ?? [];
  return words.filter((word) => !STOP_WORDS.has(word) && word.length > 1).map(stemDanish);
}
