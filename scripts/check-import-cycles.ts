/**
 * Fails when the folders of src/ import each other in a cycle (src/a → src/b → … → src/a).
 * Folder level: src/runtime/node and src/runtime/workers count as their own folders.
 * Usage: node --import tsx scripts/check-import-cycles.ts [--graph]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SOURCE_ROOT = resolve(import.meta.dirname, "..", "src");
const IMPORT_PATTERN = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']/g;

function listSourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return listSourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The folder a file belongs to, relative to src/ ("money", "runtime/node", "." for src itself). */
function folderOf(file: string): string {
  const parts = relative(SOURCE_ROOT, dirname(file)).split("/").filter(Boolean);
  if (parts.length === 0) return ".";
  if (parts[0] === "runtime" && parts[1] !== undefined) return `runtime/${parts[1]}`;
  if (parts[0] === "http" && parts[1] === "middleware") return "http";
  return parts[0] ?? ".";
}

export function buildFolderGraph(files: readonly string[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT_PATTERN)) {
      const specifier = match[1];
      if (specifier === undefined || !specifier.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(SOURCE_ROOT)) continue;
      const to = folderOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, relative(SOURCE_ROOT, file));
    }
  }
  return graph;
}

/** Every strongly connected group of more than one folder (Tarjan). */
export function findCycles(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    lowLinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node) ?? 0, lowLinks.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node) ?? 0, indices.get(next) ?? 0));
      }
    }
    if (lowLinks.get(node) === indices.get(node)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return groups;
}

const graph = buildFolderGraph(listSourceFiles(SOURCE_ROOT));
if (process.argv.includes("--graph")) {
  for (const [from, edges] of [...graph].sort())
    console.log(`${from} → ${[...edges.keys()].sort().join(", ")}`);
}
/** The ground floor: domain types and small utilities import only themselves; ports import only domain types and each other. */
const GROUND_FLOOR: Record<string, readonly string[]> = {
  domain: [],
  ports: ["domain"],
  util: [],
};
const floorBreaches = Object.entries(GROUND_FLOOR).flatMap(([floor, allowed]) =>
  [...(graph.get(floor) ?? new Map<string, string>())]
    .filter(([to]) => !allowed.includes(to) && to !== "errors")
    .map(([to, file]) => `${floor} → ${to} (${file})`),
);
if (floorBreaches.length > 0) {
  console.error("The ground floor (src/domain, src/ports) imports a feature folder:");
  for (const breach of floorBreaches) console.error(`- ${breach}`);
  process.exit(1);
}
const cycles = findCycles(graph);
if (cycles.length > 0) {
  console.error("Import cycles between folders of src/ (each edge names one file that makes it):");
  for (const group of cycles) {
    console.error(`- ${group.join(" ⇄ ")}`);
    for (const from of group) {
      for (const [to, file] of graph.get(from) ?? []) {
        if (group.includes(to)) console.error(`    ${from} → ${to}  (${file})`);
      }
    }
  }
  console.error("Move the shared type to src/ports or src/domain, or invert the dependency.");
  process.exit(1);
}
console.log(`No import cycles between the ${graph.size} folders of src/.`);
