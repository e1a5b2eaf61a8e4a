/**
 * The driver with scripted exchanges (no network): open loop (sends do not wait for answers),
 * latency from the due time, every request settled by its due time plus the timeout.
 */
import { arrivalSchedule } from "../../../lib/loadtest/arrivalSchedule";
import { runOpenLoop } from "../../../lib/loadtest/openLoop";

/** Resolves when `condition` holds, polling every millisecond (fails the test by its timeout otherwise). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe("runOpenLoop", () => {
  it("GIVEN answers held back WHEN the schedule runs THEN all 10 requests are sent anyway, and each is timed from its due time", async () => {
    const held: Array<(status: number) => void> = [];
    const run = runOpenLoop(arrivalSchedule(100, 0.1), 5000, () => new Promise<number>((answer) => held.push(answer)));
    // A closed loop would stop at one request here: none has been answered.
    await until(() => held.length === 10);
    for (const answer of held) answer(200);
    const { tally, elapsedMs } = await run;
    expect([tally.responses, tally.timeouts, tally.failures(), [...tally.statuses]]).toEqual([10, 0, 0, [[200, 10]]]);
    const latencies = [...tally.latencies()];
    // All answered at one moment: the earlier a request was due, the longer it waited; the first was due 90 ms before the last was sent.
    expect(latencies.every((latency, i) => i === 0 || latency < latencies[i - 1])).toBe(true);
    expect(latencies[0]).toBeGreaterThanOrEqual(90);
    expect(elapsedMs).toBeGreaterThanOrEqual(90);
  });

  it("GIVEN exchanges that never answer THEN each is aborted and counted as a timeout at its due time + timeout, and late answers are ignored", async () => {
    const signals: AbortSignal[] = [];
    const late: Array<(status: number) => void> = [];
    const run = await runOpenLoop(arrivalSchedule(100, 0.03), 30, (index, signal) => {
      signals.push(signal);
      if (index === 0) return new Promise<number>((answer) => late.push(answer)); // ignores the signal
      if (index === 1)
        return new Promise<number>((_, fail) => signal.addEventListener("abort", () => fail(new Error("aborted"))));
      return Promise.resolve(201);
    });
    expect([run.tally.timeouts, run.tally.responses, run.tally.errors.size]).toEqual([2, 1, 0]);
    expect(signals.map((s) => s.aborted)).toEqual([true, true, false]);
    // Request 1 was due at 10 ms and timed out 30 ms later: never earlier, although Node's timers may
    // fire early (the driver sets a timer that fires before its time again for the rest).
    expect(run.elapsedMs).toBeGreaterThanOrEqual(40);
    late[0](200);
    await new Promise((resolve) => setImmediate(resolve));
    expect([run.tally.timeouts, run.tally.responses]).toEqual([2, 1]);
  });

  it("GIVEN a timeout timer that fires before due + timeout (Node keeps whole milliseconds, and fake timers floor 30.5 to 30) THEN the request is not a timeout until 30.5 ms", async () => {
    jest.useFakeTimers();
    try {
      let settled = false;
      const run = runOpenLoop(arrivalSchedule(100, 0.01), 30.5, () => new Promise<number>(() => undefined));
      void run.then(() => (settled = true));
      await jest.advanceTimersByTimeAsync(30);
      // The timer fired at 30 ms and was set again for the last half millisecond.
      expect([settled, jest.getTimerCount()]).toEqual([false, 1]);
      await jest.advanceTimersByTimeAsync(1);
      const { tally, elapsedMs } = await run;
      expect([tally.timeouts, tally.responses, elapsedMs]).toEqual([1, 0, 31]);
    } finally {
      jest.useRealTimers();
    }
  });

  it("GIVEN due times of its own (the latency benchmark's Poisson arrivals) THEN each request is sent at its own due time, not at i / rps", async () => {
    jest.useFakeTimers();
    try {
      const due = [0, 2, 25];
      const sentAt: number[] = [];
      const origin = performance.now();
      const run = runOpenLoop(
        arrivalSchedule(100, 0.03),
        1000,
        () => {
          sentAt.push(performance.now() - origin);
          return Promise.resolve(201);
        },
        (index) => due[index],
      );
      await jest.advanceTimersByTimeAsync(25);
      const { tally, elapsedMs } = await run;
      expect([sentAt, [...tally.latencies()], elapsedMs]).toEqual([due, [0, 0, 0], 25]);
    } finally {
      jest.useRealTimers();
    }
  });

  it("GIVEN an exchange that rejects and one that throws THEN both are transport errors by code, and no timeout follows", async () => {
    const run = await runOpenLoop(arrivalSchedule(1000, 0.003), 20, (index) => {
      if (index === 0) return Promise.reject(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }));
      if (index === 1) throw new TypeError("bad call");
      return Promise.resolve(500);
    });
    expect([...run.tally.errors]).toEqual([
      ["ECONNREFUSED", 1],
      ["TypeError", 1],
    ]);
    expect([run.tally.timeouts, run.tally.statusClasses()["5xx"], run.tally.failures()]).toEqual([0, 1, 3]);
  });

  it("GIVEN the client's event loop blocked past the next due times THEN those requests go out at once, late, and the lag is reported", async () => {
    const sentAt: number[] = [];
    const run = await runOpenLoop(arrivalSchedule(100, 0.03), 1000, (index) => {
      sentAt.push(index);
      if (index === 0) {
        const until = performance.now() + 35;
        while (performance.now() < until); // request 1 was due at 10 ms, request 2 at 20 ms
      }
      return Promise.resolve(200);
    });
    expect([sentAt, run.tally.responses]).toEqual([[0, 1, 2], 3]);
    expect(run.maxSendLagMs).toBeGreaterThanOrEqual(25);
    // Timed from the due time, so request 1's latency includes the 25 ms the client held it.
    expect(Math.max(...run.tally.latencies())).toBeGreaterThanOrEqual(25);
  });

  it("GIVEN the client blocked past later requests' deadlines THEN those are still settled, as timeouts", async () => {
    const run = await runOpenLoop(arrivalSchedule(100, 0.03), 15, (index) => {
      if (index > 0) return new Promise<number>(() => undefined);
      const until = performance.now() + 40;
      while (performance.now() < until); // requests 1 and 2 were due at 10 and 20 ms: past 25 and 35 ms
      return Promise.resolve(201);
    });
    expect([run.tally.responses, run.tally.timeouts]).toEqual([1, 2]);
  });
});
