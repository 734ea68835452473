/**
 * Chat conversations on LanceDB: one row per message, append-only. Appends from one process are
 * written one at a time and numbered with a sequence that grows with the clock, so messages read
 * back in the order they were appended, across restarts. Node only.
 */
import "./lance-environment.ts";
import * as lancedb from "@lancedb/lancedb";
import { Field, Float64, Schema, Utf8 } from "apache-arrow";
import {
  ConversationMessageSchema,
  type ConversationMessage,
  type ConversationStore,
} from "../../ports/conversation-store.ts";
import { openOrCreateTable, quoteSql } from "./lance-tables.ts";

const MESSAGES = "conversation_messages";

function messagesSchema(): Schema {
  return new Schema([
    new Field("conversationId", new Utf8(), false),
    new Field("id", new Utf8(), false),
    /** Append order: microseconds since the epoch, made strictly increasing within the process. */
    new Field("sequence", new Float64(), false),
    new Field("createdAt", new Utf8(), false),
    new Field("json", new Utf8(), false),
  ]);
}

export async function createLanceConversationStore(options: {
  uri: string;
  clock?: () => number;
}): Promise<ConversationStore & { close(): void }> {
  const connection = await lancedb.connect(options.uri, { readConsistencyInterval: 0 });
  const table = await openOrCreateTable(connection, MESSAGES, messagesSchema());
  const clock = options.clock ?? (() => Date.now());
  /* Start after the newest stored message, so a clock set back cannot put new messages before it. */
  let lastSequence = 0;
  for (const row of (await table.query().select(["sequence"]).toArray()) as Array<{
    sequence: number;
  }>)
    lastSequence = Math.max(lastSequence, Number(row.sequence));
  /* One write at a time: the sequence is taken and the row written in the same step. */
  let writes: Promise<unknown> = Promise.resolve();

  return {
    append(message: ConversationMessage) {
      const valid = ConversationMessageSchema.parse(message);
      const write = writes.then(async () => {
        const existing = await table.countRows(`id = ${quoteSql(valid.id)}`);
        if (existing > 0)
          throw new Error(`message ${valid.id} is already stored; messages are append-only`);
        lastSequence = Math.max(lastSequence + 1, clock() * 1_000);
        await table.add([
          {
            conversationId: valid.conversationId,
            id: valid.id,
            sequence: lastSequence,
            createdAt: valid.createdAt,
            json: JSON.stringify(valid),
          },
        ]);
      });
      writes = write.catch(() => undefined);
      return write;
    },
    async get(conversationId) {
      await writes;
      const rows = (await table
        .query()
        .where(`conversationId = ${quoteSql(conversationId)}`)
        .select(["sequence", "json"])
        .toArray()) as Array<{ sequence: number; json: string }>;
      if (rows.length === 0) return undefined;
      const messages = rows
        .sort((left, right) => left.sequence - right.sequence)
        .map((row) => ConversationMessageSchema.parse(JSON.parse(String(row.json))));
      return { id: conversationId, messages };
    },
    close() {
      table.close();
      connection.close();
    },
  };
}
