/**
 * The physical floor: what the workload costs a month on the best design there could be, and what
 * stands between it and this stack. The floor is
 * - the web service's CPU demand (request rate x CPU time per request, summed over the reference
 *   week x WEEKS_PER_MONTH) as vCPU-hours at 100% utilization, priced at the cheapest Fargate rate
 *   (ARM64 on FARGATE_SPOT, the stack's spotDiscount off), with the least memory Fargate sells per
 *   vCPU at the stack's task CPU (2 GB per vCPU at every size). The app's own memory is not modelled
 *   (the rightsizer measures it, the spec does not hold it) and does not grow with load (lib/models/
 *   fleet/webTaskCount.ts), so nothing asks for more per vCPU; the task's memory above that minimum
 *   is a gap item ("memory above Fargate's minimum"), not floor;
 * - the worker services at their current estimate: their load is an average vCPU, not a request
 *   stream, so there is no hourly demand to run at 100% (their four Fargate lines go in as they are);
 * - every other line item of the stack's estimate classified below, at today's quantity when no
 *   design avoids it, at its least quantity or price when only part of it is unavoidable, and not at
 *   all when it is a design choice.
 *
 * The gap (stack estimate - floor) is itemized so the items and the floor add up to the estimate:
 * idle compute (the web service's billed task vCPU- and GB-hours above the demand, hour by hour:
 * the CPU target's latency headroom, the request-count policy asking for more, rounding to whole
 * tasks, the minimum's spike headroom, the off-hours minimum, the maximum's cap, memory above the
 * minimum), all priced at ARM64 Spot; the on-demand premium (the on-demand tasks' price above Spot,
 * at ARM64 prices); the architecture premium (X86_64's price above ARM64 on every billed hour); and
 * the design-choice lines (or the share of a line above its floor).
 *
 * Line items, by category (a line item the table does not name is "unclassified": it goes into the
 * gap whole, so the floor stays a lower bound, and the tests fail until it is classified):
 *
 * | line items                                   | floor                            | why                                                                                               |
 * | -------------------------------------------- | -------------------------------- | ------------------------------------------------------------------------------------------------- |
 * | web service's four Fargate lines             | demand at ARM64 Spot             | the vCPU-hours the requests need; the rest is the gap's compute items                             |
 * | each worker's four Fargate lines             | as estimated                     | their load is an average, not modelled hour by hour                                               |
 * | alb-hours                                    | as estimated (one ALB, 730 h)    | the API is served over the internet by one load balancer                                          |
 * | alb-lcu                                      | as estimated                     | capacity units follow the traffic (connections, bytes)                                            |
 * | nat-hours                                    | one NAT gateway's hours          | tasks must stay private (policy tasks-private-no-public-ip) and the API calls out (card networks) |
 * | nat-data, endpoint-data                      | as estimated                     | the bytes the tasks send to AWS APIs (logs, ECR) follow the traffic and the task starts           |
 * | public-ipv4                                  | 3 addresses (2 ALB nodes + NAT)  | an ALB needs subnets in two AZs, one node address each, and the NAT gateway one                   |
 * | logs-ingestion                               | ingested GB at Infrequent Access | the workload writes these logs; the cheapest class is enough to keep them                         |
 * | logs-storage                                 | 7 days' retention                | the policy pack requires 7 to 14 days (policy/platformPolicies.ts, log-retention-7-to-14-days)    |
 * | data-transfer-out                            | as estimated                     | the responses go out to the clients                                                               |
 * | nat-hours above one, public-ipv4 above three | design choice                    | a NAT per AZ and a third AZ buy resilience, not capacity                                          |
 * | nat-cross-az                                 | design choice                    | tasks spread over AZs that share one NAT; tasks in the NAT's AZ would not cross                   |
 * | endpoint-hours                               | design choice                    | interface endpoints replace NAT processing; no design needs them                                  |
 * | cloud-map-namespace, -instances, -queries    | design choice                    | service discovery for internal callers; the ALB alone serves the workload                         |
 * | logs-ingestion above Infrequent Access       | design choice                    | Standard buys features Infrequent Access lacks, not retention (see below)                       |
 * | logs-storage above 7 days                    | design choice                    | longer operational retention than the policy requires                                             |
 * | container-insights-metrics, -logs            | design choice                    | observability, not service                                                                        |
 * | service-metrics-20s, alarms-*, dashboards    | design choice                    | fast scaling and monitoring: at 100% utilization there is nothing to scale                        |
 * | kms-keys, kms-requests                       | design choice                    | a customer managed key; AWS owned keys (the default) cost nothing, see below                      |
 *
 * The cheapest class for the services' log groups is Infrequent Access (a subset of Standard's
 * features at a lower ingestion price; the cheaper Delivery class is for Lambda logs delivered to S3
 * or Firehose only): https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch_Logs_Log_Classes.html.
 * The audit log groups stay Standard for their subscription filter, but they are compliance controls,
 * outside the estimate (lib/models/cost/compliance.ts). Spot on ARM64 exists (FARGATE_SPOT runs ARM64
 * Linux tasks on platform version 1.4.0 or later:
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html).
 *
 * The idle-compute items are attributed in that order, each what it adds above the ones before it in
 * the same hour: with the request-count policy asking for 4 tasks where the CPU target asks for 2.5,
 * the request-count item gets 1.5 tasks and rounding none.
 *
 * Customer managed KMS keys bill a month and per request; AWS owned keys, which encrypt CloudWatch
 * Logs and the other services by default, bill nothing: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html.
 *
 * Pure: a function of the spec and its two estimates.
 */
