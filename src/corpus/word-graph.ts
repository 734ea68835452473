/**
 * A minimal acyclic word graph (DAWG) over a sorted word list, packed into one Uint32Array so a
 * lexicon of 1,3 million word forms loads from a few megabytes of bytes without building a
 * string set. Built once by `scripts/build-danish-lexicon.ts`; read here with no I/O.
 *
 * Layout: `"DAWG1"`, a little-endian uint32 with the byte length of the alphabet (UTF-8 text, one
 * code point per label), the alphabet, zero padding to a multiple of 4, then the edges. Each edge
 * is a uint32: bits 0-7 the label's index in the alphabet, bit 8 set when the path to its target
 * spells a word, bit 9 set on the last edge of a node, bits 10-31 the index of the target node's
 * first edge (0: no edges). The root's edges start at index 1; index 0 is unused.
 */

const MAGIC = "DAWG1";
const LABEL_MASK = 0xff;
const FINAL = 1 << 8;
const LAST = 1 << 9;
const TARGET_SHIFT = 10;
const ROOT = 1;

/** A packed word graph: membership and prefix walks over code points. */
export type WordGraph = {
  /** Number of edges (for reports). */
  readonly edgeCount: number;
  /** True when `word` is exactly one of the words the graph was built from. */
  has(word: string): boolean;
  /** Lengths (in UTF-16 units) of every prefix of `word` that is a word, shortest first. */
  prefixLengths(word: string): number[];
  /** The characters the graph uses; edge labels are indexes into it. */
  readonly alphabet: readonly string[];
  /** The root node (its edges spell every word's first character). */
  readonly root: number;
  /**
   * Calls `visit` for each edge leaving `node`: its label (index into `alphabet`), the node it
   * leads to (0: none) and whether the path to it spells a word.
   */
  forEachEdge(node: number, visit: (label: number, target: number, final: boolean) => void): void;
};

