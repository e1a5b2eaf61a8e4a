/**
 * Runs the program offline and assembles the plan document (the contract in README.md): project, stack,
 * suffix, region, every resource with type/name/parent, and the resolved stack outputs. The cost
 * and SLO sections are added by their models.
 */
import { CostReport } from "../../models/cost/costReport";
import { buildSloReport, SloReport } from "../../models/slo/sloReport";
import { runProgram } from "../../program";
import { PlatformSpec } from "../../spec";
import { installMockEngine, resolveOutput } from "../mockEngine";
import type { RecordedResource } from "../registrations";
import { PolicyReport, runPolicies } from "./planPolicies";
import { readStackConfig } from "../stackConfig";

export interface PlannedResource {
  type: string;
  name: string;
  parent: string | null;
}

export interface PlanDocument {
  project: string;
  stack: string;
  environmentSuffix: string;
  region: "us-east-1";
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
  /** Baseline versus this stack, with line items and the savings waterfall (lib/models/cost). */
  cost: CostReport;
  /** p99 latency by hour and under spike / Spot-reclaim / AZ-loss scenarios (lib/models/slo). */
  slo: SloReport;
  /** Placeholder values to replace before `pulumi up` (lib/config/placeholders.ts); empty when there are none. */
  warnings: string[];
  /** The policy pack (policy/) run over the registrations: a mandatory violation exits 10 (planPolicies.ts). */
  policies: PolicyReport;
}

export interface Plan {
  document: PlanDocument;
  spec: PlatformSpec;
  /** What the stack reader could not read as written (secret values). */
  notes: string[];
  /** Every registration with its inputs and update options, as the engine recorded it (the golden resources file). */
  registrations: RecordedResource[];
}

export async function buildPlan(stack: string, overrides: string[], projectDir: string): Promise<Plan> {
  const config = readStackConfig(projectDir, stack, overrides);
  const engine = await installMockEngine(config.project, config.stack, config.values);
  const program = runProgram({ transformations: [engine.recordParent], placeholders: "report" });
  await engine.settle();
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(program.outputs)) outputs[key] = await resolveOutput(value);
  const { spec } = program;
  return {
    spec,
    notes: config.notes,
    registrations: engine.resources,
    document: {
      project: config.project,
      stack: config.stack,
      environmentSuffix: spec.environmentSuffix,
      region: spec.region,
      resources: engine.resources.map((r) => ({ type: r.type, name: r.name, parent: r.parent ?? null })),
      outputs,
      cost: program.cost,
      slo: buildSloReport(spec),
      warnings: program.placeholders.map((p) => (p.failsDeploy ? `${p.message} (pulumi up refuses this value)` : p.message)),
      policies: await runPolicies(engine.resources, config),
    },
  };
}
