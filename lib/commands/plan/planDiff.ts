/**
 * The diff of two resolved configurations (`npm run plan -- --compare ...` / `--compare-stack ...`),
 * as a plain JSON document: what a change does to the resources, the settings (derived ones
 * included), the cost per line item, component and lever, the savings, the p99 of every scenario,
 * and each side's exit code. "before" is the stack as planned; "after" is the compared configuration.
 * The text is lib/commands/plan/planDiffText.ts.
 */
import type { LineItem } from "../../models/cost/estimate";
import { worstHour } from "../../models/slo/hourly";
import type { ScenarioResult } from "../../models/slo/scenarios";
import { PlatformSpec } from "../../spec";
import { Plan, PlanDocument } from "./planDocument";
import { planExitCode } from "./planExitCode";
import { exitLine } from "./planVerdict";

/** One plan as compared, with the overrides it was planned with. */
export type ComparedPlan = Pick<Plan, "document" | "spec"> & { overrides: readonly string[] };

export interface PlanSide {
  stack: string;
  /** The `--config` (and `--compare`) values it was planned with, in order. */
  overrides: string[];
  /** "dev", or "dev with natGateways=perAz". */
  label: string;
  exitCode: 0 | 3 | 4 | 10;
  /** The exit code with its reason, as the plan's verdict says it. */
  exitReason: string;
  /** The ALB idle timeout: a scenario p99 at it is requests timing out, not a latency. */
  idleTimeoutSeconds: number;
}

export interface Change<T> {
  before: T;
  after: T;
}

/** A number before and after, and after minus before. */
export type NumberChange = Change<number> & { delta: number };

/** A value of a flattened setting; null when the setting is not set on that side. */
export type SettingValue = string | number | boolean | null | [] | Record<string, never>;

export interface SettingChange extends Change<SettingValue> {
  /** Dotted path into the resolved PlatformSpec, arrays by index: "network.natGateways", "services.api.cpu". */
  path: string;
}

export interface LineItemChange {
  component: string;
  id: string;
  unit: string;
  /** null where the line item is not on that side. */
  quantity: Change<number | null>;
  monthlyUsd: NumberChange;
}

/** A scenario's result on both sides (worst p99, minutes over the target, scale-out, recovery, pass). */
export type ScenarioChange = Change<ScenarioResult> & { name: ScenarioResult["name"] };

export interface PlanDiff {
  before: PlanSide;
  after: PlanSide;
  resources: {
    total: NumberChange;
    /** Only the types whose count changed, by type name. */
    byType: (NumberChange & { type: string })[];
  };
  /** Every setting of the resolved spec whose value differs, by path. */
  settings: SettingChange[];
  cost: {
    /** This stack's monthly cost (the optimized estimate). */
    monthlyUsd: NumberChange;
    baselineMonthlyUsd: NumberChange;
    savingsUsd: NumberChange;
    savingsPercent: NumberChange;
    minSavingsPercent: Change<number>;
    meetsTarget: Change<boolean>;
    /** Every component's subtotal of this stack's line items, changed or not. */
    components: (NumberChange & { component: string })[];
    /** Only this stack's line items whose monthly cost changed (to the cent) or that one side lacks. */
    lineItems: LineItemChange[];
    /** Only the waterfall levers whose saving changed (to the cent). */
    levers: (NumberChange & { lever: string })[];
    /**
     * The payments table and the reference image (paymentData): the same for the baseline and the
     * stack, so outside the savings, but part of the bill a change moves.
     */
    paymentData: { monthlyUsd: NumberChange; lineItems: LineItemChange[] };
    /** The compliance controls (outside the like-for-like savings): their total and the line items that changed. */
    compliance: { monthlyUsd: NumberChange; lineItems: LineItemChange[] };
    /** The bill change against the baseline with the controls included (CostReport.billChangePercent). */
    billChangePercent: NumberChange;
    /** This stack plus the payments table and image and the compliance controls: the monthly bill. */
    billMonthlyUsd: NumberChange;
  };
  slo: {
    targetP99Ms: Change<number>;
    /** null: overloaded (no finite p99). */
    peakP99Ms: Change<number | null>;
    worstHourP99Ms: Change<number | null>;
    meetsTarget: Change<boolean>;
    /** Every scenario, changed or not. */
    scenarios: ScenarioChange[];
  };
}

const numberChange = (before: number, after: number): NumberChange => ({ before, after, delta: after - before });

/** Differs to the cent: float noise below it is no change. */
const centsDiffer = (a: number, b: number): boolean => Math.round(a * 100) !== Math.round(b * 100);

function side(plan: ComparedPlan): PlanSide {
  const overrides = [...plan.overrides];
  return {
    stack: plan.document.stack,
    overrides,
    label: overrides.length === 0 ? plan.document.stack : `${plan.document.stack} with ${overrides.join(", ")}`,
    exitCode: planExitCode(plan.document),
    exitReason: exitLine(plan.document),
    idleTimeoutSeconds: plan.spec.loadBalancer.idleTimeoutSeconds,
  };
}

function countByType(document: PlanDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of document.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return counts;
}

function resourceDiff(before: PlanDocument, after: PlanDocument): PlanDiff["resources"] {
  const [a, b] = [countByType(before), countByType(after)];
  const types = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x.localeCompare(y));
  return {
    total: numberChange(before.resources.length, after.resources.length),
    byType: types
      .map((type) => ({ type, ...numberChange(a.get(type) ?? 0, b.get(type) ?? 0) }))
      .filter((change) => change.delta !== 0),
  };
}

