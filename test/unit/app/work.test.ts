/** The emulated workload (app/src/work.ts), the abortable sleep (app/src/clock.ts) and the shard function (app/src/shards.ts). */
import { randomUUID } from "crypto";
import { sleep, systemClock } from "../../../app/src/clock";
import { TABLE } from "../../../app/src/contract";
import { PENDING_SHARDS, shardOf } from "../../../app/src/shards";
import { burnCpu, cpuTimeMs, downstreamCall, emulatedWork } from "../../../app/src/work";

describe("emulated work", () => {
  it("GIVEN a clock that advances 5 ms per reading WHEN 20 ms are burnt THEN it hashes at the readings 5, 10 and 15: exactly 3 times", () => {
    let t = 0;
    expect(
      burnCpu(20, () => {
        const now = t;
        t += 5;
        return now;
      }),
    ).toBe(3);
  });

  it("GIVEN 0 ms THEN nothing is burnt", () => {
    expect(burnCpu(0)).toBe(0);
  });

  it("GIVEN 15 ms THEN at least 15 ms of the process's CPU time pass, however busy the machine", () => {
    const before = cpuTimeMs();
    emulatedWork.cpu(15);
    expect(cpuTimeMs() - before).toBeGreaterThanOrEqual(15);
  });

  it("GIVEN a downstream call of 20 ms THEN it resolves after 20 ms, on a timer", async () => {
    const started = performance.now();
    await downstreamCall(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    await expect(emulatedWork.downstream(1)).resolves.toBeUndefined();
  });
});

describe("sleep", () => {
  it("GIVEN no abort THEN it resolves after the time", async () => {
    const started = performance.now();
    await sleep(15, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(14);
    expect(systemClock.now()).toBeCloseTo(Date.now(), -2);
  });

  it("GIVEN an abort while sleeping THEN it resolves at once", async () => {
    const stop = new AbortController();
    const started = performance.now();
    const slept = sleep(10_000, stop.signal);
    stop.abort();
    await slept;
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("GIVEN an already-aborted signal THEN it resolves at once", async () => {
    const started = performance.now();
    await sleep(10_000, AbortSignal.abort());
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("pending shards", () => {
  it('GIVEN the contract\'s shard count THEN the shard values are "0" to "7"', () => {
    expect(PENDING_SHARDS).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
    expect(PENDING_SHARDS).toHaveLength(TABLE.pendingShards);
  });

  it("GIVEN one id THEN its shard is always the same", () => {
    expect(shardOf("3243f420-d354-4825-81bf-16ee3c9f7a54")).toBe(shardOf("3243f420-d354-4825-81bf-16ee3c9f7a54"));
  });

  it("GIVEN 8,000 random ids THEN every shard gets between 800 and 1,200", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 8000; i += 1) {
      const shard = shardOf(randomUUID());
      counts.set(shard, (counts.get(shard) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(PENDING_SHARDS);
    for (const count of counts.values()) expect(count).toBeGreaterThan(800);
    for (const count of counts.values()) expect(count).toBeLessThan(1200);
  });
});
