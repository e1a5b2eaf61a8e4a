import fc from "fast-check";
import { ECR_REPOSITORY_RULE, IAM_ROLE_RULE, LOAD_BALANCER_RULE, nameProblems } from "../../../lib/aws/nameRules";
import { SERVICE_CATALOG } from "../../../lib/config/services";
import {
  maxSuffixLength,
  PLATFORM_NAMES,
  physicalName,
  physicalNameProblems,
  PlatformNameKey,
  SERVICE_NAMES,
  serviceName,
  ServiceNameKey,
  SUFFIX_PATTERN,
  targetGroupName,
  withSuffix,
} from "../../../lib/spec/names";

/** The name bases of the shipped services (payment-api, payment-worker). */
const BASES = SERVICE_CATALOG.map((entry) => entry.name);

describe("naming", () => {
  it("GIVEN a kind and a suffix WHEN named THEN the result is kind-suffix", () => {
    expect(withSuffix("ecs-cluster", "dev")).toBe("ecs-cluster-dev");
    expect(physicalName("alb", "pr-42")).toBe("payment-alb-pr-42");
  });

  it("GIVEN a container port WHEN the target group is named THEN the name carries it, within the catalogue's worst case", () => {
    expect(targetGroupName(8080, "dev")).toBe("api-8080-dev");
    expect(targetGroupName(65535, "a2345678901234567890").length).toBeLessThanOrEqual(32);
  });

  it("GIVEN the shipped services WHEN the longest suffix is derived THEN the 32-character ALB name binds it at 20", () => {
    // "payment-alb-" is 12 characters; 32 - 12 = 20.
    expect(BASES).toEqual(["payment-api", "payment-worker"]);
    expect(maxSuffixLength(BASES)).toBe(20);
    expect(maxSuffixLength([])).toBe(20);
  });

  it("GIVEN a name over its limit WHEN checked THEN the problem names the limit and its source", () => {
    const rule = PLATFORM_NAMES.alb.rule;
    expect(rule).toBe(LOAD_BALANCER_RULE);
    expect(nameProblems("payment-alb-abcdefghijklmnopqrstu", rule)).toEqual([
      `"payment-alb-abcdefghijklmnopqrstu" is 33 characters; a load balancer / target group name allows 32 (${rule.source})`,
    ]);
  });

  it("GIVEN an ALB name starting with internal- WHEN checked THEN it is rejected by the pattern", () => {
    expect(nameProblems("internal-x", PLATFORM_NAMES.alb.rule)).toEqual([
      `"internal-x" does not match the load balancer / target group name rule ${LOAD_BALANCER_RULE.pattern} (${LOAD_BALANCER_RULE.source})`,
    ]);
  });

  it("GIVEN any suffix the config accepts WHEN every physical name is formed THEN all fit their AWS rules", () => {
    const validSuffix = fc
      .stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?$/)
      .filter((s) => SUFFIX_PATTERN.test(s) && s.length <= maxSuffixLength(BASES));
    fc.assert(
      fc.property(validSuffix, (suffix) => {
        expect(physicalNameProblems(suffix, BASES)).toEqual([]);
        for (const key of Object.keys(PLATFORM_NAMES) as PlatformNameKey[]) {
          const name = physicalName(key, suffix);
          expect(name.endsWith(`-${suffix}`)).toBe(true);
          expect(name.length).toBeLessThanOrEqual(PLATFORM_NAMES[key].rule.maxLength);
        }
        for (const base of BASES) {
          for (const key of Object.keys(SERVICE_NAMES) as ServiceNameKey[]) {
            const name = serviceName(key, base, suffix);
            expect(name.endsWith(`-${suffix}`)).toBe(true);
            expect(nameProblems(name, SERVICE_NAMES[key].rule)).toEqual([]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("names for service bases", () => {
  it("GIVEN the base payment-api WHEN each kind of service name is formed THEN it is the kind's name of the base with the suffix", () => {
    const names = Object.fromEntries(
      (Object.keys(SERVICE_NAMES) as ServiceNameKey[]).map((key) => [key, serviceName(key, "payment-api", "dev")]),
    );
    expect(names).toEqual({
      service: "payment-api-dev",
      taskRole: "payment-api-task-role-dev",
      executionRole: "payment-api-execution-role-dev",
      discovery: "payment-api-dev",
      logGroup: "/ecs/payment-api-dev",
      securityGroup: "payment-api-sg-dev",
      auditLogGroup: "/ecs/payment-api-audit-dev",
      latencyAlarm: "payment-api-p99-latency-dev",
      target5xxAlarm: "payment-api-target-5xx-rate-dev",
      unhealthyHostsAlarm: "payment-api-unhealthy-hosts-dev",
      cpuHighAlarm: "payment-api-cpu-high-dev",
      memoryHighAlarm: "payment-api-memory-high-dev",
      runningTasksLowAlarm: "payment-api-running-tasks-low-dev",
      stepScalingAlarm: "payment-api-cpu-step-scale-out-dev",
    });
  });

  it("GIVEN two bases WHEN names of the same kind are formed THEN each service gets its own", () => {
    expect(BASES.map((base) => serviceName("logGroup", base, "pr-7"))).toEqual([
      "/ecs/payment-api-pr-7",
      "/ecs/payment-worker-pr-7",
    ]);
    expect(BASES.map((base) => serviceName("taskRole", base, "pr-7"))).toEqual([
      "payment-api-task-role-pr-7",
      "payment-worker-task-role-pr-7",
    ]);
  });

  it("GIVEN a 40-character base WHEN the longest suffix is derived THEN its 64-character IAM execution role binds it at 8", () => {
    const base = "b".repeat(40);
    // "<base>-execution-role-" is 40 + 16 = 56 characters; 64 - 56 = 8.
    expect(maxSuffixLength([...BASES, base])).toBe(8);
    expect(physicalNameProblems("a".repeat(8), [...BASES, base])).toEqual([]);
  });

  it("GIVEN a 40-character base and a 20-character suffix WHEN every name is checked THEN only its two IAM roles are too long", () => {
    const base = "b".repeat(40);
    const suffix = "a2345678901234567890";
    expect(physicalNameProblems(suffix, BASES)).toEqual([]);
    expect(physicalNameProblems(suffix, [...BASES, base])).toEqual([
      `"${base}-task-role-${suffix}" is 71 characters; a IAM role name allows 64 (${IAM_ROLE_RULE.source})`,
      `"${base}-execution-role-${suffix}" is 76 characters; a IAM role name allows 64 (${IAM_ROLE_RULE.source})`,
    ]);
  });

  it("GIVEN a suffix with a double hyphen WHEN checked THEN the config pattern refuses it (ECR repository names allow no '--')", () => {
    expect(SUFFIX_PATTERN.test("pr--7")).toBe(false);
    expect(physicalNameProblems("pr--7", BASES)).toContain(
      `"payment-service-pr--7" does not match the ECR repository name rule ${ECR_REPOSITORY_RULE.pattern} (${ECR_REPOSITORY_RULE.source})`,
    );
  });

  it("GIVEN a base with a character ECS does not allow WHEN every name is checked THEN every one of its names is reported, by its own rule", () => {
    const problems = physicalNameProblems("dev", ["pay api"]);
    expect(problems).toHaveLength(Object.keys(SERVICE_NAMES).length);
    expect(problems[0]).toBe(
      `"pay api-dev" does not match the ECS cluster / service / task family name rule ${SERVICE_NAMES.service.rule.pattern} (${SERVICE_NAMES.service.rule.source})`,
    );
  });
});
