/**
 * Environment LanceDB's native code reads when it loads; imported before @lancedb/lancedb.
 * - LANCEDB_LOG: its per-query deprecation warnings about score columns of hybrid queries are
 *   noise here; keep errors unless asked.
 * - LANCE_CPU_THREADS: building a full-text index with positions on more than about 6,000 rows
 *   never finishes on a 2-core machine with the default pool (one thread per core); with four
 *   threads it takes a fraction of a second. Keep at least four.
 */
import { availableParallelism } from "node:os";

process.env.LANCEDB_LOG ??= "error";
process.env.LANCE_CPU_THREADS ??= String(Math.max(4, availableParallelism()));
