/**
 * Every validation rule of the config layer (lib/config/), each with the message a user sees, the
 * per-environment defaults, unknown keys, empty values, and the service catalogue's own rules.
 */
import * as pulumi from "@pulumi/pulumi";
import { catalogProblems } from "../../../lib/config/resolve";
import { SERVICE_CATALOG } from "../../../lib/config/services";
import { ConfigError } from "../../../lib/config/source";
import { PlatformSpec, WebServiceSpec, WorkerServiceSpec } from "../../../lib/spec";
import { loadSpec } from "../../../lib/runningStack";
import { resolveSpec } from "../../../lib/stackSpec";
import { mapSource, resolveValues } from "../support/configSource";

const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";

const resolve = resolveValues;

const api = (spec: PlatformSpec) => spec.services.api as WebServiceSpec;
const worker = (spec: PlatformSpec) => spec.services.worker as WorkerServiceSpec;

/** The problems a config produces, or [] when it is valid. */
function problems(values: Record<string, string>, region?: string): string[] {
  try {
    resolve({ environmentSuffix: "dev", ...values }, region);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe("config validation", () => {
  it.each([
    [
      "Bad_Suffix",
      'environmentSuffix = "Bad_Suffix": must be 1-20 lowercase letters, digits or single inner hyphens (the longest physical name, "payment-alb-<suffix>", is limited to 32 characters). Example: pulumi config set environmentSuffix dev',
    ],
    [
      "a23456789012345678901",
      'environmentSuffix = "a23456789012345678901": must be 1-20 lowercase letters, digits or single inner hyphens (the longest physical name, "payment-alb-<suffix>", is limited to 32 characters). Example: pulumi config set environmentSuffix dev',
    ],
    [
      "-dev",
      'environmentSuffix = "-dev": must be 1-20 lowercase letters, digits or single inner hyphens (the longest physical name, "payment-alb-<suffix>", is limited to 32 characters). Example: pulumi config set environmentSuffix dev',
    ],
  ])("GIVEN environmentSuffix %j THEN the message names the rule and a good value", (suffix, message) => {
    expect(problems({ environmentSuffix: suffix })).toEqual([message]);
  });

  it("GIVEN a 20-character suffix THEN it is accepted", () => {
    expect(problems({ environmentSuffix: "a2345678901234567890" })).toEqual([]);
  });

  it("GIVEN no environmentSuffix THEN it is required", () => {
    expect(() => resolve({})).toThrow("environmentSuffix = null: is required. Example: pulumi config set environmentSuffix dev");
  });

  it.each([
    [
      "10.0.0/16",
      'vpcCidr = "10.0.0/16": must be an IPv4 CIDR with no host bits set. Example: pulumi config set vpcCidr 10.0.0.0/16',
    ],
    [
      "10.0.0.1/16",
      'vpcCidr = "10.0.0.1/16": must be an IPv4 CIDR with no host bits set. Example: pulumi config set vpcCidr 10.0.0.0/16',
    ],
    [
      "10.0.0.0/25",
      'vpcCidr = "10.0.0.0/25": prefix must be /16 to /24 so 8 subnets of at least /27 fit (AWS allows /16-/28 for a VPC). Example: pulumi config set vpcCidr 10.0.0.0/16',
    ],
    [
      "10.0.0.0/8",
      'vpcCidr = "10.0.0.0/8": prefix must be /16 to /24 so 8 subnets of at least /27 fit (AWS allows /16-/28 for a VPC). Example: pulumi config set vpcCidr 10.0.0.0/16',
    ],
  ])("GIVEN vpcCidr %j THEN it is rejected", (cidr, message) => {
    expect(problems({ vpcCidr: cidr })).toEqual([message]);
  });

  it.each([
    [
      { availabilityZoneCount: "4" },
      'availabilityZoneCount = "4": must be between 2 and 3. Example: pulumi config set availabilityZoneCount 3',
    ],
    [
      { availabilityZoneCount: "two" },
      'availabilityZoneCount = "two": must be a whole number. Example: pulumi config set availabilityZoneCount 3',
    ],
    [
      { logRetentionDays: "30" },
      'logRetentionDays = "30": must be between 7 and 14. Example: pulumi config set logRetentionDays 14',
    ],
    [
      { logRetentionDays: "6" },
      'logRetentionDays = "6": must be between 7 and 14. Example: pulumi config set logRetentionDays 14',
    ],
    [{ logRetentionDays: "10" }, 'logRetentionDays = "10": must be one of 7, 14. Example: pulumi config set logRetentionDays 14'],
    [
      { natGateways: "perRegion" },
      'natGateways = "perRegion": must be one of single, perAz. Example: pulumi config set natGateways perAz',
    ],
    [
      { highResolutionMetrics: "yes" },
      'highResolutionMetrics = "yes": must be true or false. Example: pulumi config set highResolutionMetrics true',
    ],
    [{ environment: "qa" }, 'environment = "qa": must be one of dev, staging, prod. Example: pulumi config set environment prod'],
  ])("GIVEN %j THEN the type or range rule is reported", (values, message) => {
    expect(problems(values)).toEqual([message]);
  });

  it("GIVEN aws:region eu-west-1 THEN the region rule is reported", () => {
    expect(problems({}, "eu-west-1")).toEqual([
      'aws:region = "eu-west-1": the platform deploys to us-east-1 only (its prices and limits are us-east-1\'s). Example: pulumi config set aws:region us-east-1',
    ]);
    expect(problems({}, "us-east-1")).toEqual([]);
  });

  it("GIVEN prod without certificateArn THEN the certificate is required", () => {
    expect(problems({ environment: "prod" })).toEqual([
      "certificateArn = null: is required in prod (a self-signed certificate is only for dev and staging). Example: pulumi config set certificateArn arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666",
    ]);
  });

  it("GIVEN prod with fewer on-demand tasks than AZs THEN the latency floor rule is reported", () => {
    expect(problems({ environment: "prod", certificateArn: CERT, onDemandBase: "2" })).toEqual([
      "onDemandBase = 2: must be at least availabilityZoneCount (3) in prod: one on-demand task per AZ survives a Spot reclaim. Example: pulumi config set onDemandBase 3",
    ]);
  });

  it("GIVEN memory invalid for the CPU THEN the message lists the valid memory values", () => {
    expect(problems({ apiCpu: "512", apiMemory: "512" })).toEqual([
      "apiMemory = 512: is not a valid Fargate memory for apiCpu=512; valid values: 1024, 2048, 3072, 4096. Example: pulumi config set apiMemory 1024",
    ]);
    expect(problems({ workerCpu: "300" })).toEqual([
      "workerCpu = 300: must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192, 16384. Example: pulumi config set workerCpu 512",
    ]);
  });

  it.each([
    [
      { apiMinTasks: "3", apiDesiredTasks: "2" },
      ["apiMinTasks = 3: must be <= apiDesiredTasks (apiDesiredTasks is 2). Example: pulumi config set apiMinTasks 3"],
    ],
    [
      { apiMinTasks: "1", apiDesiredTasks: "5", apiMaxTasks: "4" },
      ["apiDesiredTasks = 5: must be <= apiMaxTasks (apiMaxTasks is 4). Example: pulumi config set apiDesiredTasks 3"],
    ],
    [
      { apiMinTasks: "5", apiDesiredTasks: "5", apiMaxTasks: "4" },
      [
        "apiDesiredTasks = 5: must be <= apiMaxTasks (apiMaxTasks is 4). Example: pulumi config set apiDesiredTasks 3",
        "apiMinTasks = 5: must be <= apiMaxTasks (apiMaxTasks is 4). Example: pulumi config set apiMinTasks 3",
      ],
    ],
    [
      { workerMinTasks: "3", workerMaxTasks: "2" },
      ["workerMinTasks = 3: must be <= workerMaxTasks (workerMaxTasks is 2). Example: pulumi config set workerMinTasks 3"],
    ],
    [
      { apiMinTasks: "1", apiDesiredTasks: "1", onDemandBase: "2" },
      [
        "onDemandBase = 2: must be <= apiMinTasks so the base is always running (apiMinTasks is 1). Example: pulumi config set onDemandBase 3",
      ],
    ],
    [
      { apiMinTasks: "1", apiDesiredTasks: "1", offHoursMinTasks: "2" },
      [
        "offHoursMinTasks = 2: must be <= apiMinTasks (it lowers the minimum off hours) (apiMinTasks is 1). Example: pulumi config set offHoursMinTasks 1",
      ],
    ],
    [
      { spotWeight: "0", onDemandWeight: "0" },
      [
        "spotWeight = 0: onDemandWeight and spotWeight must not both be 0 (no capacity above the base). Example: pulumi config set spotWeight 3",
      ],
    ],
    [
      { albIdleTimeoutSeconds: "75" },
      [
        "albIdleTimeoutSeconds = 75: must be below appKeepAliveTimeoutSeconds (75), or the app closes idle connections the ALB still uses and clients get 502s. Example: pulumi config set albIdleTimeoutSeconds 60",
      ],
    ],
    [
      { apiStopTimeoutSeconds: "30" },
      [
        "deregistrationDelaySeconds = 30: must be below apiStopTimeoutSeconds (30) so draining ends before the container is killed. Example: pulumi config set deregistrationDelaySeconds 30",
      ],
    ],
    [
      { healthCheckTimeoutSeconds: "10" },
      [
        "healthCheckTimeoutSeconds = 10: must be below healthCheckIntervalSeconds (10). Example: pulumi config set healthCheckTimeoutSeconds 5",
      ],
    ],
    [
      { workloadBusinessStartHour: "18" },
      [
        "workloadBusinessStartHour = 18: must be before workloadBusinessEndHour (18). Example: pulumi config set workloadBusinessStartHour 9",
      ],
    ],
  ])("GIVEN cross-field values %j THEN the relation is reported", (values, expected) => {
    expect(problems(values)).toEqual(expected);
  });

  it("GIVEN scheduled scaling off THEN offHoursMinTasks above the minimum is allowed", () => {
    expect(problems({ apiMinTasks: "1", apiDesiredTasks: "1", scheduledScaling: "false", offHoursMinTasks: "2" })).toEqual([]);
  });

  it.each([
    [
      { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x" },
      'certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/x": must be an ACM certificate ARN in us-east-1. Example: pulumi config set certificateArn arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
    ],
    [
      { alarmEmail: "oncall" },
      'alarmEmail = "oncall": must be an email address. Example: pulumi config set alarmEmail oncall@example.com',
    ],
    [
      { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x", apiDomainName: "API.Payments.example.com" },
      'apiDomainName = "API.Payments.example.com": must be a lowercase DNS name such as api.payments.example.com. Example: pulumi config set apiDomainName api.payments.example.com',
    ],
    [
      { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x", apiDomainName: "10.0.0.1" },
      'apiDomainName = "10.0.0.1": must be a lowercase DNS name such as api.payments.example.com. Example: pulumi config set apiDomainName api.payments.example.com',
    ],
    [
      { apiDomainName: "api.payments.example.com" },
      'apiDomainName = "api.payments.example.com": needs certificateArn: the generated self-signed certificate covers no public name. Example: pulumi config set apiDomainName api.payments.example.com',
    ],
    [
      { apiInternalCallers: "worker,default" },
      'apiInternalCallers = "default": each entry must be a worker service id (worker) or a security group ID (sg- and 8 or 17 hex digits). Example: pulumi config set apiInternalCallers worker,sg-0123456789abcdef0',
    ],
    [
      { healthCheckPath: "health" },
      'healthCheckPath = "health": must start with /. Example: pulumi config set healthCheckPath /ready',
    ],
    [
      { containerHealthCheckPath: "health" },
      'containerHealthCheckPath = "health": must start with /. Example: pulumi config set containerHealthCheckPath /health',
    ],
    [
      { containerImage: "not a valid image!!" },
      'containerImage = "not a valid image!!": must be an image reference, [registry/]repository[:tag][@sha256:digest], at most 255 characters. Example: pulumi config set containerImage 123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-api:1.4.2',
    ],
    [
      { workerImage: `ghcr.io/acme/${"w".repeat(250)}:1` },
      `workerImage = "ghcr.io/acme/${"w".repeat(250)}:1": must be an image reference, [registry/]repository[:tag][@sha256:digest], at most 255 characters. Example: pulumi config set workerImage 123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-worker:1.4.2`,
    ],
    [
      { apiSecrets: "DB_PASSWORD" },
      'apiSecrets = "DB_PASSWORD": each entry must be NAME=ARN with an environment variable name and a us-east-1 Secrets Manager secret or SSM parameter ARN. Example: pulumi config set apiSecrets DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
    ],
    [
      { workerSecrets: "1BAD=arn:aws:secretsmanager:us-east-1:123456789012:secret:x" },
      'workerSecrets = "1BAD=arn:aws:secretsmanager:us-east-1:123456789012:secret:x": each entry must be NAME=ARN with an environment variable name and a us-east-1 Secrets Manager secret or SSM parameter ARN. Example: pulumi config set workerSecrets DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
    ],
  ])("GIVEN a malformed value %j THEN its format rule is reported", (values, message) => {
    expect(problems(values)).toEqual([message]);
  });

  it("GIVEN several bad values THEN all are reported in one error", () => {
    let caught: unknown;
    try {
      resolve({ environmentSuffix: "dev", availabilityZoneCount: "9", logRetentionDays: "90" });
    } catch (error) {
      caught = error;
    }
    // What the Pulumi CLI checks before it prints a message without a stack trace.
    expect(pulumi.RunError.isInstance(caught)).toBe(true);
    expect((caught as Error).name).toBe("ConfigError");
    expect((caught as Error).message).toBe(
      [
        "Invalid stack configuration:",
        '  - availabilityZoneCount = "9": must be between 2 and 3. Example: pulumi config set availabilityZoneCount 3',
        '  - logRetentionDays = "90": must be between 7 and 14. Example: pulumi config set logRetentionDays 14',
      ].join("\n"),
    );
  });

  it("GIVEN secrets in both forms THEN they are parsed into name -> ARN maps", () => {
    const ssm = "arn:aws:ssm:us-east-1:123456789012:parameter/payments/api-key";
    const spec = resolve({
      environmentSuffix: "dev",
      apiSecrets: `DB_PASSWORD=${SECRET}, API_KEY=${ssm}`,
      workerSecrets: `DB_PASSWORD=${SECRET}`,
    });
    expect(api(spec).secrets).toEqual({ DB_PASSWORD: SECRET, API_KEY: ssm });
    expect(worker(spec).secrets).toEqual({ DB_PASSWORD: SECRET });
  });
});

describe("environment defaults", () => {
  it("GIVEN only a suffix THEN dev defaults apply: 2 AZs, one NAT, endpoints by cost, a 1 vCPU API half on Spot (weights 1:1, no on-demand base) starting at its minimum of 1 task at a 35% CPU target, placeholder images", () => {
    const spec = resolve({ environmentSuffix: "dev" });
    expect(spec.environment).toBe("dev");
    expect(spec.network).toEqual({
      vpcCidr: "10.0.0.0/16",
      availabilityZoneCount: 2,
      natGateways: "single",
      interfaceEndpointsSetting: "auto",
      interfaceEndpoints: false,
    });
    expect([
      api(spec).cpu,
      api(spec).memory,
      api(spec).desiredTasks,
      api(spec).onDemandBase,
      api(spec).onDemandWeight,
      api(spec).spotWeight,
      api(spec).cpuTargetPercent,
    ]).toEqual([1024, 2048, 1, 0, 1, 1, 35]);
    expect([
      worker(spec).cpu,
      worker(spec).desiredTasks,
      worker(spec).onDemandBase,
      worker(spec).onDemandWeight,
      worker(spec).spotWeight,
      worker(spec).stopTimeoutSeconds,
      worker(spec).vcpuDemand,
    ]).toEqual([256, 1, 0, 0, 1, 120, 0.1]);
    expect(Object.keys(spec.services)).toEqual(["api", "worker"]);
    expect([spec.observability.containerInsights, spec.observability.logClass, spec.observability.monthlyBudgetUsd]).toEqual([
      "enhanced",
      "STANDARD",
      undefined,
    ]);
    // No image key: both run the reference payment service the stack builds (no third-party placeholder).
    expect([api(spec).container, worker(spec).container]).toEqual([{ source: "reference" }, { source: "reference" }]);
    expect([api(spec).healthCheckPath, spec.data.pointInTimeRecovery, spec.workload.paymentCreateFraction]).toEqual([
      "/ready",
      false,
      0.1,
    ]);
    expect(spec.tags).toEqual({
      Project: "payment-platform",
      Environment: "dev",
      EnvironmentSuffix: "dev",
      CostCenter: "payments",
      Owner: "platform-team",
      ManagedBy: "pulumi",
    });
    expect(spec.loadBalancer.certificateArn).toBeUndefined();
    expect(spec.security.createServiceLinkedRoles).toBe(false);
  });

  it("GIVEN prod THEN 3 AZs, NAT per AZ, endpoints by cost, a minimum of 5 tasks on-demand (base 5) with the schedule lowering it to 3 off hours, Spot weighted 1:1 above the base at a 35% CPU target, 14-day Infrequent Access logs", () => {
    const spec = resolve({ environmentSuffix: "prod", environment: "prod", certificateArn: CERT });
    expect(spec.network).toEqual({
      vpcCidr: "10.0.0.0/16",
      availabilityZoneCount: 3,
      natGateways: "perAz",
      interfaceEndpointsSetting: "auto",
      interfaceEndpoints: false,
    });
    expect([
      api(spec).minTasks,
      api(spec).onDemandBase,
      api(spec).onDemandWeight,
      api(spec).spotWeight,
      api(spec).cpuTargetPercent,
      api(spec).scheduledScaling,
      api(spec).offHoursMinTasks,
    ]).toEqual([5, 5, 1, 1, 35, true, 3]);
    expect([spec.observability.logRetentionDays, spec.observability.logClass, spec.observability.containerInsights]).toEqual([
      14,
      "INFREQUENT_ACCESS",
      "enabled",
    ]);
    expect(spec.data.pointInTimeRecovery).toBe(true);
  });

  it("GIVEN interfaceEndpoints on or off THEN the setting is taken as given", () => {
    expect(resolve({ environmentSuffix: "dev", interfaceEndpoints: "on" }).network.interfaceEndpoints).toBe(true);
    expect(
      resolve({ environmentSuffix: "prod", environment: "prod", certificateArn: CERT, interfaceEndpoints: "off" }).network
        .interfaceEndpoints,
    ).toBe(false);
  });

  it("GIVEN monthlyBudgetUsd THEN it is kept", () => {
    expect(resolve({ environmentSuffix: "dev", monthlyBudgetUsd: "900" }).observability.monthlyBudgetUsd).toBe(900);
  });

  it.each([
    "nginx",
    "public.ecr.aws/docker/library/nginx:1.27-alpine",
    "localhost:5000/team/api_v2:2026.12.01",
    `123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-api@sha256:${"a".repeat(64)}`,
  ])("GIVEN image reference %s THEN it is accepted", (image) => {
    expect(problems({ containerImage: image })).toEqual([]);
  });

  it("GIVEN a configured image THEN it runs with a shell health check of its own", () => {
    const spec = resolve({
      environmentSuffix: "dev",
      containerImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1",
      workerImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1",
    });
    expect(api(spec).container).toEqual({
      source: "configured",
      image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1",
      healthCheckCommand: "wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1",
    });
    expect(worker(spec).container).toEqual({
      source: "configured",
      image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1",
      healthCheckCommand: "kill -0 1 || exit 1",
    });
  });

  it("GIVEN workload percentages THEN the spec holds fractions", () => {
    const spec = resolve({
      environmentSuffix: "dev",
      workloadWeekendPercent: "50",
      workloadNewConnectionPercent: "20",
      workloadWorkerMillicores: "250",
      spotDiscountPercent: "60",
    });
    expect([
      spec.workload.weekendFactor,
      spec.workload.newConnectionFraction,
      worker(spec).vcpuDemand,
      spec.cost.spotDiscount,
    ]).toEqual([0.5, 0.2, 0.25, 0.6]);
  });
});

describe("loadSpec", () => {
  it("GIVEN Pulumi config set in the runtime THEN it reads the project's keys and aws:region", async () => {
    await pulumi.runtime.setMocks(
      { newResource: () => ({ id: "x", state: {} }), call: () => ({}) },
      "payment-platform",
      "qa",
      false,
    );
    pulumi.runtime.setAllConfig({
      "payment-platform:environmentSuffix": "qa",
      "payment-platform:environment": "staging",
      "aws:region": "us-east-1",
    });
    const spec = loadSpec();
    expect([spec.project, spec.stack, spec.environment, spec.environmentSuffix, api(spec).cpu]).toEqual([
      "payment-platform",
      "qa",
      "staging",
      "qa",
      1024,
    ]);
  });
});

describe("empty values (an empty value means unset, for every key)", () => {
  it("GIVEN an integer key set to an empty string THEN the environment's default applies (dev's apiMaxTasks, 23)", () => {
    expect(resolve({ environmentSuffix: "dev", apiMaxTasks: "" }).services.api.maxTasks).toBe(23);
  });

  it("GIVEN a string key with no default set to an empty string THEN it is unset: the reference image, no secrets, no callers", () => {
    const spec = resolve({
      environmentSuffix: "dev",
      containerImage: "",
      apiSecrets: "",
      apiInternalCallers: "",
      alarmEmail: "",
    });
    expect([api(spec).container, api(spec).secrets, api(spec).internalCallers, spec.observability.alarmEmail]).toEqual([
      { source: "reference" },
      {},
      { serviceIds: [], securityGroupIds: [] },
      undefined,
    ]);
  });

  it("GIVEN a required key set to an empty string THEN it is reported as required", () => {
    expect(() => resolve({ environmentSuffix: "" })).toThrow(
      "environmentSuffix = null: is required. Example: pulumi config set environmentSuffix dev",
    );
  });

  it("GIVEN an empty desired count THEN it is the minimum, for the API and the worker alike", () => {
    const spec = resolve({
      environmentSuffix: "dev",
      apiMinTasks: "12",
      apiDesiredTasks: "",
      workerMinTasks: "2",
      workerDesiredTasks: "",
    });
    expect([api(spec).desiredTasks, worker(spec).desiredTasks]).toEqual([12, 2]);
  });
});

describe("unknown keys", () => {
  it.each([
    ["apiCPU", "apiCpu"],
    ["logRetentionDay", "logRetentionDays"],
    ["workerMaxTask", "workerMaxTasks"],
    ["containerimage", "containerImage"],
  ])("GIVEN the misspelled key %s THEN it is refused with %s suggested", (typo, suggestion) => {
    expect(problems({ [typo]: "512" })).toEqual([`unknown key ${typo}; did you mean ${suggestion}?`]);
  });

  it("GIVEN a key far from every declared key THEN it is refused without a guess", () => {
    expect(problems({ databaseUrl: "postgres://x" })).toEqual([
      "unknown key databaseUrl; it is not a key of this project (README.md, Configuration, lists every key)",
    ]);
  });

  it("GIVEN an unknown key next to a bad value THEN both are reported in one error", () => {
    expect(problems({ apiCPU: "512", availabilityZoneCount: "9" })).toEqual([
      "unknown key apiCPU; did you mean apiCpu?",
      'availabilityZoneCount = "9": must be between 2 and 3. Example: pulumi config set availabilityZoneCount 3',
    ]);
  });

  it("GIVEN the Pulumi runtime holds an unknown project key and keys of other namespaces THEN only the project key is refused, before any resource", async () => {
    const registered: string[] = [];
    await pulumi.runtime.setMocks(
      { newResource: (args) => (registered.push(args.name), { id: "x", state: {} }), call: () => ({}) },
      "payment-platform",
      "qa",
      false,
    );
    pulumi.runtime.setAllConfig({
      "payment-platform:environmentSuffix": "qa",
      "payment-platform:apiCPU": "512",
      "aws:region": "us-east-1",
      "aws:profile": "payments",
      "pulumi:tags": "{}",
    });
    expect(() => loadSpec()).toThrow("Invalid stack configuration:\n  - unknown key apiCPU; did you mean apiCpu?");
    expect(registered).toEqual([]);
  });
});

describe("service keys", () => {
  it("GIVEN worker capacity and stop-timeout keys THEN the worker takes them like the API takes its own", () => {
    const spec = resolve({
      environmentSuffix: "dev",
      workerOnDemandBase: "1",
      workerOnDemandWeight: "1",
      workerSpotWeight: "2",
      workerStopTimeoutSeconds: "90",
      workerDesiredTasks: "2",
      workerMaxTasks: "3",
    });
    expect([
      worker(spec).onDemandBase,
      worker(spec).onDemandWeight,
      worker(spec).spotWeight,
      worker(spec).stopTimeoutSeconds,
      worker(spec).desiredTasks,
    ]).toEqual([1, 1, 2, 90, 2]);
  });

  it("GIVEN the worker's weights both 0 or its base above its minimum THEN the same rules as the API's are reported with the worker's keys", () => {
    expect(problems({ workerOnDemandWeight: "0", workerSpotWeight: "0" })).toEqual([
      "workerSpotWeight = 0: workerOnDemandWeight and workerSpotWeight must not both be 0 (no capacity above the base). Example: pulumi config set workerSpotWeight 3",
    ]);
    expect(problems({ workerOnDemandBase: "2" })).toEqual([
      "workerOnDemandBase = 2: must be <= workerMinTasks so the base is always running (workerMinTasks is 1). Example: pulumi config set workerOnDemandBase 3",
    ]);
  });

  it("GIVEN apiInternalCallers naming the worker and a group THEN the web service lists both", () => {
    expect(
      api(resolve({ environmentSuffix: "dev", apiInternalCallers: "worker, sg-0123456789abcdef0" })).internalCallers,
    ).toEqual({
      serviceIds: ["worker"],
      securityGroupIds: ["sg-0123456789abcdef0"],
    });
  });

  it("GIVEN the baseline keys THEN each service's baseline fleet is resolved by its id", () => {
    const spec = resolve({
      environmentSuffix: "dev",
      baselineWorkerTasks: "3",
      baselineApiCpu: "2048",
      baselineApiMemory: "4096",
    });
    expect(spec.cost.baseline.services).toEqual({
      api: { tasks: 6, cpu: 2048, memory: 4096 },
      worker: { tasks: 3, cpu: 1024, memory: 2048 },
    });
  });
});

describe("service catalogue", () => {
  it("GIVEN the shipped catalogue THEN it has no problems: unique ids and names, one web service", () => {
    expect(catalogProblems(SERVICE_CATALOG)).toEqual([]);
  });

  it("GIVEN a catalogue with no web service, repeated ids and names THEN each rule is reported and nothing resolves", () => {
    const worker = SERVICE_CATALOG[1];
    const broken = [worker, worker];
    expect(catalogProblems(broken)).toEqual([
      "service catalogue: ids must be unique (repeated: worker)",
      "service catalogue: names must be unique (repeated: payment-worker)",
      "service catalogue: exactly one service must have the web role (found 0)",
    ]);
    expect(() => resolveSpec(mapSource({ environmentSuffix: "dev" }), { project: "p", stack: "s" }, broken)).toThrow(ConfigError);
  });
});