import { gbOf, validMemoryFor, vcpuOf } from "../../aws/fargateSizes";
import { PRICES, fargatePrices } from "../../aws/prices";
import { PlatformSpec, serviceList, webService } from "../../spec";
import { HOURS_PER_MONTH, WEEKS_PER_MONTH, rpsByHourOfWeek, webVcpuDemand } from "../../spec/workload";
import { cpuPolicyTasks, requestPolicyTasks } from "../fleet/steadyState";
import { tasksByHour } from "../fleet/usage";
import { isOffHours, webMinTasksForHour } from "../fleet/webTaskCount";
import { CostEstimate, LineItem, retainedMonths } from "./estimate";

/**
 * An Application Load Balancer needs subnets in at least two Availability Zones, one node (and one
 * public IPv4 address) in each: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
 */
export const ALB_MIN_AVAILABILITY_ZONES = 2;
/** One NAT gateway, and its one Elastic IP: the private tasks' route to the internet. */
export const MIN_NAT_GATEWAYS = 1;
/**
 * The shortest CloudWatch retention the policy pack accepts for the services' log groups
 * (policy/platformPolicies.ts, log-retention-7-to-14-days; the config's logRetentionDays minimum).
 */
export const REQUIRED_LOG_RETENTION_DAYS = 7;

/** How a line item enters the floor. */
export type FloorTreatment =
  /** Its whole amount: no design avoids it. */
  | "unavoidable"
  /** Its least quantity or price; the rest is a design choice. */
  | "minimum"
  /** Nothing: the whole amount is a design choice. */
  | "designChoice"
  /** A worker's Fargate line: its current estimate. */
  | "workerCompute"
  /** Not in the table above: the whole amount goes into the gap (the tests fail on it). */
  | "unclassified";

interface FloorRule {
  treatment: "unavoidable" | "minimum" | "designChoice";
  /** The line's floor in USD; the whole line when unavoidable, 0 for a design choice. */
  floorUsd: (item: LineItem, spec: PlatformSpec) => number;
}

const unavoidable: FloorRule = { treatment: "unavoidable", floorUsd: (item) => item.monthlyUsd };
const designChoice: FloorRule = { treatment: "designChoice", floorUsd: () => 0 };
const minimum = (floorUsd: FloorRule["floorUsd"]): FloorRule => ({
  treatment: "minimum",
  floorUsd: (item, spec) => Math.min(item.monthlyUsd, floorUsd(item, spec)),
});
/** At most `quantity` of the line, at its price. */
const atMost = (quantity: number) => minimum((item) => quantity * item.unitPriceUsd);

