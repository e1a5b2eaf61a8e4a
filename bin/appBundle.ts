/**
 * The reference service's bundle as app/Dockerfile builds it (app/package.json's `build` script,
 * same esbuild options): main.js and healthcheck.js with their dependencies, for node 24. The image
 * test and the start-up benchmark run these files to prove the image's entry points without Docker.
 */
import { join } from "node:path";
import { build } from "esbuild";

export const APP_DIR = join(__dirname, "..", "app");

/** The options of app/package.json's build script (test/unit/app/image.test.ts checks they match). */
export async function buildAppBundle(outdir: string): Promise<void> {
  await build({
    entryPoints: [join(APP_DIR, "src/main.ts"), join(APP_DIR, "src/healthcheck.ts")],
    bundle: true,
    platform: "node",
    target: "node24",
    format: "cjs",
    minify: true,
    keepNames: true,
    outdir,
    logLevel: "silent",
  });
}
