import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UsageError } from "../../../lib/commands/cli";
import { CSV_COLUMNS, parseTaskMetricsCsv, readTaskMetricsCsv } from "../../../lib/commands/metricsCsv";

const HEADER = CSV_COLUMNS.join(",");
const parse = (text: string) => () => parseTaskMetricsCsv(text, "m.csv");

describe("parseTaskMetricsCsv", () => {
  it("GIVEN a header and two rows with CRLF and a blank line WHEN parsing THEN each row becomes a sample", () => {
    const text = `${HEADER}\r\n2026-11-02T09:00:00Z,task-a,301.5,512,388,1024\r\n\r\n2026-11-02T09:01:00.250+01:00,task-b,0,512,390,1024\r\n`;
    expect(parseTaskMetricsCsv(text, "m.csv")).toEqual([
      {
        timestamp: Date.UTC(2026, 10, 2, 9, 0, 0),
        taskId: "task-a",
        cpuUtilizedUnits: 301.5,
        cpuReservedUnits: 512,
        memoryUtilizedMiB: 388,
        memoryReservedMiB: 1024,
      },
      {
        timestamp: Date.UTC(2026, 10, 2, 8, 1, 0, 250),
        taskId: "task-b",
        cpuUtilizedUnits: 0,
        cpuReservedUnits: 512,
        memoryUtilizedMiB: 390,
        memoryReservedMiB: 1024,
      },
    ]);
  });

  it.each([
    [
      "",
      /^m\.csv is empty: expected the header line "timestamp,taskId,cpuUtilizedUnits,cpuReservedUnits,memoryUtilizedMiB,memoryReservedMiB"/,
    ],
    ["\n \n", /^m\.csv is empty/],
    [`${HEADER}\n`, /^m\.csv line 2: no data rows after the header$/],
    ["timestamp,task,cpuUtilizedUnits\n", /^m\.csv line 1, column 2 \(taskId\): expected header "taskId", found "task"/],
    ["timestamp,taskId\n", /^m\.csv line 1, column 3 \(cpuUtilizedUnits\): expected header "cpuUtilizedUnits", found nothing/],
    [`${HEADER},extra\n`, /^m\.csv line 1, column 7: unexpected extra column "extra"/],
    [`${HEADER}\n2026-11-02T09:00:00Z,a,1,512,1\n`, /^m\.csv line 2: expected 6 comma-separated columns .*, found 5$/],
    [
      `${HEADER}\n2026-11-02 09:00,a,1,512,1,1024\n`,
      /^m\.csv line 2, column 1 \(timestamp\): "2026-11-02 09:00" is not an ISO 8601 time/,
    ],
    [
      `${HEADER}\n2026-13-45T09:00:00Z,a,1,512,1,1024\n`,
      /^m\.csv line 2, column 1 \(timestamp\): "2026-13-45T09:00:00Z" is not an ISO 8601 time/,
    ],
    [`${HEADER}\n2026-11-02T09:00:00Z,,1,512,1,1024\n`, /^m\.csv line 2, column 2 \(taskId\): the task id is empty$/],
    [
      `${HEADER}\n2026-11-02T09:00:00Z,a,1,512,1,1024\n2026-11-02T09:01:00Z,a,abc,512,1,1024\n`,
      /^m\.csv line 3, column 3 \(cpuUtilizedUnits\): "abc" is not a number >= 0$/,
    ],
    [
      `${HEADER}\n2026-11-02T09:00:00Z,a,1,512,-4,1024\n`,
      /^m\.csv line 2, column 5 \(memoryUtilizedMiB\): "-4" is not a number >= 0$/,
    ],
    [
      `${HEADER}\n2026-11-02T09:00:00Z,a,1,0,1,1024\n`,
      /^m\.csv line 2, column 4 \(cpuReservedUnits\): must be > 0 \(it is the task size\)$/,
    ],
    [`${HEADER}\n2026-11-02T09:00:00Z,a,1,512,1,0\n`, /^m\.csv line 2, column 6 \(memoryReservedMiB\): must be > 0/],
  ])("GIVEN a bad file (%#) WHEN parsing THEN a usage error names the line and column", (text, message) => {
    expect(parse(text)).toThrow(UsageError);
    expect(parse(text)).toThrow(message);
  });
});

describe("readTaskMetricsCsv", () => {
  it("GIVEN the shipped example WHEN reading it THEN it holds 360 samples of 3 tasks measured on 1 vCPU / 2 GiB", () => {
    const samples = readTaskMetricsCsv(path.join(__dirname, "../../../examples/task-metrics.csv"));
    expect(samples).toHaveLength(360);
    expect(new Set(samples.map((s) => s.taskId)).size).toBe(3);
    expect(new Set(samples.map((s) => `${s.cpuReservedUnits}/${s.memoryReservedMiB}`))).toEqual(new Set(["1024/2048"]));
  });

  it("GIVEN a missing file WHEN reading it THEN a usage error names it", () => {
    const missing = path.join(os.tmpdir(), "no-such-metrics.csv");
    expect(() => readTaskMetricsCsv(missing)).toThrow(
      new RegExp(`^cannot read --metrics file ${missing.replace(/[.]/g, "\\.")}: ENOENT`),
    );
  });

  it("GIVEN a file with a bad row WHEN reading it THEN the message names the file path", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "metrics-")), "bad.csv");
    fs.writeFileSync(file, `${HEADER}\n2026-11-02T09:00:00Z,a,x,512,1,1024\n`);
    expect(() => readTaskMetricsCsv(file)).toThrow(`${file} line 2, column 3 (cpuUtilizedUnits): "x" is not a number >= 0`);
  });
});
