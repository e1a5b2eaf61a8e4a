/**
 * The rules a resolved configuration must meet beyond each key's own type and range: names that fit
 * every AWS limit, a usable VPC range, valid Fargate sizes, counts in order, and the rules that tie
 * two keys together. Each problem names the key, the value, the rule and an example.
 */
import { PRIVATE_ECR_IMAGE } from "../aws/ecrImage";
import { S3_BUCKET_RULE } from "../aws/nameRules";
import { FARGATE_CPU_VALUES, isValidFargateSize, validMemoryFor } from "../aws/fargateSizes";
import { archiveNeeded } from "../design/auditArchive";
import { MAX_USABLE_VPC_PREFIX, MIN_VPC_PREFIX, parseCidr } from "../design/subnetLayout";
import { maxSuffixLength, physicalNameProblems, SUFFIX_PATTERN } from "../spec/names";
import {
  AUTO_STEP_SCALING,
  stepAboveTarget,
  type Environment,
  type InternalCallers,
  type ScalingStep,
  type StepScalingSpec,
} from "../spec";
import { KeyValues, NamedKey } from "./keyTable";
import { problem } from "./parse";
import { PLATFORM_KEYS, PlatformKeys } from "./platformKeys";
import { CommonServiceKeys } from "./serviceKeys";
import { ServiceEntry } from "./services";

const P = PLATFORM_KEYS;

export function checkSuffix(suffix: string, serviceBases: readonly string[], problems: string[]): void {
  const max = maxSuffixLength(serviceBases);
  if (!SUFFIX_PATTERN.test(suffix) || suffix.length > max) {
    problems.push(
      problem(
        P.environmentSuffix,
        suffix,
        `must be 1-${max} lowercase letters, digits or single inner hyphens (the longest physical name, "payment-alb-<suffix>", is limited to 32 characters)`,
      ),
    );
    return;
  }
  problems.push(...physicalNameProblems(suffix, serviceBases));
}

export function checkCidr(cidr: string, problems: string[]): void {
  const parsed = parseCidr(cidr);
  if (!parsed) {
    problems.push(problem(P.vpcCidr, cidr, "must be an IPv4 CIDR with no host bits set"));
  } else if (parsed.prefix < MIN_VPC_PREFIX || parsed.prefix > MAX_USABLE_VPC_PREFIX) {
    problems.push(
      problem(
        P.vpcCidr,
        cidr,
        `prefix must be /${MIN_VPC_PREFIX} to /${MAX_USABLE_VPC_PREFIX} so 8 subnets of at least /27 fit (AWS allows /16-/28 for a VPC)`,
      ),
    );
  }
}

export function checkTaskSize(cpuKey: NamedKey, memoryKey: NamedKey, cpu: number, memory: number, problems: string[]): void {
  if (!FARGATE_CPU_VALUES.includes(cpu)) {
    problems.push(problem(cpuKey, cpu, `must be a Fargate CPU size: ${FARGATE_CPU_VALUES.join(", ")}`));
  } else if (!isValidFargateSize(cpu, memory)) {
    problems.push(
      problem(
        memoryKey,
        memory,
        `is not a valid Fargate memory for ${cpuKey.key}=${cpu}; valid values: ${validMemoryFor(cpu).join(", ")}`,
      ),
    );
  }
}

const ACM_ARN = /^arn:aws:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const SECRET_ARN = /^arn:aws:(secretsmanager:us-east-1:\d{12}:secret:.+|ssm:us-east-1:\d{12}:parameter\/.+)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/**
 * A lowercase DNS name of two or more labels, each 1-63 letters, digits or inner hyphens, 253 in all
 * (RFC 1035 section 2.3.4), the last starting with a letter so an IP address is not taken for a name.
 */
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
/**
 * An IAM principal a key policy can name for good: an account root, a role or a user, with an optional
 * path (`/` and printable ASCII) and a name of 1-64 of letters, digits and `+=,.@_-`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). An STS assumed-role ARN
 * names one session, which ends; the role's IAM ARN is the principal.
 */
const IAM_PRINCIPAL_ARN = /^arn:aws:iam::\d{12}:(root|(role|user)\/([\x21-\x7e]*\/)?[\w+=,.@-]{1,64})$/;

