import { isOffHours, webMinTasksForHour, webSteadyStateTasks, webTasksForHour } from "../../../../lib/models/fleet/webTaskCount";
import { cpuPolicyTasks, requestPolicyTasks, steadyStateTasks } from "../../../../lib/models/fleet/steadyState";
import { legacyDevSpec, legacyProdSpec } from "../slo/fixtures";

describe("isOffHours", () => {
  it.each([
    [0, true, "Monday 00:00"],
    [6, true, "Monday 06:00, before the 07:00 ramp"],
    [7, false, "Monday 07:00, the ramp counts as business hours"],
    [19, false, "Monday 19:00, the evening ramp"],
    [20, true, "Monday 20:00"],
    [5 * 24 + 12, true, "Saturday noon"],
  ])("GIVEN business hours 09-18 with 2-hour ramps WHEN checking hour %i THEN off hours is %s (%s)", (hour, expected) => {
    expect(isOffHours(legacyDevSpec(), hour)).toBe(expected);
  });

  it("GIVEN business hours ending at 23 WHEN checking 23:00 THEN it is off hours, like the scheduled action that lowers the minimum at 23:00 at the latest", () => {
    const spec = legacyDevSpec({ workloadBusinessEndHour: "23" });
    expect(isOffHours(spec, 22)).toBe(false);
    expect(isOffHours(spec, 23)).toBe(true);
  });
});

describe("webMinTasksForHour", () => {
  it("GIVEN scheduled scaling WHEN asking for the minimum THEN it is offHoursMinTasks off hours and apiMinTasks otherwise", () => {
    const spec = legacyDevSpec({ apiMinTasks: "2", apiDesiredTasks: "2" });
    expect(webMinTasksForHour(spec, 0)).toBe(1);
    expect(webMinTasksForHour(spec, 9)).toBe(2);
  });

  it("GIVEN no scheduled scaling WHEN asking off hours THEN the minimum stays apiMinTasks", () => {
    expect(webMinTasksForHour(legacyProdSpec(), 0)).toBe(3);
  });
});

describe("webTasksForHour", () => {
  it("GIVEN legacy prod at the Monday 09:00 peak (2.5 vCPU of demand, 0.5 vCPU tasks at 60%) WHEN counting tasks THEN it is ceil(2.5 / 0.3) = 9", () => {
    expect(webTasksForHour(legacyProdSpec(), 9)).toBe(9);
  });

  it("GIVEN legacy prod at night (0.25 vCPU of demand) WHEN counting tasks THEN the minimum of 3 holds", () => {
    expect(webTasksForHour(legacyProdSpec(), 0)).toBe(3);
  });

  it("GIVEN legacy dev at the peak WHEN counting tasks THEN the maximum of 4 caps the 17 the target asks for", () => {
    expect(webTasksForHour(legacyDevSpec(), 9)).toBe(4);
  });

  it("GIVEN an explicit rate WHEN counting tasks THEN it is used instead of the profile's", () => {
    expect(webTasksForHour(legacyProdSpec(), 9, 600)).toBe(20);
  });
});

describe("the request-count policy in the steady state", () => {
  it("GIVEN 1 vCPU tasks at 60% and 1200 requests per task per minute WHEN counting tasks at the 250-rps peak THEN the request policy's ceil(250 x 60 / 1200) = 13 beats the CPU policy's ceil(2.5 / 0.6) = 5", () => {
    const spec = legacyDevSpec({ apiCpu: "1024", apiMemory: "2048", apiMaxTasks: "40" });
    expect(cpuPolicyTasks(2.5, 1, 60)).toBe(5);
    expect(requestPolicyTasks(250, 1200)).toBe(13);
    expect(webTasksForHour(spec, 9)).toBe(13);
  });

  it("GIVEN a request-count target the CPU policy out-asks (legacy prod: 2400 per minute is 40 rps, 0.5 vCPU at 60% is 30) WHEN counting tasks THEN the CPU policy sets the count", () => {
    expect(webSteadyStateTasks(legacyProdSpec(), 250, 3)).toBe(9);
  });

  it("GIVEN the maximum WHEN the request policy asks for more THEN the count stops at the maximum", () => {
    expect(webSteadyStateTasks(legacyDevSpec({ apiCpu: "1024", apiMemory: "2048", apiMaxTasks: "10" }), 250, 1)).toBe(10);
  });

  it("GIVEN rates that are exact multiples of the target WHEN rounding THEN float noise adds no task: 60 rps at 3600 per minute and (0.1 + 0.2) rps at 18 per minute are 1 task each", () => {
    expect(requestPolicyTasks(60, 3600)).toBe(1);
    expect(requestPolicyTasks(0.1 + 0.2, 18)).toBe(1);
    expect(cpuPolicyTasks(0.1 + 0.2, 0.5, 60)).toBe(1);
  });

  it("GIVEN no other policy WHEN computing the steady state THEN it is the CPU policy's ask, clamped", () => {
    expect(steadyStateTasks(2.5, 0.5, 60, 3, 24)).toBe(9);
    expect(steadyStateTasks(2.5, 0.5, 60, 3, 24, 12)).toBe(12);
  });
});
