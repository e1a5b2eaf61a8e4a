import { ConfigError } from "../../../../lib/config/source";
import { ALL_BASELINE_ASPECTS, baselineSpec, revertToBaseline } from "../../../../lib/models/cost/baseline";
import { estimateMonthlyCost } from "../../../../lib/models/cost/estimate";
import { BaselineSpec } from "../../../../lib/spec";
import { apiOf, devSpec, lineItem, prodSpec, stagingSpec, workerOf } from "./fixtures";

/** The setup deployed for the deadline: the baseline* keys' defaults, the same in every environment. */
const DEFAULT_BASELINE: BaselineSpec = {
  services: {
    api: { tasks: 6, cpu: 1024, memory: 2048 },
    worker: { tasks: 2, cpu: 1024, memory: 2048 },
  },
  architecture: "X86_64",
  availabilityZoneCount: 3,
  natGateways: "perAz",
  logRetentionDays: 0,
  logClass: "STANDARD",
  containerInsights: "enabled",
};

describe("baseline settings", () => {
  it("GIVEN no baseline* key set WHEN a stack is resolved THEN cost.baseline is the setup deployed for the deadline, in every environment", () => {
    expect(devSpec().cost.baseline).toEqual(DEFAULT_BASELINE);
    expect(stagingSpec().cost.baseline).toEqual(DEFAULT_BASELINE);
    expect(prodSpec().cost.baseline).toEqual(DEFAULT_BASELINE);
  });

  it("GIVEN one baseline key set and another set to an empty value WHEN resolved THEN the set one is used and the defaults fill every gap", () => {
    // GIVEN baselineApiTasks = 3 and baselineApiCpu = "" (an empty value means unset)
    const spec = devSpec({ baselineApiTasks: "3", baselineApiCpu: "" });
    // THEN only the API's baseline task count differs from the defaults
    expect(spec.cost.baseline).toEqual({
      ...DEFAULT_BASELINE,
      services: { ...DEFAULT_BASELINE.services, api: { tasks: 3, cpu: 1024, memory: 2048 } },
    });
  });
});

