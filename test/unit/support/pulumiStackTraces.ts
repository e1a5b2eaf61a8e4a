/**
 * Jest (setupFilesAfterEnv): leaves the stack traces Pulumi's SDK records for itself unmapped.
 *
 * Jest formats every stack trace through its source maps (@jest/source-map's prepareStackTrace,
 * installed in the worker's own realm). The Pulumi SDK takes one for every promise it creates
 * (runtime/debuggable.js keeps it for its promise-leak report) and one per resource
 * (resource.js, the source position it sends the engine). Under the mock engine nobody reads them,
 * yet mapping each one frame by frame was about a quarter of a program run's time in this suite.
 * Traces whose top frame is one of those two files get the plain V8 format; every other trace
 * (a failing test's included) still goes through jest's mapping.
 */
const PULUMI_TRACE_SITES = ["/@pulumi/pulumi/runtime/debuggable.js", "/@pulumi/pulumi/resource.js"];

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

// Jest's mapper lives on the worker realm's Error, not on this test context's: Buffer is the
// worker's, so its constructor is the worker realm's Function, and that Function's global is it.
const workerRealm = (Buffer.constructor as FunctionConstructor)("return this")() as typeof globalThis;
const mapped = workerRealm.Error.prepareStackTrace as (PrepareStackTrace & { skipsPulumi?: true }) | undefined;

if (mapped !== undefined && !mapped.skipsPulumi) {
  const skipsPulumi: PrepareStackTrace & { skipsPulumi?: true } = (error, frames) => {
    const top = frames[0]?.getFileName() ?? "";
    if (!PULUMI_TRACE_SITES.some((site) => top.endsWith(site))) return mapped(error, frames);
    return `${error.name}: ${error.message}\n    at ${frames.join("\n    at ")}`;
  };
  skipsPulumi.skipsPulumi = true;
  workerRealm.Error.prepareStackTrace = skipsPulumi;
}
