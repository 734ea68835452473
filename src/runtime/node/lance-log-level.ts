/**
 * LanceDB's native logger reads LANCEDB_LOG when the module loads. Its per-query deprecation
 * warnings about score columns of hybrid queries are noise here; keep errors unless asked.
 * Imported before @lancedb/lancedb.
 */
process.env.LANCEDB_LOG ??= "error";