describe("baselineSpec", () => {
  it("turns the optimized dev spec into the fixed X86_64 on-demand fleet", () => {
    // GIVEN the default dev stack WHEN its baseline is derived
    const optimized = devSpec();
    const baseline = baselineSpec(optimized);
    // THEN sizing, capacity, network and observability are the baseline's, and everything else is the stack's
    expect(baseline.cpuArchitecture).toBe("X86_64");
    expect(Object.keys(baseline.services)).toEqual(["api", "worker"]);
    expect(apiOf(baseline)).toEqual({
      ...apiOf(optimized),
      cpu: 1024,
      memory: 2048,
      minTasks: 6,
      maxTasks: 6,
      desiredTasks: 6,
      onDemandBase: 0,
      onDemandWeight: 1,
      spotWeight: 0,
      scheduledScaling: false,
      predictiveScaling: "off",
    });
    expect(workerOf(baseline)).toEqual({
      ...workerOf(optimized),
      cpu: 1024,
      memory: 2048,
      minTasks: 2,
      maxTasks: 2,
      desiredTasks: 2,
      onDemandBase: 0,
      onDemandWeight: 1,
      spotWeight: 0,
    });
    expect(baseline.network).toEqual({
      ...optimized.network,
      availabilityZoneCount: 3,
      natGateways: "perAz",
      interfaceEndpointsSetting: "off",
      interfaceEndpoints: false,
    });
    // the fast-scaling machinery goes with autoscaling: dev's step scaling ("auto": one step 10 points above
    // its 35% CPU target, adding 200%) is dropped with its 20-second metrics
    expect(optimized.scaling.stepScaling).toEqual({ evaluationPeriods: 1, steps: [{ fromCpuPercent: 45, addPercent: 200 }] });
    expect(baseline.scaling).toEqual({
      ...optimized.scaling,
      highResolutionMetrics: false,
      stepScaling: null,
    });
    expect(baseline.observability).toEqual({
      ...optimized.observability,
      logRetentionDays: 0,
      logClass: "STANDARD",
      containerInsights: "enabled",
    });
    expect(baseline.workload).toEqual(optimized.workload);
    expect(baseline.loadBalancer).toEqual(optimized.loadBalancer);
    expect(baseline.tags).toEqual(optimized.tags);
  });

  it("costs 6 + 2 tasks of 1 vCPU / 2 GB X86_64 on-demand and 3 NAT gateways", () => {
    // GIVEN the dev baseline WHEN costed
    const estimate = estimateMonthlyCost(baselineSpec(devSpec()));
    // THEN API 4380 vCPU-h x $0.04048 and 8760 GB-h x $0.004445; worker 1460 and 2920; 3 NATs; 6 public IPv4
    expect(lineItem(estimate, "api-ondemand-vcpu").monthlyUsd).toBeCloseTo(177.3024, 9);
    expect(lineItem(estimate, "api-ondemand-memory").monthlyUsd).toBeCloseTo(38.9382, 9);
    expect(lineItem(estimate, "worker-ondemand-vcpu").monthlyUsd).toBeCloseTo(59.1008, 9);
    expect(lineItem(estimate, "worker-ondemand-memory").monthlyUsd).toBeCloseTo(12.9794, 9);
    expect(lineItem(estimate, "api-spot-vcpu").monthlyUsd).toBe(0);
    expect(lineItem(estimate, "nat-hours").monthlyUsd).toBeCloseTo(98.55, 9);
    expect(lineItem(estimate, "public-ipv4").monthlyUsd).toBeCloseTo(21.9, 9);
    expect(lineItem(estimate, "alarms-high-resolution").monthlyUsd).toBe(0);
  });

  it("is the same baseline for dev and prod: it depends on the workload, not the environment's choices", () => {
    expect(estimateMonthlyCost(baselineSpec(devSpec())).monthlyUsd).toBeCloseTo(
      estimateMonthlyCost(baselineSpec(prodSpec())).monthlyUsd,
      9,
    );
  });

  it("applies the baseline* config key overrides", () => {
    // GIVEN every baseline key set on the stack
    const spec = devSpec({
      baselineApiTasks: "4",
      baselineApiCpu: "2048",
      baselineApiMemory: "4096",
      baselineWorkerTasks: "1",
      baselineWorkerCpu: "512",
      baselineWorkerMemory: "1024",
      baselineArchitecture: "ARM64",
      baselineAvailabilityZoneCount: "2",
      baselineNatGateways: "single",
      baselineLogRetentionDays: "30",
      baselineLogClass: "INFREQUENT_ACCESS",
      baselineContainerInsights: "disabled",
    });
    // WHEN the baseline is derived
    const baseline = baselineSpec(spec);
    // THEN each override shows up in it
    const [api, worker] = [apiOf(baseline), workerOf(baseline)];
    expect([api.cpu, api.memory, api.minTasks, api.maxTasks]).toEqual([2048, 4096, 4, 4]);
    expect([worker.cpu, worker.memory, worker.desiredTasks]).toEqual([512, 1024, 1]);
    expect(baseline.cpuArchitecture).toBe("ARM64");
    expect([baseline.network.availabilityZoneCount, baseline.network.natGateways]).toEqual([2, "single"]);
    expect(baseline.observability).toMatchObject({
      logRetentionDays: 30,
      logClass: "INFREQUENT_ACCESS",
      containerInsights: "disabled",
    });
  });

  it("rejects a baseline task size Fargate does not offer", () => {
    // GIVEN 1 vCPU with 512 MiB WHEN the config is resolved THEN the error names the key and the valid sizes
    expect(() => devSpec({ baselineApiMemory: "512" })).toThrow(ConfigError);
    expect(() => devSpec({ baselineWorkerCpu: "300" })).toThrow(/baselineWorkerCpu = 300: must be a Fargate CPU size/);
    expect(() => devSpec({ baselineApiMemory: "512" })).toThrow(
      /baselineApiMemory = 512: is not a valid Fargate memory for baselineApiCpu=1024/,
    );
  });
});

describe("revertToBaseline", () => {
  it("changes only the named aspects", () => {
    // GIVEN the dev stack WHEN only the architecture is reverted THEN nothing else changes
    const spec = devSpec();
    expect(revertToBaseline(spec, ["architecture"])).toEqual({ ...spec, cpuArchitecture: "X86_64" });
    expect(revertToBaseline(spec, [])).toBe(spec);
  });

  it("gives the same spec whatever the order of the aspects", () => {
    // GIVEN the prod stack WHEN all aspects are reverted in reverse order THEN the result is the baseline
    const spec = prodSpec();
    expect(revertToBaseline(spec, [...ALL_BASELINE_ASPECTS].reverse())).toEqual(baselineSpec(spec));
  });
});
