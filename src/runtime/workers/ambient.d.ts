/** Modules that exist only in the Worker build and in workerd tests. */

/** build/worker-corpus.json, aliased in wrangler.toml and vitest.workers.config.ts (npm run build:worker). */
declare module "bilagsassistent-worker-corpus" {
  const bundle: import("./corpus-bundle.ts").WorkerCorpusBundle;
  export default bundle;
}

/** The part of @cloudflare/vitest-pool-workers' test module the workerd tests use (its own types need workers-types globals, which clash with @types/node). */
declare module "cloudflare:test" {
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
  export const env: Record<string, unknown>;
}