const entries = (raw: string | undefined) =>
  (raw ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");

/** Parses "worker,sg-..." into the web service's internal callers; reports anything else. */
export function parseInternalCallers(
  key: NamedKey,
  raw: string | undefined,
  workerIds: readonly string[],
  problems: string[],
): InternalCallers {
  const callers: InternalCallers = { serviceIds: [], securityGroupIds: [] };
  for (const token of entries(raw)) {
    if (workerIds.includes(token)) callers.serviceIds.push(token);
    else if (SECURITY_GROUP_ID.test(token)) callers.securityGroupIds.push(token);
    else
      problems.push(
        problem(
          key,
          token,
          `each entry must be a worker service id (${workerIds.join(", ")}) or a security group ID (sg- and 8 or 17 hex digits)`,
        ),
      );
  }
  return callers;
}

/**
 * A DNS Firewall domain: a DNS name, or `*.` and a DNS name for every name below it (Route 53
 * Resolver's wildcard form: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-domain-lists.html).
 */
const FIREWALL_DOMAIN = new RegExp(`^(\\*\\.)?${DNS_NAME.source.slice(1)}`);

/** Parses "api.partner.com,*.partner.com" into the DNS Firewall's partner domains; reports anything else. */
export function parseFirewallDomains(key: NamedKey, raw: string | undefined, problems: string[]): string[] {
  const domains = entries(raw);
  for (const domain of domains.filter((d) => !FIREWALL_DOMAIN.test(d))) {
    problems.push(
      problem(
        key,
        domain,
        "each entry must be a lowercase DNS name (api.partner.example.com) or *. and one (*.partner.example.com)",
      ),
    );
  }
  return domains.filter((d) => FIREWALL_DOMAIN.test(d));
}

/** Parses "NAME=arn,NAME2=arn" into a map; reports malformed pairs. */
export function parseSecrets(key: NamedKey, raw: string | undefined, problems: string[]): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const pair of entries(raw)) {
    const separator = pair.indexOf("=");
    const name = pair.slice(0, separator);
    const arn = pair.slice(separator + 1);
    if (separator < 1 || !ENV_NAME.test(name) || !SECRET_ARN.test(arn)) {
      problems.push(
        problem(
          key,
          pair,
          "each entry must be NAME=ARN with an environment variable name and a us-east-1 Secrets Manager secret or SSM parameter ARN",
        ),
      );
    } else {
      secrets[name] = arn;
    }
  }
  return secrets;
}

/** `low` must not exceed `high`. */
function order(low: NamedKey, lowValue: number, high: NamedKey, highValue: number, rule: string, problems: string[]): void {
  if (lowValue > highValue) problems.push(problem(low, lowValue, `${rule} (${high.key} is ${highValue})`));
}

/**
 * An image reference: `[registry[:port]/]repository[:tag][@sha256:digest]`, lower-case repository
 * path components (https://github.com/distribution/reference/blob/main/reference.go), at most 255
 * characters (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html).
 * Caught here, a typo fails the plan; missed, it fails the task definition in the middle of `pulumi up`.
 */
const IMAGE_REFERENCE =
  /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function checkImage(key: NamedKey, image: string | undefined, problems: string[]): void {
  if (image !== undefined && (image.length > 255 || !IMAGE_REFERENCE.test(image))) {
    problems.push(
      problem(key, image, "must be an image reference, [registry/]repository[:tag][@sha256:digest], at most 255 characters"),
    );
  }
}

/**
 * With the DNS Firewall on, the tasks resolve only AWS API names (lib/design/dnsFirewallDomains.ts):
 * an image from another registry (Docker Hub, public.ecr.aws, quay.io) would fail to pull at `pulumi up`,
 * its registry and the CDN hosts its layers redirect to being blocked. A private ECR image pulls
 * through `*.amazonaws.com` only.
 */
export function checkImageBehindDnsFirewall(key: NamedKey, image: string | undefined, problems: string[]): void {
  if (image !== undefined && !PRIVATE_ECR_IMAGE.test(image)) {
    problems.push(
      problem(
        key,
        image,
        "is not in a private ECR repository, and dnsFirewall lets the tasks resolve only AWS API names, so the pull would fail; mirror the image into ECR (an ECR pull-through cache rule does it) or set dnsFirewall false",
      ),
    );
  }
}

