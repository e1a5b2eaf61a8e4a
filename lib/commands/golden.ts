/**
 * Golden plan outputs: the plan document (`--json`), the text summary and every resource's inputs
 * of the dev, staging and prod stacks, committed under test/golden/, and the numbers README.md and docs/ quote from them
 * (generated blocks, docBlocks.ts). A unit test compares them with a fresh run, so any change to
 * what the stacks deploy, cost or promise shows up as a reviewable diff of these files.
 *
 * `npm run golden` checks (exit 1 naming the stale files, writes nothing);
 * `npm run golden -- --update` rewrites them after a deliberate change.
 */
import * as fs from "fs";
import * as path from "path";
import { Command, parseSwitches } from "./cli";
import { documentFiles, withGeneratedBlocks } from "./docBlocks";
import { GOLDEN_DIR, GOLDEN_STACKS } from "./goldenStacks";
import { buildPlan, Plan } from "./plan/planDocument";
import { formatPlanSummary } from "./plan/planSummary";
import { PROJECT_DIR } from "./schema";
import { referenceImageTag } from "../infra/serviceImage";

/**
 * What the golden files write for the reference image's tag. The tag hashes app/'s files with their
 * permission bits (lib/infra/serviceImage.ts says why it must), so a clone made under umask 002
 * computes another one than a clone made under 022; the golden files name the tag instead of its
 * value, and test/unit/infra/serviceImage.test.ts tests the tag itself.
 */
export const REFERENCE_IMAGE_TAG = "<reference image tag: app/ hashed with its file modes>";

export interface GoldenFile {
  /** Path relative to the project directory. */
  file: string;
  content: string;
}

/**
 * The golden files as a fresh offline plan renders them, and every README/docs file with its
 * generated blocks (docBlocks.ts) re-rendered from the same plans.
 */
export async function renderGoldenFiles(projectDir: string): Promise<GoldenFile[]> {
  const files: GoldenFile[] = [];
  const plans = new Map<string, Plan & { summary: string }>();
  for (const golden of GOLDEN_STACKS) {
    const plan = await buildPlan(golden.stack, golden.overrides, projectDir);
    const summary = formatPlanSummary(plan.document, plan.spec);
    plans.set(golden.name, { ...plan, summary });
    files.push(
      { file: path.join(GOLDEN_DIR, `plan-${golden.name}.json`), content: `${JSON.stringify(plan.document, null, 2)}\n` },
      { file: path.join(GOLDEN_DIR, `plan-${golden.name}.txt`), content: `${summary}\n` },
      // What the plan document leaves out: every resource's inputs, provider, explicit dependsOn,
      // aliases and update options, so a change to a property or an ordering edge shows up in
      // review as plainly as a change to the resource list.
      {
        file: path.join(GOLDEN_DIR, `resources-${golden.name}.json`),
        content: `${JSON.stringify(plan.registrations, null, 2).replaceAll(referenceImageTag(plan.spec.cpuArchitecture), REFERENCE_IMAGE_TAG)}\n`,
      },
    );
  }
  for (const file of documentFiles(projectDir)) {
    const text = fs.readFileSync(path.join(projectDir, file), "utf8");
    if (text.includes("<!-- golden:")) files.push({ file, content: withGeneratedBlocks(text, plans, file) });
  }
  return files;
}

export const GOLDEN_USAGE = `usage: npm run golden [-- --update]
Compares test/golden/ with a fresh offline plan of dev, staging and prod (exit 1 when they differ);
--update rewrites the files instead (review the diff before committing it).`;

/** Files whose committed content differs from a fresh rendering (missing files count). */
export function staleGoldenFiles(projectDir: string, files: readonly GoldenFile[]): string[] {
  return files
    .filter(({ file, content }) => {
      const absolute = path.join(projectDir, file);
      return !fs.existsSync(absolute) || fs.readFileSync(absolute, "utf8") !== content;
    })
    .map(({ file }) => file);
}

/** `render` is injectable so the check/update mechanics can be tested without planning three stacks. */
export function createGoldenCommand(
  projectDir: string,
  render: (projectDir: string) => Promise<GoldenFile[]> = renderGoldenFiles,
): Command {
  return async (argv, io) => {
    const flags = parseSwitches(argv, ["update"], GOLDEN_USAGE);
    if (flags.help) {
      io.out(GOLDEN_USAGE);
      return 0;
    }
    const files = await render(projectDir);
    if (flags.update) {
      fs.mkdirSync(path.join(projectDir, GOLDEN_DIR), { recursive: true });
      for (const { file, content } of files) fs.writeFileSync(path.join(projectDir, file), content);
      io.out(`wrote ${files.map((f) => f.file).join(", ")}`);
      return 0;
    }
    const stale = staleGoldenFiles(projectDir, files);
    if (stale.length > 0) {
      io.err(`golden files differ from a fresh plan: ${stale.join(", ")} (npm run golden -- --update, then review git diff)`);
      return 1;
    }
    io.out(`${files.length} golden files and documents match a fresh plan of ${GOLDEN_STACKS.map((g) => g.name).join(", ")}`);
    return 0;
  };
}

export const goldenCommand: Command = createGoldenCommand(PROJECT_DIR);
