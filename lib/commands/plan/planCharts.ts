/**
 * The HTML report's charts: vega-lite specs built from the plan document, compiled by vega-lite and
 * rendered to SVG strings by vega in Node when the report is written (renderer "none": no browser,
 * no canvas), so the page needs no script and no network to show them.
 *
 * vega and vega-lite are pinned to their 5.x lines: vega 6 and vega-lite 6 ship only ES modules,
 * and vega 6 has top-level await, which neither Node's require(esm) (ts-node, CommonJS) nor jest's
 * module system (ts-jest, CommonJS) can load. The 5.x builds are CommonJS. Both are loaded on first
 * use so the text, JSON and markdown plans do not pay for them.
 *
 * Charts: cost by component (baseline against this stack), the savings waterfall by lever, the
 * week of hourly rps, tasks and p99 against the target, and one timeline per scenario (rate,
 * healthy tasks, p99). An hour or a minute with no finite p99 (overloaded: requests time out at the
 * ALB) is drawn as a red band, never as a value.
 */
import type { TopLevelSpec } from "vega-lite";
import type { PlatformSpec } from "../../spec";
import { scenario, ScenarioName } from "../../models/slo/scenarios";
import { simulate } from "../../models/slo/simulation";
import { dollars, plural } from "../../format";
import type { PlanDocument } from "./planDocument";
import { componentRows, leverSaving } from "./planTables";
import { hourLabel, OVERLOADED, TIME_ZONE } from "./sloWords";

export interface Chart {
  /** Stable id for the page's hooks: "cost-by-component", "savings-waterfall", "hourly-week", "scenario-<name>". */
  id: string;
  title: string;
  /** What the chart shows, for screen readers (the SVG's aria-label and the figure's caption). */
  description: string;
  svg: string;
}

interface ChartSpec {
  id: string;
  title: string;
  description: string;
  spec: TopLevelSpec;
}

/** Wide enough for a week of hours, narrow enough for a laptop screen beside the tables. */
const WIDTH = 640;
const PANEL_HEIGHT = 110;
const BASELINE_COLOR = "#9e9e9e";
const STACK_COLOR = "#1f6fb4";
const SAVES_COLOR = "#2e8540";
const COSTS_MORE_COLOR = "#c0392b";
const OVERLOAD_COLOR = "#e74c3c";
const TARGET_COLOR = "#d35400";

const CONFIG: TopLevelSpec["config"] = {
  font: "Helvetica, Arial, sans-serif",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: "top", labelLimit: 640 },
  title: { fontSize: 15, anchor: "start", offset: 12 },
};

/** The frame every chart shares: its title, its accessible description, the page's look. */
function framed(title: string, description: string, spec: Record<string, unknown>, subtitle?: string): TopLevelSpec {
  return { title: subtitle ? { text: title, subtitle } : title, description, config: CONFIG, ...spec } as TopLevelSpec;
}

function costByComponent(document: PlanDocument): ChartSpec {
  const rows = componentRows(document.cost);
  const values = rows.flatMap((row) => [
    { component: row.component, configuration: "Baseline", usd: row.baselineUsd, label: dollars(row.baselineUsd) },
    { component: row.component, configuration: "This stack", usd: row.optimizedUsd, label: dollars(row.optimizedUsd) },
  ]);
  const title = "Monthly cost by component: baseline against this stack";
  const description = `Bar chart of USD per month for ${rows.length} components, the baseline's bar beside this stack's: ${rows
    .map((row) => `${row.component} ${dollars(row.baselineUsd)} against ${dollars(row.optimizedUsd)}`)
    .join("; ")}.`;
  const y = { field: "component", type: "nominal", sort: rows.map((row) => row.component), title: null };
  const yOffset = { field: "configuration", type: "nominal", sort: ["Baseline", "This stack"] };
  return {
    id: "cost-by-component",
    title,
    description,
    spec: framed(title, description, {
      width: WIDTH - 160,
      height: rows.length * 2 * 14,
      data: { values },
      encoding: { y, yOffset, x: { field: "usd", type: "quantitative", title: "USD per month", axis: { format: "$,.0f" } } },
      layer: [
        {
          mark: { type: "bar" },
          encoding: {
            color: {
              field: "configuration",
              type: "nominal",
              title: null,
              scale: { domain: ["Baseline", "This stack"], range: [BASELINE_COLOR, STACK_COLOR] },
            },
          },
        },
        { mark: { type: "text", align: "left", dx: 3, fontSize: 10 }, encoding: { text: { field: "label" } } },
      ],
    }),
  };
}