/** Every line item of the estimate other than the Fargate lines, by id (the table above). */
export const FIXED_LINE_RULES: Readonly<Record<string, FloorRule>> = {
  "alb-hours": unavoidable,
  "alb-lcu": unavoidable,
  "nat-hours": atMost(MIN_NAT_GATEWAYS * HOURS_PER_MONTH),
  "nat-data": unavoidable,
  "nat-cross-az": designChoice,
  "endpoint-hours": designChoice,
  "endpoint-data": unavoidable,
  "public-ipv4": atMost((ALB_MIN_AVAILABILITY_ZONES + MIN_NAT_GATEWAYS) * HOURS_PER_MONTH),
  "cloud-map-namespace": designChoice,
  "cloud-map-instances": designChoice,
  "cloud-map-queries": designChoice,
  "logs-ingestion": minimum((item) => item.quantity * PRICES.logsIngestionInfrequentGb.usd),
  "logs-storage": minimum(
    (item, spec) =>
      (item.monthlyUsd * retainedMonths(REQUIRED_LOG_RETENTION_DAYS)) / retainedMonths(spec.observability.logRetentionDays),
  ),
  "container-insights-metrics": designChoice,
  "container-insights-logs": designChoice,
  "service-metrics-20s": designChoice,
  "alarms-standard": designChoice,
  "alarms-high-resolution": designChoice,
  dashboards: designChoice,
  "kms-keys": designChoice,
  "kms-requests": designChoice,
  "data-transfer-out": unavoidable,
};

/** The estimate's four Fargate line ids of a service (lib/models/cost/estimate.ts, fargateLines). */
export function fargateLineIds(serviceId: string): string[] {
  return ["ondemand-vcpu", "ondemand-memory", "spot-vcpu", "spot-memory"].map((suffix) => `${serviceId}-${suffix}`);
}

/** One line item of the stack's estimate other than the web service's Fargate lines, split into floor and gap. */
export interface FloorLine {
  id: string;
  treatment: FloorTreatment;
  floorUsd: number;
  /** The line minus its floor: the design choice in it (the whole line when unclassified). */
  gapUsd: number;
}

/** The web service's compute at the floor. */
export interface FloorWebCompute {
  /** vCPU-hours a month the requests need at 100% utilization. */
  demandVcpuHours: number;
  /** The least memory Fargate sells per vCPU at the stack's task CPU. */
  gbPerVcpu: number;
  /** ARM64 FARGATE_SPOT prices: on-demand ARM64 x (1 - spotDiscount). */
  vcpuHourUsd: number;
  gbHourUsd: number;
  monthlyUsd: number;
}

export type GapItemId =
  | "cpuTarget"
  | "requestPolicy"
  | "wholeTasks"
  | "minimumTasks"
  | "offHoursMinimum"
  | "maximumTasks"
  | "memoryAboveMinimum"
  | "onDemandPremium"
  | "architecturePremium"
  | "designChoices"
  | "unclassified";

export type GapGroup = "idle compute" | "on-demand premium" | "architecture premium" | "design choices" | "unclassified";

export interface GapItem {
  id: GapItemId;
  group: GapGroup;
  description: string;
  /** Idle compute: the billed web vCPU-hours this item adds above the demand (negative for the cap); else 0. */
  vcpuHours: number;
  monthlyUsd: number;
}

export interface PhysicalFloor {
  /** The floor: webCompute + the fixed and traffic lines' floors + the workers' compute. */
  monthlyUsd: number;
  webCompute: FloorWebCompute;
  /** The floor's share from the line items other than the web service's compute (workers included). */
  linesFloorUsd: number;
  /** Every line item of the estimate except the web service's four Fargate lines, in the estimate's order. */
  lines: FloorLine[];
  /** This stack's monthly estimate (the cost report's optimized.monthlyUsd). */
  stackMonthlyUsd: number;
  baselineMonthlyUsd: number;
  /** stack - floor, the sum of the gap items. */
  gapUsd: number;
  /** In the order the text prints them; floor + sum of the items = the stack's estimate. */
  gap: GapItem[];
  /** Line items no rule classifies (should be none). */
  unclassifiedLineItems: string[];
  /** (baseline - floor) / baseline x 100: the best any design could save, framed like savingsPercent. */
  bestSavingsPercent: number;
  bestSavingsUsd: number;
  /** This stack's savings as a share of the best possible: (baseline - stack) / (baseline - floor) x 100. */
  savingsCapturedPercent: number;
}

/** The least memory (GB) per vCPU Fargate accepts at a task CPU (lib/aws/fargateSizes.ts). */
export function minimumGbPerVcpu(cpuUnits: number): number {
  return gbOf(validMemoryFor(cpuUnits)[0]) / vcpuOf(cpuUnits);
}