/** Reads a graph from the bytes `encodeWordGraph` wrote. */
export function decodeWordGraph(bytes: Uint8Array): WordGraph {
  const header = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (header !== MAGIC) throw new Error(`Not a word graph: expected "${MAGIC}" at the start.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const alphabetLength = view.getUint32(MAGIC.length, true);
  const alphabetStart = MAGIC.length + 4;
  const alphabet = [
    ...new TextDecoder().decode(bytes.subarray(alphabetStart, alphabetStart + alphabetLength)),
  ];
  const edgesStart = Math.ceil((alphabetStart + alphabetLength) / 4) * 4;
  const edgeCount = (bytes.byteLength - edgesStart) / 4;
  const aligned =
    (bytes.byteOffset + edgesStart) % 4 === 0
      ? bytes
      : bytes.slice(0);
  const offset = aligned === bytes ? bytes.byteOffset + edgesStart : edgesStart;
  const edges = new Uint32Array(aligned.buffer, offset, edgeCount);
  const labelOf = new Int16Array(0x10000).fill(-1);
  alphabet.forEach((character, index) => {
    labelOf[character.charCodeAt(0)] = index;
  });

  /** The edge leaving `node` with the label of UTF-16 unit `code`, or -1. */
  const step = (node: number, code: number): number => {
    const label = labelOf[code] ?? -1;
    if (label < 0 || node === 0) return -1;
    for (let index = node; index < edgeCount; index++) {
      const edge = edges[index] ?? 0;
      if ((edge & LABEL_MASK) === label) return index;
      if ((edge & LAST) !== 0) return -1;
    }
    return -1;
  };

  const walk = (word: string, onPrefix?: (length: number) => void): boolean => {
    let node = ROOT;
    let final = false;
    let position = 0;
    for (let index = 0; index < word.length; index++) {
      const edgeIndex = step(node, word.charCodeAt(index));
      if (edgeIndex < 0) return false;
      const edge = edges[edgeIndex] ?? 0;
      position += 1;
      final = (edge & FINAL) !== 0;
      if (final) onPrefix?.(position);
      node = edge >>> TARGET_SHIFT;
    }
    return final;
  };

  return {
    edgeCount,
    alphabet,
    root: ROOT,
    forEachEdge(node, visit) {
      if (node === 0) return;
      for (let index = node; index < edgeCount; index++) {
        const edge = edges[index] ?? 0;
        visit(edge & LABEL_MASK, edge >>> TARGET_SHIFT, (edge & FINAL) !== 0);
        if ((edge & LAST) !== 0) return;
      }
    },
    has: (word) => word.length > 0 && walk(word),
    prefixLengths(word) {
      const lengths: number[] = [];
      walk(word, (length) => lengths.push(length));
      return lengths;
    },
  };
}

type BuildNode = { id: number; final: boolean; edges: Map<string, BuildNode> };

/**
 * Builds the minimal graph of `words` (any order; duplicates are dropped) and packs it. Uses the
 * incremental construction for sorted input (Daciuk, Mihov, Watson and Watson 2000).
 */
export function encodeWordGraph(words: Iterable<string>): Uint8Array {
  const sorted = [...new Set(words)].filter((word) => word.length > 0);
  const astral = sorted.find((word) => /[\uD800-\uDFFF]/.test(word));
  if (astral !== undefined) throw new Error(`"${astral}" has a character a word graph cannot hold.`);
  sorted.sort((a, b) => compareCodePoints(a, b));
  let nextId = 0;
  const createNode = (): BuildNode => ({ id: nextId++, final: false, edges: new Map() });
  const root = createNode();
  const register = new Map<string, BuildNode>();
  const unchecked: Array<{ parent: BuildNode; label: string; child: BuildNode }> = [];
  const signature = (node: BuildNode): string => {
    let key = node.final ? "1" : "0";
    for (const [label, child] of node.edges) key += `${label}${child.id},`;
    return key;
  };
  const minimize = (downTo: number) => {
    while (unchecked.length > downTo) {
      const entry = unchecked.pop();
      if (entry === undefined) break;
      const key = signature(entry.child);
      const known = register.get(key);
      if (known === undefined) register.set(key, entry.child);
      else entry.parent.edges.set(entry.label, known);
    }
  };
  let previous: string[] = [];
  for (const word of sorted) {
    const characters = [...word];
    let common = 0;
    while (
      common < characters.length &&
      common < previous.length &&
      characters[common] === previous[common]
    )
      common++;
    minimize(common);
    let node = unchecked.at(-1)?.child ?? root;
    for (const label of characters.slice(common)) {
      const child = createNode();
      node.edges.set(label, child);
      unchecked.push({ parent: node, label, child });
      node = child;
    }
    node.final = true;
    previous = characters;
  }
  minimize(0);

  const alphabet = [...new Set(sorted.flatMap((word) => [...word]))].sort(compareCodePoints);
  if (alphabet.length > LABEL_MASK + 1)
    throw new Error(`Too many distinct characters (${alphabet.length}) for a word graph.`);
  const labelIndex = new Map(alphabet.map((character, index) => [character, index]));

  // Lay out every node's edges contiguously, the root first; then fill in targets.
  const start = new Map<number, number>();
  const order: BuildNode[] = [];
  let cursor = ROOT;
  const queue: BuildNode[] = [root];
  start.set(root.id, cursor);
  cursor += root.edges.size;
  order.push(root);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === undefined) break;
    for (const child of node.edges.values()) {
      if (start.has(child.id)) continue;
      start.set(child.id, child.edges.size === 0 ? 0 : cursor);
      cursor += child.edges.size;
      order.push(child);
      queue.push(child);
    }
  }
  if (cursor >= 2 ** (32 - TARGET_SHIFT)) throw new Error(`Too many edges (${cursor}).`);
  const edges = new Uint32Array(cursor);
  for (const node of order) {
    const first = start.get(node.id) ?? 0;
    if (node.edges.size === 0) continue;
    const sortedEdges = [...node.edges].sort(([a], [b]) => compareCodePoints(a, b));
    sortedEdges.forEach(([label, child], index) => {
      let edge = (labelIndex.get(label) ?? 0) | ((start.get(child.id) ?? 0) << TARGET_SHIFT);
      if (child.final) edge |= FINAL;
      if (index === sortedEdges.length - 1) edge |= LAST;
      edges[first + index] = edge >>> 0;
    });
  }

  const alphabetBytes = new TextEncoder().encode(alphabet.join(""));
  const edgesStart = Math.ceil((MAGIC.length + 4 + alphabetBytes.length) / 4) * 4;
  const bytes = new Uint8Array(edgesStart + edges.byteLength);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(MAGIC.length, alphabetBytes.length, true);
  bytes.set(alphabetBytes, MAGIC.length + 4);
  const little = new Uint8Array(edges.buffer);
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
    throw new Error("Word graphs are written on little-endian machines only.");
  }
  bytes.set(little, edgesStart);
  return bytes;
}

/** Code-unit order; words with characters outside the Basic Multilingual Plane are refused. */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
