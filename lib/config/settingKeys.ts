/**
 * The config key behind a setting of the web service, for the commands that print
 * `pulumi config set` lines (optimize, rightsize): read from the key tables, never typed again.
 */
import type { StepScalingSpec } from "../spec";
import { PLATFORM_KEYS } from "./platformKeys";
import { autoStepScaling } from "./rules";
import { CommonServiceKeys } from "./serviceKeys";
import { SERVICE_CATALOG, ServiceCatalog, WebServiceEntry } from "./services";

/** A web-service setting: one of its own keys, its schedule's off-hours minimum, or the platform's CPU architecture. */
export type WebSettingField = keyof CommonServiceKeys | "offHoursMinTasks" | "cpuArchitecture";

export function configKeyOfSetting(field: WebSettingField, catalog: ServiceCatalog = SERVICE_CATALOG): string {
  if (field === "offHoursMinTasks" || field === "cpuArchitecture") return PLATFORM_KEYS[field].key;
  const web = catalog.find((e): e is WebServiceEntry => e.role === "web")!;
  return web.keys[field].key;
}

/** A policy's steps as stepScalingSteps writes them: "85:50,95:100". */
export function stepScalingPairs(policy: StepScalingSpec): string {
  return policy.steps.map((s) => `${s.fromCpuPercent}:${s.addPercent}`).join(",");
}

/**
 * The config values of a step-scaling policy for a CPU target, the inverse of parseStepScaling
 * (rules.ts): "off" for none, "auto" when it is what auto gives at that target, else the
 * "CPU:percent" pairs; the evaluation periods only with a policy.
 */
export function stepScalingConfig(policy: StepScalingSpec | null, cpuTargetPercent: number): Record<string, string> {
  const steps = PLATFORM_KEYS.stepScalingSteps.key;
  if (policy === null) return { [steps]: "off" };
  const auto = autoStepScaling(cpuTargetPercent, policy.evaluationPeriods);
  return {
    [steps]: JSON.stringify(policy.steps) === JSON.stringify(auto.steps) ? "auto" : stepScalingPairs(policy),
    [PLATFORM_KEYS.stepScalingEvaluationPeriods.key]: String(policy.evaluationPeriods),
  };
}
