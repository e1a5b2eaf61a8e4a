/**
 * The cheapest settings that pass every scenario WITHOUT step scaling (the spike headroom of
 * decision 0004), per default stack: the optimizer's default search with step scaling excluded.
 * Decision 0007 compares them with the defaults (step scaling auto). About a minute:
 *   npx ts-node --transpile-only bench/withoutStepScaling.ts
 */
import { loadStack } from "../lib/commands/stackConfig";
import { monthlyCostUsd } from "../lib/models/cost/estimate";
import { optimize } from "../lib/models/search/optimizer";

const STACKS: readonly { label: string; stack: string; overrides: string[] }[] = [
  { label: "dev", stack: "dev", overrides: [] },
  { label: "staging", stack: "dev", overrides: ["environment=staging", "environmentSuffix=staging"] },
  { label: "prod", stack: "prod", overrides: [] },
];

for (const { label, stack, overrides } of STACKS) {
  const { spec } = loadStack(process.cwd(), stack, ["stepScalingSteps=off", ...overrides]);
  const { winner } = optimize(spec, monthlyCostUsd, { stepScalings: [null] });
  if (winner === null) {
    console.log(`${label}: no searched setting passes without step scaling`);
    continue;
  }
  const scenarios = winner.scenarios.map((s) => `${s.name} ${s.minutesOverSlo} min over`).join(", ");
  console.log(`${label}: ${winner.monthlyUsd.toFixed(2)} USD/month, ${JSON.stringify(winner.settings)}; ${scenarios}`);
}
