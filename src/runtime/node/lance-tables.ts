/**
 * What the LanceDB stores share: quoting a string for a filter, and opening a table or creating it
 * empty. Node only.
 */
import "./lance-environment.ts";
import type * as lancedb from "@lancedb/lancedb";
import type { Schema } from "apache-arrow";

/** A SQL string literal for a LanceDB filter: single quotes doubled. */
export function quoteSql(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Opens a table, or creates it empty. With `replaceOtherLayout`, a table of an older layout (other
 * columns) is dropped and made anew.
 */
export async function openOrCreateTable(
  connection: lancedb.Connection,
  name: string,
  schema: Schema,
  options: { replaceOtherLayout?: boolean } = {},
): Promise<lancedb.Table> {
  const names = await connection.tableNames();
  if (names.includes(name)) {
    const table = await connection.openTable(name);
    if (options.replaceOtherLayout !== true) return table;
    const columns = (await table.schema()).fields.map((field) => field.name).join(",");
    if (columns === schema.fields.map((field) => field.name).join(",")) return table;
    table.close();
    await connection.dropTable(name);
  }
  return connection.createEmptyTable(name, schema, { existOk: true });
}
