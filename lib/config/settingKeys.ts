/**
 * The config key behind a setting of the web service, for the commands that print
 * `pulumi config set` lines (optimize, rightsize): read from the key tables, never typed again.
 */
import type { StepScalingSpec } from "../spec";
import { PLATFORM_KEYS } from "./platformKeys";
import { CommonServiceKeys } from "./serviceKeys";
import { SERVICE_CATALOG, ServiceCatalog, WebServiceEntry } from "./services";

/** A web-service setting: one of its own keys, its schedule's off-hours minimum, or the platform's CPU architecture. */
export type WebSettingField = keyof CommonServiceKeys | "offHoursMinTasks" | "cpuArchitecture";

export function configKeyOfSetting(field: WebSettingField, catalog: ServiceCatalog = SERVICE_CATALOG): string {
  if (field === "offHoursMinTasks" || field === "cpuArchitecture") return PLATFORM_KEYS[field].key;
  const web = catalog.find((e): e is WebServiceEntry => e.role === "web")!;
  return web.keys[field].key;
}

/**
 * The config values of a step-scaling policy, the inverse of parseStepScaling (rules.ts): "85:50,95:100"
 * and the evaluation periods; null values mean the key must be unset (no policy).
 */
export function stepScalingConfig(policy: StepScalingSpec | null): Record<string, string | null> {
  return {
    [PLATFORM_KEYS.stepScalingSteps.key]:
      policy === null ? null : policy.steps.map((s) => `${s.fromCpuPercent}:${s.addPercent}`).join(","),
    [PLATFORM_KEYS.stepScalingEvaluationPeriods.key]: policy === null ? null : String(policy.evaluationPeriods),
  };
}