/** The rules of one service's counts and capacity strategy. */
export function checkServiceCounts(keys: CommonServiceKeys, v: KeyValues<CommonServiceKeys>, problems: string[]): void {
  if (v.desiredTasks !== undefined) {
    order(keys.minTasks, v.minTasks, keys.desiredTasks, v.desiredTasks, `must be <= ${keys.desiredTasks.key}`, problems);
    order(keys.desiredTasks, v.desiredTasks, keys.maxTasks, v.maxTasks, `must be <= ${keys.maxTasks.key}`, problems);
  }
  order(keys.minTasks, v.minTasks, keys.maxTasks, v.maxTasks, `must be <= ${keys.maxTasks.key}`, problems);
  order(
    keys.onDemandBase,
    v.onDemandBase,
    keys.minTasks,
    v.minTasks,
    `must be <= ${keys.minTasks.key} so the base is always running`,
    problems,
  );
  if (v.onDemandWeight === 0 && v.spotWeight === 0) {
    problems.push(
      problem(
        keys.spotWeight,
        0,
        `${keys.onDemandWeight.key} and ${keys.spotWeight.key} must not both be 0 (no capacity above the base)`,
      ),
    );
  }
}

/** Rules that tie the web service to the load balancer, the schedule and the environment. */
export function checkWebService(
  entry: ServiceEntry,
  v: KeyValues<CommonServiceKeys>,
  p: KeyValues<PlatformKeys>,
  environment: Environment,
  problems: string[],
): void {
  const { keys } = entry;
  if (p.scheduledScaling)
    order(
      P.offHoursMinTasks,
      p.offHoursMinTasks,
      keys.minTasks,
      v.minTasks,
      `must be <= ${keys.minTasks.key} (it lowers the minimum off hours)`,
      problems,
    );
  if (p.deregistrationDelaySeconds >= v.stopTimeoutSeconds) {
    problems.push(
      problem(
        P.deregistrationDelaySeconds,
        p.deregistrationDelaySeconds,
        `must be below ${keys.stopTimeoutSeconds.key} (${v.stopTimeoutSeconds}) so draining ends before the container is killed`,
      ),
    );
  }
  if (environment === "prod" && v.onDemandBase < p.availabilityZoneCount) {
    problems.push(
      problem(
        keys.onDemandBase,
        v.onDemandBase,
        `must be at least availabilityZoneCount (${p.availabilityZoneCount}) in prod: one on-demand task per AZ survives a Spot reclaim`,
      ),
    );
  }
}

/** Rules between platform keys, and the formats of the free-text ones. */
export function checkPlatform(p: KeyValues<PlatformKeys>, environment: Environment, problems: string[]): void {
  if (p.albIdleTimeoutSeconds >= p.appKeepAliveTimeoutSeconds) {
    problems.push(
      problem(
        P.albIdleTimeoutSeconds,
        p.albIdleTimeoutSeconds,
        `must be below appKeepAliveTimeoutSeconds (${p.appKeepAliveTimeoutSeconds}), or the app closes idle connections the ALB still uses and clients get 502s`,
      ),
    );
  }
  if (p.healthCheckTimeoutSeconds >= p.healthCheckIntervalSeconds) {
    problems.push(
      problem(
        P.healthCheckTimeoutSeconds,
        p.healthCheckTimeoutSeconds,
        `must be below healthCheckIntervalSeconds (${p.healthCheckIntervalSeconds})`,
      ),
    );
  }
  if (p.workloadBusinessStartHour >= p.workloadBusinessEndHour) {
    problems.push(
      problem(
        P.workloadBusinessStartHour,
        p.workloadBusinessStartHour,
        `must be before workloadBusinessEndHour (${p.workloadBusinessEndHour})`,
      ),
    );
  }
  if (environment === "prod" && p.certificateArn === undefined) {
    problems.push(problem(P.certificateArn, null, "is required in prod (a self-signed certificate is only for dev and staging)"));
  }
  if (p.certificateArn !== undefined && !ACM_ARN.test(p.certificateArn)) {
    problems.push(problem(P.certificateArn, p.certificateArn, "must be an ACM certificate ARN in us-east-1"));
  }
  if (p.apiDomainName !== undefined && !DNS_NAME.test(p.apiDomainName)) {
    problems.push(problem(P.apiDomainName, p.apiDomainName, "must be a lowercase DNS name such as api.payments.example.com"));
  }
  if (p.apiDomainName !== undefined && p.certificateArn === undefined) {
    problems.push(
      problem(
        P.apiDomainName,
        p.apiDomainName,
        "needs certificateArn: the generated self-signed certificate covers no public name",
      ),
    );
  }
  if (p.kmsAdminPrincipalArn !== undefined && !IAM_PRINCIPAL_ARN.test(p.kmsAdminPrincipalArn)) {
    problems.push(
      problem(
        P.kmsAdminPrincipalArn,
        p.kmsAdminPrincipalArn,
        "must be the IAM ARN of an account root, a role or a user: arn:aws:iam::<12-digit account>:root, arn:aws:iam::<account>:role/<name> or arn:aws:iam::<account>:user/<name> (a role's IAM ARN, not an sts assumed-role session)",
      ),
    );
  }
  checkCompliance(p, problems);
  if (p.alarmEmail !== undefined && !EMAIL.test(p.alarmEmail)) {
    problems.push(problem(P.alarmEmail, p.alarmEmail, "must be an email address"));
  }
  for (const key of [P.healthCheckPath, P.containerHealthCheckPath]) {
    if (!p[key.key].startsWith("/")) problems.push(problem(key, p[key.key], "must start with /"));
  }
}

