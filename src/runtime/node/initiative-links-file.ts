/**
 * Initiative link verdicts in a JSON file in the data folder (DATA_DIR/initiative-links.json):
 * written whole to a temporary file and renamed, so a crash never leaves half a file. A file that
 * does not parse is not overwritten silently: reading it fails with what is wrong and where.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import {
  type InitiativeLinkStore,
  type LinkVerdict,
  LinkVerdictSchema,
} from "../../ports/initiative-links.ts";

const FileSchema = z.object({ verdicts: z.array(LinkVerdictSchema) });

export function createFileLinkStore(file: string): InitiativeLinkStore {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<LinkVerdict[]> => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const parsed = FileSchema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new Error(
        `${file} is not a list of initiative link verdicts (${parsed.error.issues[0]?.message}); fix or remove the file.`,
      );
    return parsed.data.verdicts;
  };
  return {
    list: read,
    put(verdict) {
      const next = queue.then(async () => {
        const verdicts = (await read()).filter(
          (existing) => existing.cards.join("\u0000") !== verdict.cards.join("\u0000"),
        );
        verdicts.push(verdict);
        await mkdir(path.dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, `${JSON.stringify({ verdicts }, null, 2)}\n`);
        await rename(temporary, file);
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
