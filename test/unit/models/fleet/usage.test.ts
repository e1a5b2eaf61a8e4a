import { serviceUsage, tasksByHour, usageFromHourlyTasks } from "../../../../lib/models/fleet/usage";
import { PlatformSpec } from "../../../../lib/spec";
import {
  apiOf,
  devSpec,
  flatSpec,
  legacyDevSpec,
  SPLIT_FLEET,
  withApi,
  withWorker,
  withWorkload,
  workerOf,
} from "../cost/fixtures";

const apiTasksByHour = (spec: PlatformSpec) => tasksByHour(spec, apiOf(spec));
const workerTasksByHour = (spec: PlatformSpec) => tasksByHour(spec, workerOf(spec));

describe("tasksByHour of the web service (the API)", () => {
  it("uses the target-tracking steady state every hour", () => {
    // GIVEN 1 vCPU of demand all week and 0.5 vCPU tasks tracking 50% CPU
    const spec = withApi(flatSpec(), { cpu: 512, memory: 1024, minTasks: 1, maxTasks: 10 });
    // WHEN the hourly counts are computed THEN each hour needs 1 / (0.5 x 0.5) = 4 tasks
    expect(apiTasksByHour(spec)).toEqual(Array(168).fill(4));
  });

  it("takes the request-count policy when it asks for more than the CPU policy", () => {
    // GIVEN the same 0.5 vCPU tasks at 50% CPU (4 tasks) and a request-count target of 1200 per task per minute
    const spec = withApi(flatSpec(), { cpu: 512, memory: 1024, minTasks: 1, maxTasks: 10, requestsPerTargetPerMinute: 1200 });
    // WHEN the hourly counts are computed THEN each hour runs ceil(100 x 60 / 1200) = 5 tasks
    expect(apiTasksByHour(spec)).toEqual(Array(168).fill(5));
  });

  it("never exceeds the maximum", () => {
    // GIVEN the same demand with at most 3 tasks
    const spec = withApi(flatSpec(), { cpu: 512, memory: 1024, minTasks: 1, maxTasks: 3 });
    // THEN every hour is capped at 3
    expect(new Set(apiTasksByHour(spec))).toEqual(new Set([3]));
  });

  it("runs the off-hours minimum outside business hours with scheduled scaling (weekdays 07:00-20:00 are on hours)", () => {
    // GIVEN almost no demand, minimum 3, off-hours minimum 1
    const spec = withWorkload(
      withApi(legacyDevSpec(), { minTasks: 3, maxTasks: 10, scheduledScaling: true, offHoursMinTasks: 1 }),
      {
        peakRps: 1,
        nightRps: 1,
        cpuMsPerRequest: 1,
      },
    );
    // WHEN the week is laid out
    const tasks = apiTasksByHour(spec);
    // THEN weekdays run 3 tasks from 07:00 to 20:00 (13 h) and 1 otherwise: 5 x 13 x 3 + 103 x 1 = 298 task-hours
    expect(tasks.slice(0, 24)).toEqual([1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1]);
    expect(tasks.reduce((a, b) => a + b, 0)).toBe(298);
  });
});

describe("tasksByHour of a worker", () => {
  it.each([
    [0.1, 0, 2, 1],
    [0.1, 2, 4, 2],
    [0, 0, 2, 0],
    [1, 0, 2, 2],
  ])("demand %d vCPU with min %i max %i runs %i tasks all week", (demand, min, max, expected) => {
    // GIVEN 0.25 vCPU worker tasks tracking 70% CPU
    const spec = withWorker(devSpec(), {
      cpu: 256,
      memory: 512,
      minTasks: min,
      maxTasks: max,
      cpuTargetPercent: 70,
      vcpuDemand: demand,
    });
    // WHEN the week is laid out THEN ceil(demand / 0.175) clamped to [min, max] runs every hour
    expect(workerTasksByHour(spec)).toEqual(Array(168).fill(expected));
  });
});

describe("serviceUsage and usageFromHourlyTasks", () => {
  it("splits task-hours by capacity provider and counts Spot and deployment starts", () => {
    // GIVEN 4 API tasks every hour, base 1 on FARGATE, then 1:3 FARGATE:FARGATE_SPOT
    const spec = withApi(flatSpec(), SPLIT_FLEET);
    // WHEN the month's usage is computed
    const usage = serviceUsage(spec, apiOf(spec));
    // THEN 2 on-demand (base + ceil(3/4)) and 2 Spot tasks run 730 h each; no scale-outs;
    // Spot replacements 1460 / 24; deployments 20 x 4 average tasks
    expect(usage.onDemandTaskHours).toBeCloseTo(1460, 9);
    expect(usage.spotTaskHours).toBeCloseTo(1460, 9);
    expect(usage.averageTasks).toBeCloseTo(4, 9);
    expect(usage.scalingStarts).toBe(0);
    expect(usage.spotReplacementStarts).toBeCloseTo(60.833333333, 6);
    expect(usage.deploymentStarts).toBeCloseTo(80, 9);
    expect(usage.taskStarts).toBeCloseTo(140.833333333, 6);
  });

  it("counts scale-outs hour over hour, the week wrapping around", () => {
    // GIVEN a service at 1 task except 3 tasks in hours 10-11 and 2 tasks in hour 167, all on-demand
    const tasks = Array(168).fill(1);
    tasks[10] = 3;
    tasks[11] = 3;
    tasks[167] = 2;
    const sizing = { ...apiOf(flatSpec()), onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 };
    // WHEN usage is computed
    const usage = usageFromHourlyTasks(tasks, sizing);
    // THEN rises are +2 (hour 10) and +1 (hour 167): 3 per week, x 730/168 per month
    expect(usage.scalingStarts).toBeCloseTo((3 * 730) / 168, 9);
    expect(usage.spotTaskHours).toBe(0);
    // 165 hours at 1 + 3 + 3 + 2 = 173 task-hours a week
    expect(usage.onDemandTaskHours).toBeCloseTo((173 * 730) / 168, 9);
  });

  it("runs the worker from its own sizing", () => {
    // GIVEN the flat spec's fixed single worker WHEN its usage is computed THEN 730 on-demand task-hours and 20 deployment starts
    const usage = serviceUsage(flatSpec(), workerOf(flatSpec()));
    expect(usage.onDemandTaskHours).toBeCloseTo(730, 9);
    expect(usage.taskStarts).toBeCloseTo(20, 9);
  });
});