/** The web service's billed task counts decomposed hour by hour, in vCPU-hours a month. */
interface IdleVcpuHours {
  demand: number;
  cpuTarget: number;
  requestPolicy: number;
  wholeTasks: number;
  minimumTasks: number;
  offHoursMinimum: number;
  maximumTasks: number;
}

/**
 * Each hour's billed tasks n as a telescoping sum: demand/taskVcpu (100% busy) -> at the CPU target
 * -> the request-count policy's ask if larger -> whole tasks -> the hour's minimum if larger -> n
 * (the maximum's cap, and anything else that makes n differ from the policies' steady state).
 */
function idleVcpuHours(spec: PlatformSpec): IdleVcpuHours {
  const web = webService(spec);
  const taskVcpu = vcpuOf(web.cpu);
  const billed = tasksByHour(spec, web);
  const sums: IdleVcpuHours = {
    demand: 0,
    cpuTarget: 0,
    requestPolicy: 0,
    wholeTasks: 0,
    minimumTasks: 0,
    offHoursMinimum: 0,
    maximumTasks: 0,
  };
  rpsByHourOfWeek(spec.workload).forEach((rps, hour) => {
    const demand = webVcpuDemand(spec.workload, rps);
    const atTarget = demand / (taskVcpu * (web.cpuTargetPercent / 100));
    const requestTasks = requestPolicyTasks(rps, web.requestsPerTargetPerMinute);
    const asked = Math.max(atTarget, requestTasks);
    const whole = Math.max(cpuPolicyTasks(demand, taskVcpu, web.cpuTargetPercent), requestTasks);
    const floored = Math.max(whole, webMinTasksForHour(spec, hour));
    const minimumKey = web.scheduledScaling && isOffHours(spec, hour) ? "offHoursMinimum" : "minimumTasks";
    sums.demand += demand;
    sums.cpuTarget += (atTarget - demand / taskVcpu) * taskVcpu;
    sums.requestPolicy += (asked - atTarget) * taskVcpu;
    sums.wholeTasks += (whole - asked) * taskVcpu;
    sums[minimumKey] += (floored - whole) * taskVcpu;
    sums.maximumTasks += (billed[hour] - floored) * taskVcpu;
  });
  const monthly = { ...sums };
  for (const key of Object.keys(sums) as (keyof IdleVcpuHours)[]) monthly[key] = sums[key] * WEEKS_PER_MONTH;
  return monthly;
}

/** The billed quantity of a line item (0 if the estimate has no such line). */
const quantityOf = (estimate: CostEstimate, id: string) =>
  estimate.lineItems.filter((item) => item.id === id).reduce((total, item) => total + item.quantity, 0);

