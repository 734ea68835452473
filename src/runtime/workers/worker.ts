/**
 * The Cloudflare Worker entry: serves the same Hono app as the Node server. The app is built once
 * per isolate on the first request (settings from env, the corpus bundle imported at build time)
 * and reused. Bad settings answer every request with the error envelope and the variable's name.
 */
import corpusBundle from "bilagsassistent-worker-corpus";
import type { ExecutionContext } from "hono";
import { BilagsassistentError } from "../../errors/errors.ts";
import { errorBody } from "../../http/errors.ts";
import { createWorkerApp, type WorkerApp, type WorkerEnv } from "./create-worker-app.ts";

let building: Promise<WorkerApp> | undefined;

function workerApp(env: WorkerEnv): Promise<WorkerApp> {
  building ??= createWorkerApp(env, corpusBundle).catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}

export default {
  async fetch(request: Request, env: WorkerEnv, context: ExecutionContext): Promise<Response> {
    let worker: WorkerApp;
    try {
      worker = await workerApp(env);
    } catch (error) {
      console.error("Bilagsassistent could not start:", error);
      const known = error instanceof BilagsassistentError;
      return Response.json(
        errorBody(
          known ? error.code : "startup_failed",
          known ? error.message : "The service could not start; see the Worker's logs.",
        ),
        { status: 500 },
      );
    }
    return worker.app.fetch(request, env, context);
  },
};