/** The spec as dotted paths to its leaves; an empty array or object is a leaf of its own. */
export function flattenSpec(value: unknown, prefix = "", into = new Map<string, SettingValue>()): Map<string, SettingValue> {
  if (value === null || typeof value !== "object") {
    if (value !== undefined) into.set(prefix, value as SettingValue);
    return into;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value);
  if (entries.length === 0) into.set(prefix, (Array.isArray(value) ? [] : {}) as SettingValue);
  for (const [key, child] of entries) {
    flattenSpec(child, Array.isArray(value) ? `${prefix}${key}` : prefix === "" ? key : `${prefix}.${key}`, into);
  }
  return into;
}

function settingsDiff(before: PlatformSpec, after: PlatformSpec): SettingChange[] {
  const [a, b] = [flattenSpec(before), flattenSpec(after)];
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .map((path) => ({ path, before: a.get(path) ?? null, after: b.get(path) ?? null }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
}

const subtotal = (items: readonly LineItem[], component: string): number =>
  items.filter((item) => item.component === component).reduce((sum, item) => sum + item.monthlyUsd, 0);

function lineItemDiff(before: readonly LineItem[], after: readonly LineItem[]): LineItemChange[] {
  const ids = [...new Set([...before, ...after].map((item) => item.id))];
  return ids.flatMap((id) => {
    const [a, b] = [before.find((item) => item.id === id), after.find((item) => item.id === id)];
    const { component, unit } = (b ?? a)!;
    const change = numberChange(a?.monthlyUsd ?? 0, b?.monthlyUsd ?? 0);
    if (a && b && !centsDiffer(change.before, change.after)) return [];
    return [{ component, id, unit, quantity: { before: a?.quantity ?? null, after: b?.quantity ?? null }, monthlyUsd: change }];
  });
}

function costDiff(before: PlanDocument["cost"], after: PlanDocument["cost"]): PlanDiff["cost"] {
  const [a, b] = [before.optimized.lineItems, after.optimized.lineItems];
  const components = [...new Set([...a, ...b].map((item) => item.component))];
  return {
    monthlyUsd: numberChange(before.optimized.monthlyUsd, after.optimized.monthlyUsd),
    baselineMonthlyUsd: numberChange(before.baseline.monthlyUsd, after.baseline.monthlyUsd),
    savingsUsd: numberChange(before.savingsUsd, after.savingsUsd),
    savingsPercent: numberChange(before.savingsPercent, after.savingsPercent),
    minSavingsPercent: { before: before.minSavingsPercent, after: after.minSavingsPercent },
    meetsTarget: { before: before.meetsTarget, after: after.meetsTarget },
    components: components.map((component) => ({ component, ...numberChange(subtotal(a, component), subtotal(b, component)) })),
    lineItems: lineItemDiff(a, b),
    // Every spec pulls the same levers in the same order (LEVERS in lib/models/cost/levers.ts).
    levers: before.levers
      .map(({ lever, monthlyUsdSaved }, i) => ({ lever, ...numberChange(monthlyUsdSaved, after.levers[i].monthlyUsdSaved) }))
      .filter((change) => centsDiffer(change.before, change.after)),
    paymentData: {
      monthlyUsd: numberChange(before.paymentData.monthlyUsd, after.paymentData.monthlyUsd),
      lineItems: lineItemDiff(before.paymentData.lineItems, after.paymentData.lineItems),
    },
    compliance: {
      monthlyUsd: numberChange(before.compliance.monthlyUsd, after.compliance.monthlyUsd),
      lineItems: lineItemDiff(before.compliance.lineItems, after.compliance.lineItems),
    },
    billChangePercent: numberChange(before.billChangePercent, after.billChangePercent),
    billMonthlyUsd: numberChange(
      before.optimized.monthlyUsd + before.paymentData.monthlyUsd + before.compliance.monthlyUsd,
      after.optimized.monthlyUsd + after.paymentData.monthlyUsd + after.compliance.monthlyUsd,
    ),
  };
}

/** The worst p99 of the week's hours; null when an hour is overloaded. */
const worstHourP99 = (slo: PlanDocument["slo"]): number | null => worstHour(slo.hourly).p99Ms;

function sloDiff(before: PlanDocument["slo"], after: PlanDocument["slo"]): PlanDiff["slo"] {
  return {
    targetP99Ms: { before: before.targetP99Ms, after: after.targetP99Ms },
    peakP99Ms: { before: before.peak.p99Ms, after: after.peak.p99Ms },
    worstHourP99Ms: { before: worstHourP99(before), after: worstHourP99(after) },
    meetsTarget: { before: before.meetsTarget, after: after.meetsTarget },
    // Both sides run the same scenarios (lib/models/slo/scenarios.ts), in the same order.
    scenarios: before.scenarios.map((a) => ({ name: a.name, before: a, after: after.scenarios.find((s) => s.name === a.name)! })),
  };
}

export function diffPlans(before: ComparedPlan, after: ComparedPlan): PlanDiff {
  return {
    before: side(before),
    after: side(after),
    resources: resourceDiff(before.document, after.document),
    settings: settingsDiff(before.spec, after.spec),
    cost: costDiff(before.document.cost, after.document.cost),
    slo: sloDiff(before.document.slo, after.document.slo),
  };
}