/** Glacier Instant Retrieval bills an object for at least 90 days (https://aws.amazon.com/s3/pricing/). */
const GLACIER_IR_MINIMUM_DAYS = 90;

/** The compliance controls' rules: a usable archive, a lifecycle without early-deletion fees, settings that take effect. */
function checkCompliance(p: KeyValues<PlatformKeys>, problems: string[]): void {
  if (p.auditArchiveBucketName !== undefined && !S3_BUCKET_RULE.pattern.test(p.auditArchiveBucketName)) {
    problems.push(
      problem(
        P.auditArchiveBucketName,
        p.auditArchiveBucketName,
        "must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
      ),
    );
  }
  if (p.auditArchiveColdAfterDays + GLACIER_IR_MINIMUM_DAYS > p.auditArchiveRetentionDays) {
    problems.push(
      problem(
        P.auditArchiveColdAfterDays,
        p.auditArchiveColdAfterDays,
        `must be at least ${GLACIER_IR_MINIMUM_DAYS} days below auditArchiveRetentionDays (${p.auditArchiveRetentionDays}): Glacier Instant Retrieval bills 90 days minimum`,
      ),
    );
  }
  if (!p.dnsFirewall && p.dnsFirewallAllowedDomains.trim() !== "") {
    problems.push(
      problem(
        P.dnsFirewallAllowedDomains,
        p.dnsFirewallAllowedDomains,
        "has no effect while dnsFirewall is false; set dnsFirewall true or remove it",
      ),
    );
  }
}

/**
 * Compliance settings that a set key would not change: refused, so nobody believes a setting holds
 * that the stack ignores. `isSet` tells a key written in the stack file from its default.
 */
export function checkComplianceSettingsTakeEffect(
  p: KeyValues<PlatformKeys>,
  isSet: (key: string) => boolean,
  problems: string[],
): void {
  const archived = archiveNeeded(p);
  if (p.auditArchiveBucketName !== undefined && !archived) {
    problems.push(
      problem(
        P.auditArchiveBucketName,
        p.auditArchiveBucketName,
        "has no effect while albAccessLogs, vpcFlowLogs and auditEventsToArchive are all false; turn one on or remove it",
      ),
    );
  }
  for (const key of [P.auditArchiveRetentionDays, P.auditArchiveColdAfterDays]) {
    if (!isSet(key.key)) continue;
    if (p.auditArchiveBucketName !== undefined) {
      problems.push(
        problem(
          key,
          p[key.key],
          "has no effect with auditArchiveBucketName: the log-archive account's bucket keeps its own lifecycle; remove it",
        ),
      );
    } else if (!archived) {
      problems.push(problem(key, p[key.key], "has no effect while no log goes to the archive; remove it"));
    }
  }
  if (isSet(P.wafRateLimitPerFiveMinutes.key) && p.wafMode === "off") {
    problems.push(
      problem(
        P.wafRateLimitPerFiveMinutes,
        p.wafRateLimitPerFiveMinutes,
        "has no effect while wafMode is off; set wafMode block or count, or remove it",
      ),
    );
  }
}

/**
 * A lognormal's coefficient of variation set for a phase whose shape is not lognormal would change
 * nothing: refused, naming both keys.
 */
export function checkTimeShapeSettingsTakeEffect(
  p: KeyValues<PlatformKeys>,
  isSet: (key: string) => boolean,
  problems: string[],
): void {
  const pairs = [
    [P.workloadCpuTimeShape, P.workloadCpuTimeCvPercent],
    [P.workloadNonCpuLatencyShape, P.workloadNonCpuLatencyCvPercent],
  ] as const;
  for (const [shape, cv] of pairs) {
    if (isSet(cv.key) && p[shape.key] !== "lognormal") {
      problems.push(
        problem(cv, p[cv.key], `has no effect while ${shape.key} is ${p[shape.key]}; set ${shape.key} lognormal or remove it`),
      );
    }
  }
}

