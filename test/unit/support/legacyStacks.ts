/**
 * The dev and prod stacks as they were before the defaults took the optimizer's recommendations,
 * pinned key by key (every per-environment key the cost and SLO models read). The cost and capacity
 * tests of the models' mechanics are written against them, so their hand-checked numbers stay put
 * whatever the defaults become. interfaceEndpoints is `auto` (NAT-only for both at this traffic).
 * Legacy dev: at most 4 API tasks of 0.25 vCPU / 0.5 GB, all Spot, 60% CPU target (overloaded at the
 * peak). Legacy prod: 0.5 vCPU / 1 GB tasks at a 60% target, 3 to 24 tasks, no
 * scheduled scaling, STANDARD logs and enhanced Container Insights (below the 40% savings target).
 * Neither had a step-scaling policy, and both had a fixed downstream latency (the model before
 * December 2026 had no other): both are pinned so the mechanics tests keep their subject.
 */
export const LEGACY_DEV_CONFIG: Readonly<Record<string, string>> = {
  availabilityZoneCount: "2",
  natGateways: "single",
  interfaceEndpoints: "auto",
  apiCpu: "256",
  apiMemory: "512",
  apiMinTasks: "1",
  apiMaxTasks: "4",
  apiDesiredTasks: "1",
  onDemandBase: "0",
  onDemandWeight: "0",
  spotWeight: "1",
  apiCpuTargetPercent: "60",
  stepScalingSteps: "off",
  workloadNonCpuLatencyShape: "deterministic",
  requestsPerTargetPerMinute: "1200",
  workerCpu: "256",
  workerMemory: "512",
  workerMinTasks: "1",
  workerMaxTasks: "2",
  scheduledScaling: "true",
  offHoursMinTasks: "1",
  logRetentionDays: "7",
  logClass: "STANDARD",
  containerInsights: "enhanced",
};

export const LEGACY_PROD_CONFIG: Readonly<Record<string, string>> = {
  availabilityZoneCount: "3",
  natGateways: "perAz",
  interfaceEndpoints: "auto",
  apiCpu: "512",
  apiMemory: "1024",
  apiMinTasks: "3",
  apiMaxTasks: "24",
  apiDesiredTasks: "3",
  onDemandBase: "3",
  onDemandWeight: "1",
  spotWeight: "3",
  apiCpuTargetPercent: "60",
  stepScalingSteps: "off",
  workloadNonCpuLatencyShape: "deterministic",
  requestsPerTargetPerMinute: "2400",
  workerCpu: "512",
  workerMemory: "1024",
  workerMinTasks: "1",
  workerMaxTasks: "4",
  scheduledScaling: "false",
  offHoursMinTasks: "3",
  logRetentionDays: "14",
  logClass: "STANDARD",
  containerInsights: "enhanced",
};
