/**
 * Drafts on LanceDB: one row per version (append-only), so every revision is kept and a revision
 * never overwrites what was stored. Node only.
 */
import "./lance-environment.ts";
import * as lancedb from "@lancedb/lancedb";
import { Field, Int32, Schema, Utf8 } from "apache-arrow";
import { DraftSchema, type Draft } from "../../domain/index.ts";
import {
  summarizeLatestDrafts,
  versionStale,
  versionTaken,
} from "../../drafting/draft-version-errors.ts";
import { createKeyedQueue } from "../../util/keyed-queue.ts";
import type { DraftStore } from "../../ports/draft-store.ts";
import { openOrCreateTable, quoteSql } from "./lance-tables.ts";

const DRAFTS = "drafts";

function draftsSchema(): Schema {
  return new Schema([
    new Field("id", new Utf8(), false),
    new Field("version", new Int32(), false),
    new Field("createdAt", new Utf8(), false),
    new Field("json", new Utf8(), false),
  ]);
}

export async function createLanceDraftStore(options: {
  uri: string;
}): Promise<DraftStore & { close(): void }> {
  const connection = await lancedb.connect(options.uri, { readConsistencyInterval: 0 });
  const table = await openOrCreateTable(connection, DRAFTS, draftsSchema());
  const read = (rows: Array<Record<string, unknown>>): Draft[] =>
    rows.map((row) => DraftSchema.parse(JSON.parse(String(row.json))));

  const queue = createKeyedQueue();
  const latestVersion = async (id: string): Promise<number> => {
    const rows = (await table
      .query()
      .where(`id = ${quoteSql(id)}`)
      .select(["version"])
      .toArray()) as Array<Record<string, unknown>>;
    return rows.reduce((top, row) => Math.max(top, Number(row.version)), 0);
  };
  const insert = async (valid: Draft): Promise<void> => {
    await table.add([
      {
        id: valid.id,
        version: valid.version,
        createdAt: valid.createdAt,
        json: JSON.stringify(valid),
      },
    ]);
  };

  return {
    save(draft) {
      const valid = DraftSchema.parse(draft);
      return queue(valid.id, async () => {
        const existing = await table.countRows(
          `id = ${quoteSql(valid.id)} AND version = ${valid.version}`,
        );
        if (existing > 0) throw versionTaken(valid);
        await insert(valid);
      });
    },
    saveRevision(draft, options = {}) {
      const valid = DraftSchema.parse(draft);
      return queue(valid.id, async () => {
        const latest = await latestVersion(valid.id);
        if (options.baseVersion !== undefined && options.baseVersion !== latest)
          throw versionStale(valid.id, options.baseVersion, latest);
        const stored = { ...valid, version: latest + 1 };
        await insert(stored);
        return stored;
      });
    },
    async get(id, version) {
      const where =
        version === undefined
          ? `id = ${quoteSql(id)}`
          : `id = ${quoteSql(id)} AND version = ${Math.trunc(version)}`;
      const drafts = read(
        (await table.query().where(where).select(["json"]).toArray()) as Array<
          Record<string, unknown>
        >,
      );
      return drafts.sort((left, right) => right.version - left.version)[0];
    },
    async versions(id) {
      const drafts = read(
        (await table
          .query()
          .where(`id = ${quoteSql(id)}`)
          .select(["json"])
          .toArray()) as Array<Record<string, unknown>>,
      );
      return drafts.sort((left, right) => left.version - right.version);
    },
    async list() {
      return summarizeLatestDrafts(
        read((await table.query().select(["json"]).toArray()) as Array<Record<string, unknown>>),
      );
    },
    close() {
      table.close();
      connection.close();
    },
  };
}