/** `stepScalingSteps: auto` for a CPU target: one step AUTO_STEP_SCALING.marginPercent above it (at most 100%). */
export function autoStepScaling(cpuTargetPercent: number, evaluationPeriods: number): StepScalingSpec {
  return stepAboveTarget(cpuTargetPercent, AUTO_STEP_SCALING.marginPercent, AUTO_STEP_SCALING.addPercent, evaluationPeriods);
}

/** The platform's cap on one step's addPercent (AAS documents none: ScalingAdjustment is an integer). */
export const MAX_STEP_ADD_PERCENT = 1000;

const STEP_ENTRY = /^(\d+):(\d+)$/;

/**
 * stepScalingSteps and stepScalingEvaluationPeriods -> the web service's step-scaling policy, or
 * null for "off"; "auto" is autoStepScaling at the web service's CPU target. The rules for steps mirror what Application Auto Scaling accepts and what keeps
 * the policy useful: step adjustments neither overlap nor leave a gap, so the CPU percents ascend
 * strictly (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html);
 * a scale-out step adds a positive whole percent; the first step sits above the CPU target, or its
 * alarm would add tasks while target tracking removes them toward the target; a Fargate task's CPU
 * utilization stays at or below 100%. Evaluation periods with step scaling off would change nothing.
 */
export function parseStepScaling(
  p: KeyValues<PlatformKeys>,
  cpuTargetKey: NamedKey,
  cpuTargetPercent: number,
  isSet: (key: string) => boolean,
  problems: string[],
): StepScalingSpec | null {
  const raw = p.stepScalingSteps;
  if (raw === "off") {
    if (isSet(P.stepScalingEvaluationPeriods.key)) {
      problems.push(
        problem(
          P.stepScalingEvaluationPeriods,
          p.stepScalingEvaluationPeriods,
          "has no effect while stepScalingSteps is off; set stepScalingSteps auto or steps, or remove it",
        ),
      );
    }
    return null;
  }
  if (raw === "auto") return autoStepScaling(cpuTargetPercent, p.stepScalingEvaluationPeriods);
  const steps: ScalingStep[] = [];
  for (const token of raw.split(",").map((t) => t.trim())) {
    const match = STEP_ENTRY.exec(token);
    if (match === null) {
      problems.push(
        problem(
          P.stepScalingSteps,
          raw,
          `entry "${token}" must be CPU:percent in whole numbers, as 85:50 (from 85% CPU add 50%), or the whole value auto or off`,
        ),
      );
      return null;
    }
    steps.push({ fromCpuPercent: Number(match[1]), addPercent: Number(match[2]) });
  }
  const before = problems.length;
  steps.forEach((step, i) => {
    const label = `step ${i + 1} (${step.fromCpuPercent}:${step.addPercent})`;
    if (i > 0 && step.fromCpuPercent <= steps[i - 1].fromCpuPercent) {
      problems.push(
        problem(
          P.stepScalingSteps,
          raw,
          `${label} must start above step ${i}'s ${steps[i - 1].fromCpuPercent}% CPU: the CPU percents ascend strictly (no duplicate, in order)`,
        ),
      );
    }
    if (step.fromCpuPercent > 100) {
      problems.push(problem(P.stepScalingSteps, raw, `${label} starts above 100% CPU, which a Fargate service never reaches`));
    }
    if (step.addPercent < 1 || step.addPercent > MAX_STEP_ADD_PERCENT) {
      problems.push(
        problem(P.stepScalingSteps, raw, `${label} must add 1 to ${MAX_STEP_ADD_PERCENT} percent of the desired count`),
      );
    }
  });
  if (steps[0].fromCpuPercent <= cpuTargetPercent) {
    problems.push(
      problem(
        P.stepScalingSteps,
        raw,
        `the first step's ${steps[0].fromCpuPercent}% CPU must be above ${cpuTargetKey.key} (${cpuTargetPercent}): at or below the target the step alarm adds tasks while target tracking scales in toward it`,
      ),
    );
  }
  return problems.length > before ? null : { evaluationPeriods: p.stepScalingEvaluationPeriods, steps };
}