function savingsWaterfall(document: PlanDocument): ChartSpec {
  const { cost } = document;
  let running = cost.baseline.monthlyUsd;
  const steps = cost.levers.map((lever) => {
    const before = running;
    running -= lever.monthlyUsdSaved;
    const cents = Math.round(lever.monthlyUsdSaved * 100);
    const kind = cents > 0 ? "saves" : cents < 0 ? "costs more" : "no change";
    return { step: lever.lever, start: before, end: running, kind, label: leverSaving(lever.monthlyUsdSaved) };
  });
  const values = [
    { step: "Baseline", start: 0, end: cost.baseline.monthlyUsd, kind: "total", label: dollars(cost.baseline.monthlyUsd) },
    ...steps,
    { step: "This stack", start: 0, end: cost.optimized.monthlyUsd, kind: "total", label: dollars(cost.optimized.monthlyUsd) },
  ].map((v) => ({ ...v, right: Math.max(v.start, v.end) }));
  const costlier = steps.filter((s) => s.kind === "costs more").map((s) => `${s.step} ${s.label}`);
  const title = "Savings waterfall: from the baseline to this stack, one lever at a time";
  const description = `Waterfall of the monthly cost from the baseline (${dollars(cost.baseline.monthlyUsd)}) through ${
    steps.length
  } levers in the order they apply to this stack (${dollars(cost.optimized.monthlyUsd)}); a lever that costs more moves the bar right: ${
    costlier.length === 0 ? "none does" : costlier.join("; ")
  }.`;
  return {
    id: "savings-waterfall",
    title,
    description,
    spec: framed(title, description, {
      width: WIDTH - 320,
      height: { step: 22 },
      data: { values },
      encoding: {
        y: { field: "step", type: "nominal", sort: values.map((v) => v.step), title: null, axis: { labelLimit: 520 } },
      },
      layer: [
        {
          mark: { type: "bar", height: { band: 0.75 } },
          encoding: {
            x: { field: "start", type: "quantitative", title: "USD per month", axis: { format: "$,.0f" } },
            x2: { field: "end" },
            color: {
              field: "kind",
              type: "nominal",
              title: null,
              scale: {
                domain: ["total", "saves", "costs more", "no change"],
                range: [STACK_COLOR, SAVES_COLOR, COSTS_MORE_COLOR, BASELINE_COLOR],
              },
            },
          },
        },
        {
          mark: { type: "text", align: "left", dx: 4, fontSize: 10 },
          encoding: { x: { field: "right", type: "quantitative" }, text: { field: "label" } },
        },
      ],
    }),
  };
}

/** One time series of a rate, a task count and a p99 (null: overloaded), for the stacked panels. */
interface TimePoint {
  t: number;
  /** End of the point's interval, for the overload band. */
  tEnd: number;
  rps: number;
  tasks: number;
  p99Ms: number | null;
}

interface TimeAxis {
  title: string;
  domain: [number, number];
  values: number[];
  /** A vega expression for each tick's label (datum.value is the tick). */
  labelExpr?: string;
  /** Where a disturbance starts, drawn as a vertical rule on every panel. */
  eventAt?: number;
}

/**
 * Three panels on one time axis: requests per second, tasks, and p99 against the target with the
 * overloaded intervals as a red band (the p99 line has a gap there, never a zero).
 */
