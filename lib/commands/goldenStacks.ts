/** The stacks the golden files are made of, and where they live (lib/commands/golden.ts writes them). */
import * as path from "path";

export interface GoldenStack {
  /** File name stem under test/golden/. */
  name: string;
  /** Stack file the plan reads (Pulumi.<stack>.yaml). */
  stack: string;
  /** `--config key=value` overrides on top of it. */
  overrides: string[];
}

/** Staging has no stack file of its own: it is the dev file with the staging environment class. */
export const GOLDEN_STACKS: readonly GoldenStack[] = [
  { name: "dev", stack: "dev", overrides: [] },
  { name: "staging", stack: "dev", overrides: ["environment=staging", "environmentSuffix=staging"] },
  { name: "prod", stack: "prod", overrides: [] },
];

export const GOLDEN_DIR = path.join("test", "golden");
