import { TaskMetricSample } from "../../../../lib/models/search/rightsize";
import { LOOKBACK_DAYS, MIN_HOURS_OF_DATA, rightsizeConfidence } from "../../../../lib/models/search/rightsizeConfidence";

const START = Date.UTC(2026, 10, 2, 0, 0);
const HOUR = 3_600_000;

function sample(hoursAfterStart: number, overrides: Partial<TaskMetricSample> = {}): TaskMetricSample {
  return {
    timestamp: START + hoursAfterStart * HOUR,
    taskId: "task-a",
    cpuUtilizedUnits: 200,
    cpuReservedUnits: 512,
    memoryUtilizedMiB: 400,
    memoryReservedMiB: 1024,
    ...overrides,
  };
}

/** One sample an hour for `hours` hours after the first, both ends included. */
const hourly = (hours: number) => Array.from({ length: hours + 1 }, (_, h) => sample(h));

describe("rightsize confidence", () => {
  it("GIVEN Compute Optimizer's figures WHEN reading the thresholds THEN the lookback is 14 days and the minimum 24 hours of data", () => {
    expect([LOOKBACK_DAYS, MIN_HOURS_OF_DATA]).toEqual([14, 24]);
  });

  it("GIVEN a single sample WHEN judging the confidence THEN it is low: no span and 1 hour of data, each with its warning", () => {
    expect(rightsizeConfidence([sample(0)])).toEqual({
      confidence: {
        level: "low",
        reasons: ["series spans 0.0 hours, under the 14-day lookback", "1 hour of data, under 24"],
      },
      warnings: [
        "The samples span 0.0 hours (first to last), under the 14-day lookback Compute Optimizer uses for Fargate: a weekly peak may be missing. Collect 14 days (--from-cloudwatch --days 14, or a 14-day CSV export).",
        "1 sample covers 1 clock hour, under the 24 hours of data Compute Optimizer requires before it recommends a Fargate size: too little to size from. Collect at least 24 hours, ideally 14 days (--from-cloudwatch --days 14).",
      ],
    });
  });

  it("GIVEN one sample an hour for exactly 14 days WHEN judging the confidence THEN it is high with no reason and no warning", () => {
    expect(rightsizeConfidence(hourly(14 * 24))).toEqual({ confidence: { level: "high", reasons: [] }, warnings: [] });
  });

  it("GIVEN 3 days of hourly samples WHEN judging the confidence THEN it is medium: enough data, a short lookback (days above two days)", () => {
    expect(rightsizeConfidence(hourly(72))).toEqual({
      confidence: { level: "medium", reasons: ["series spans 3.0 days, under the 14-day lookback"] },
      warnings: [
        "The samples span 3.0 days (first to last), under the 14-day lookback Compute Optimizer uses for Fargate: a weekly peak may be missing. Collect 14 days (--from-cloudwatch --days 14, or a 14-day CSV export).",
      ],
    });
  });

  it("GIVEN 14 days with samples in only 23 distinct hours WHEN judging the confidence THEN 23 hours of data is under 24: low", () => {
    const series = [...Array.from({ length: 22 }, (_, h) => sample(h)), sample(14 * 24)];
    expect(rightsizeConfidence(series).confidence).toEqual({ level: "low", reasons: ["23 hours of data, under 24"] });
  });

  it("GIVEN 14 dense days where two samples use more CPU than reserved WHEN judging the confidence THEN it is low and the warning names the worst sample's numbers", () => {
    const series = hourly(14 * 24);
    series[5] = sample(5, { cpuUtilizedUnits: 600 });
    series[9] = sample(9, { cpuUtilizedUnits: 900, taskId: "task-b" });
    expect(rightsizeConfidence(series)).toEqual({
      confidence: {
        level: "low",
        reasons: ["CPU used above reserved in 2 of 337 samples (up to 900 CPU units used of 512 reserved)"],
      },
      warnings: [
        '2 of 337 samples use more CPU than reserved (up to 900 CPU units used of 512 reserved, task task-b at 2026-11-02T09:00:00.000Z); a Fargate task cannot use more than its task-level CPU, so cpuReservedUnits is not the task-level size (a container\'s reservation?) or the data is wrong. Export the Container Insights Type = "Task" events (docs/slo-model.md) and run again.',
      ],
    });
  });

  it("GIVEN 14 dense days where two samples use more memory than reserved, the worse first WHEN judging the confidence THEN it is low and the warning names the first one and memoryReservedMiB", () => {
    const series = hourly(14 * 24);
    series[0] = sample(0, { memoryUtilizedMiB: 1100 });
    series[3] = sample(3, { memoryUtilizedMiB: 1050 });
    expect(rightsizeConfidence(series)).toEqual({
      confidence: {
        level: "low",
        reasons: ["memory used above reserved in 2 of 337 samples (up to 1100 MiB used of 1024 reserved)"],
      },
      warnings: [
        '2 of 337 samples use more memory than reserved (up to 1100 MiB used of 1024 reserved, task task-a at 2026-11-02T00:00:00.000Z); a Fargate task cannot use more than its task-level memory, so memoryReservedMiB is not the task-level size (a container\'s reservation?) or the data is wrong. Export the Container Insights Type = "Task" events (docs/slo-model.md) and run again.',
      ],
    });
  });
});