function timePanels(points: TimePoint[], axis: TimeAxis, tasksTitle: string, targetP99Ms: number): Record<string, unknown> {
  const x = (title: string | null, labels: boolean) => ({
    field: "t",
    type: "quantitative",
    title,
    scale: { domain: axis.domain, nice: false },
    axis: {
      values: axis.values,
      labels,
      labelOverlap: false,
      ...(axis.labelExpr ? { labelExpr: axis.labelExpr } : {}),
      grid: true,
    },
  });
  const event =
    axis.eventAt === undefined
      ? []
      : [
          {
            data: { values: [{ t: axis.eventAt }] },
            mark: { type: "rule", color: "#555", strokeDash: [2, 2] },
            encoding: { x: { field: "t", type: "quantitative" } },
          },
        ];
  // The upper panels share the bottom panel's time axis: their own has ticks and grid, no labels.
  const panel = (field: string, title: string, mark: Record<string, unknown>) => ({
    width: WIDTH,
    height: PANEL_HEIGHT,
    layer: [{ mark, encoding: { x: x(null, false), y: { field, type: "quantitative", title } } }, ...event],
  });
  const overloaded = "overloaded: requests time out at the ALB idle timeout";
  const series = ["p99", `target ${targetP99Ms} ms`, overloaded];
  const color = (name: string) => ({
    datum: name,
    type: "nominal",
    title: null,
    scale: { domain: series, range: [STACK_COLOR, TARGET_COLOR, OVERLOAD_COLOR] },
  });
  return {
    data: { values: points },
    spacing: 8,
    vconcat: [
      panel("rps", "requests / s", { type: "line", color: STACK_COLOR, interpolate: "monotone" }),
      panel("tasks", tasksTitle, { type: "line", color: SAVES_COLOR, interpolate: "step-after" }),
      {
        width: WIDTH,
        height: PANEL_HEIGHT + 20,
        layer: [
          {
            transform: [{ filter: "datum.p99Ms === null" }],
            mark: { type: "rect", opacity: 0.35 },
            encoding: { x: x(axis.title, true), x2: { field: "tEnd" }, color: color(overloaded) },
          },
          {
            mark: { type: "line", invalid: null, interpolate: "monotone" },
            encoding: {
              x: x(axis.title, true),
              y: { field: "p99Ms", type: "quantitative", title: "p99 (ms)", scale: { zero: true } },
              color: color("p99"),
            },
          },
          {
            mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5 },
            encoding: { y: { datum: targetP99Ms }, color: color(series[1]) },
          },
          ...event,
        ],
      },
    ],
  };
}

const DAY_LABELS = `['Mon','Tue','Wed','Thu','Fri','Sat','Sun','Mon']`;

function hourlyWeek(document: PlanDocument): ChartSpec {
  const { slo } = document;
  const points: TimePoint[] = slo.hourly.map((h) => ({
    t: h.hourOfWeek,
    tEnd: h.hourOfWeek + 1,
    rps: h.rps,
    tasks: h.tasks,
    p99Ms: h.p99Ms,
  }));
  const overloaded = slo.hourly.filter((h) => h.p99Ms === null).map((h) => `${hourLabel(h.hourOfWeek)}`);
  const finite = slo.hourly.flatMap((h) => (h.p99Ms === null ? [] : [h.p99Ms]));
  const title = `The week hour by hour: requests, tasks and p99 against the ${slo.targetP99Ms} ms target`;
  const subtitle = `Monday 00:00 to Sunday 23:00, ${TIME_ZONE}`;
  const description = `Three line charts over the ${slo.hourly.length} hours of the week, Monday 00:00 to Sunday 23:00 ${TIME_ZONE}: requests per second (${Math.min(
    ...points.map((p) => p.rps),
  )} to ${Math.max(...points.map((p) => p.rps))}), tasks (${Math.min(...points.map((p) => p.tasks))} to ${Math.max(
    ...points.map((p) => p.tasks),
  )}) and p99 latency (highest finite ${Math.max(0, ...finite)} ms) against the ${slo.targetP99Ms} ms target; ${
    overloaded.length === 0 ? "no hour is overloaded" : `${OVERLOADED} at ${overloaded.join(", ")}`
  }.`;
  const axis: TimeAxis = {
    title: `Hour of the week (a tick at each midnight), ${TIME_ZONE}`,
    domain: [0, slo.hourly.length],
    values: Array.from({ length: Math.floor(slo.hourly.length / 24) + 1 }, (_, day) => day * 24),
    labelExpr: `${DAY_LABELS}[floor(datum.value / 24)]`,
  };
  return {
    id: "hourly-week",
    title,
    description,
    spec: framed(title, description, timePanels(points, axis, "tasks", slo.targetP99Ms), subtitle),
  };
}

/** A day is drawn in 10-minute points, the half-hour peak scenarios minute by minute: enough to see each scaling step. */
const DAY_BUCKET_SECONDS = 600;
const PEAK_BUCKET_SECONDS = 60;

/**
 * A scenario's simulation in points of a few minutes (times in seconds): the mean rate, the fewest
 * healthy tasks and the worst p99 in each (a p99 at the ALB idle timeout is overload, so null). The
 * plan document keeps only each scenario's verdict, so the timeline is simulated again from the spec
 * (as runScenario does).
 */