/** The physical floor of a spec, against its estimate and its baseline's. */
export function physicalFloor(spec: PlatformSpec, stack: CostEstimate, baseline: CostEstimate): PhysicalFloor {
  const web = webService(spec);
  const spotFactor = 1 - spec.cost.spotDiscount;
  const arm = fargatePrices("ARM64");
  const own = fargatePrices(spec.cpuArchitecture);
  const gbPerVcpu = minimumGbPerVcpu(web.cpu);
  const taskGbPerVcpu = gbOf(web.memory) / vcpuOf(web.cpu);
  // ARM64 Spot for one vCPU-hour and the task's memory with it: the price of an idle vCPU-hour.
  const spotVcpuHour = arm.vcpuHour.usd * spotFactor;
  const spotGbHour = arm.gbHour.usd * spotFactor;
  const idleVcpuHourUsd = spotVcpuHour + taskGbPerVcpu * spotGbHour;

  const idle = idleVcpuHours(spec);
  const webCompute: FloorWebCompute = {
    demandVcpuHours: idle.demand,
    gbPerVcpu,
    vcpuHourUsd: spotVcpuHour,
    gbHourUsd: spotGbHour,
    monthlyUsd: idle.demand * (spotVcpuHour + gbPerVcpu * spotGbHour),
  };

  const [odVcpuId, odGbId, spotVcpuId, spotGbId] = fargateLineIds(web.id);
  const odVcpu = quantityOf(stack, odVcpuId);
  const odGb = quantityOf(stack, odGbId);
  const spotVcpu = quantityOf(stack, spotVcpuId);
  const spotGb = quantityOf(stack, spotGbId);
  const onDemandPremium = (1 - spotFactor) * (arm.vcpuHour.usd * odVcpu + arm.gbHour.usd * odGb);
  const architecturePremium =
    (own.vcpuHour.usd - arm.vcpuHour.usd) * (odVcpu + spotFactor * spotVcpu) +
    (own.gbHour.usd - arm.gbHour.usd) * (odGb + spotFactor * spotGb);

  const webLineIds = new Set(fargateLineIds(web.id));
  const workerLineIds = new Set(serviceList(spec).flatMap((s) => (s.role === "web" ? [] : fargateLineIds(s.id))));
  const lines: FloorLine[] = stack.lineItems
    .filter((item) => !webLineIds.has(item.id))
    .map((item) => {
      if (workerLineIds.has(item.id)) return { id: item.id, treatment: "workerCompute", floorUsd: item.monthlyUsd, gapUsd: 0 };
      const rule = FIXED_LINE_RULES[item.id] as FloorRule | undefined;
      if (!rule) return { id: item.id, treatment: "unclassified", floorUsd: 0, gapUsd: item.monthlyUsd };
      const floorUsd = rule.floorUsd(item, spec);
      return { id: item.id, treatment: rule.treatment, floorUsd, gapUsd: item.monthlyUsd - floorUsd };
    });
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const linesFloorUsd = sum(lines.map((l) => l.floorUsd));
  const unclassified = lines.filter((l) => l.treatment === "unclassified");

  const idleItem = (id: GapItemId & keyof IdleVcpuHours, description: string): GapItem => ({
    id,
    group: "idle compute",
    description,
    vcpuHours: idle[id],
    monthlyUsd: idle[id] * idleVcpuHourUsd,
  });
  const otherItem = (id: GapItemId, group: GapGroup, description: string, monthlyUsd: number): GapItem => ({
    id,
    group,
    description,
    vcpuHours: 0,
    monthlyUsd,
  });
  const gap: GapItem[] = [
    idleItem("cpuTarget", `latency headroom: the CPU target of ${web.cpuTargetPercent}% instead of 100%`),
    idleItem("requestPolicy", "latency headroom: the request-count policy asking for more tasks than the CPU target"),
    idleItem("wholeTasks", "rounding up to whole tasks"),
    idleItem("minimumTasks", `spike and failure headroom: the minimum task count (${web.minTasks}) above what the policies ask`),
    idleItem("offHoursMinimum", `the off-hours minimum task count (${web.offHoursMinTasks}) above what the policies ask`),
    idleItem("maximumTasks", `the maximum task count (${web.maxTasks}) capping what the policies ask`),
    otherItem(
      "memoryAboveMinimum",
      "idle compute",
      `task memory above Fargate's minimum (${taskGbPerVcpu} GB per vCPU instead of ${gbPerVcpu}) on the demand`,
      idle.demand * (taskGbPerVcpu - gbPerVcpu) * spotGbHour,
    ),
    otherItem("onDemandPremium", "on-demand premium", "on-demand FARGATE tasks at their price above Spot", onDemandPremium),
    otherItem(
      "architecturePremium",
      "architecture premium",
      `${spec.cpuArchitecture} at its price above ARM64 on every billed hour`,
      architecturePremium,
    ),
    otherItem(
      "designChoices",
      "design choices",
      "line items, or their part, no design needs",
      sum(lines.filter((l) => l.treatment === "designChoice" || l.treatment === "minimum").map((l) => l.gapUsd)),
    ),
    otherItem("unclassified", "unclassified", "line items without a floor rule", sum(unclassified.map((l) => l.gapUsd))),
  ];

  const monthlyUsd = webCompute.monthlyUsd + linesFloorUsd;
  const bestSavingsUsd = baseline.monthlyUsd - monthlyUsd;
  return {
    monthlyUsd,
    webCompute,
    linesFloorUsd,
    lines,
    stackMonthlyUsd: stack.monthlyUsd,
    baselineMonthlyUsd: baseline.monthlyUsd,
    gapUsd: sum(gap.map((item) => item.monthlyUsd)),
    gap,
    unclassifiedLineItems: unclassified.map((l) => l.id),
    bestSavingsPercent: (bestSavingsUsd / baseline.monthlyUsd) * 100,
    bestSavingsUsd,
    savingsCapturedPercent: ((baseline.monthlyUsd - stack.monthlyUsd) / bestSavingsUsd) * 100,
  };
}