export function scenarioTimeline(spec: PlatformSpec, name: ScenarioName): { eventAt: number | null; points: TimePoint[] } {
  const run = scenario(spec, name);
  const { steps } = simulate(spec, run.input);
  const bucket = run.eventAt === null ? DAY_BUCKET_SECONDS : PEAK_BUCKET_SECONDS;
  const timeoutMs = spec.loadBalancer.idleTimeoutSeconds * 1000;
  const buckets = new Map<number, typeof steps>();
  for (const step of steps) {
    const start = Math.floor(step.time / bucket) * bucket;
    buckets.set(start, [...(buckets.get(start) ?? []), step]);
  }
  const points = [...buckets].map(([start, inBucket]) => {
    const worst = Math.max(...inBucket.map((s) => s.p99Ms));
    return {
      t: start,
      tEnd: start + bucket,
      rps: Math.round((inBucket.reduce((sum, s) => sum + s.rps, 0) / inBucket.length) * 100) / 100,
      tasks: Math.min(...inBucket.map((s) => s.inService)),
      p99Ms: worst >= timeoutMs ? null : Math.round(worst * 10) / 10,
    };
  });
  return { eventAt: run.eventAt, points };
}

function scenarioChart(document: PlanDocument, spec: PlatformSpec, name: ScenarioName): ChartSpec {
  const { targetP99Ms } = document.slo;
  const { eventAt, points: timeline } = scenarioTimeline(spec, name);
  // The diurnal day runs midnight to midnight: its axis is hours of the day, in the workload's zone;
  // the peak scenarios' axis is minutes from the start of the run.
  const unit = eventAt === null ? 3600 : 60;
  const points = timeline.map((p) => ({ ...p, t: p.t / unit, tEnd: p.tEnd / unit }));
  const end = points[points.length - 1].tEnd;
  const axis: TimeAxis =
    eventAt === null
      ? {
          title: `Hour of a weekday, ${TIME_ZONE}`,
          domain: [0, end],
          values: Array.from({ length: Math.floor(end / 3) + 1 }, (_, i) => i * 3),
          labelExpr: "format(datum.value, '02d') + ':00'",
        }
      : {
          title: "Minutes from the start of the run",
          domain: [0, end],
          values: Array.from({ length: Math.floor(end / 5) + 1 }, (_, i) => i * 5),
          eventAt: eventAt / unit,
        };
  const overloaded = timeline.filter((p) => p.p99Ms === null).length;
  const finite = timeline.flatMap((p) => (p.p99Ms === null ? [] : [p.p99Ms]));
  const minutesEach = (timeline[0].tEnd - timeline[0].t) / 60;
  const title = `Scenario ${name}: request rate, healthy tasks and p99 against the ${targetP99Ms} ms target`;
  const subtitle =
    eventAt === null
      ? `One weekday, midnight to midnight, ${TIME_ZONE}`
      : `At the weekday peak; the disturbance starts at minute ${eventAt / unit} (dotted line)`;
  const description = `Three line charts over the ${name} scenario in ${plural(timeline.length, `point`)} of ${plural(
    minutesEach,
    "minute",
  )}: requests per second (${Math.min(...timeline.map((p) => p.rps))} to ${Math.max(...timeline.map((p) => p.rps))}), healthy tasks in service (${Math.min(
    ...timeline.map((p) => p.tasks),
  )} to ${Math.max(...timeline.map((p) => p.tasks))}) and the worst p99 of each point (highest finite ${Math.max(0, ...finite)} ms) against the ${targetP99Ms} ms target; ${
    overloaded === 0 ? "no point is overloaded" : `${plural(overloaded, "point")} ${OVERLOADED}`
  }.`;
  return {
    id: `scenario-${name}`,
    title,
    description,
    spec: framed(title, description, timePanels(points, axis, "healthy tasks", targetP99Ms), subtitle),
  };
}

/** The chart specs in page order: cost, waterfall, the week, then each scenario of the document. */
export function planChartSpecs(document: PlanDocument, spec: PlatformSpec): ChartSpec[] {
  return [
    costByComponent(document),
    savingsWaterfall(document),
    hourlyWeek(document),
    ...document.slo.scenarios.map((s) => scenarioChart(document, spec, s.name)),
  ];
}

/** Compiles a vega-lite spec and renders it to an SVG string in Node (no browser, no canvas). */
async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Every chart of the plan, rendered to SVG. */
export async function planCharts(document: PlanDocument, spec: PlatformSpec): Promise<Chart[]> {
  const specs = planChartSpecs(document, spec);
  const svgs = await Promise.all(specs.map((chart) => renderSvg(chart.spec)));
  return specs.map((chart, i) => ({ id: chart.id, title: chart.title, description: chart.description, svg: svgs[i] }));
}
