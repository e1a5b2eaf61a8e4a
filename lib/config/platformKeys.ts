/**
 * The platform's config keys (one per stack); each service's own keys come from serviceKeys.ts.
 * Each key is written once, with its type, description, per-environment default and rule. Pulumi.yaml
 * and the README's key table are generated from this table and the service keys (`npm run schema -- --write`).
 */
import { boolean, choice, ENVIRONMENTS, integer, named, perEnv, text } from "./keyTable";

export const PLATFORM_KEYS = named({
  // --- identity and tags
  environmentSuffix: text({
    required: true,
    example: "dev",
    description:
      "Suffix of every resource name (lowercase letters, digits, hyphens; length limited by the 32-character ALB name).",
  }),
  environment: choice(ENVIRONMENTS, {
    defaults: "dev",
    example: "prod",
    description: "Environment class; selects the per-environment defaults of the other keys.",
  }),
  costCenter: text({ defaults: "payments", example: "payments", description: "CostCenter cost-allocation tag." }),
  owner: text({ defaults: "platform-team", example: "platform-team", description: "Owner cost-allocation tag." }),
  // --- network
  vpcCidr: text({
    defaults: "10.0.0.0/16",
    example: "10.0.0.0/16",
    description: "VPC IPv4 range, /16 to /24; cut into 8 equal blocks for public and private subnets.",
  }),
  availabilityZoneCount: integer({
    defaults: perEnv(2, 2, 3),
    min: 2,
    max: 3,
    example: "3",
    description: "Availability Zones the VPC and services span (2 or 3).",
  }),
  natGateways: choice(["single", "perAz"], {
    defaults: perEnv("single", "single", "perAz"),
    example: "perAz",
    description: "One shared NAT gateway, or one per AZ (no cross-AZ dependency).",
  }),
  interfaceEndpoints: choice(["on", "off", "auto"], {
    defaults: "auto",
    example: "auto",
    description:
      "Interface endpoints for ECR api, ECR dkr and CloudWatch Logs: on, off, or auto (the cost model deploys them only when they cost less than sending that traffic through NAT).",
  }),
  createServiceLinkedRoles: boolean({
    defaults: false,
    example: "false",
    description:
      "Create the ECS, ELB and Application Auto Scaling service-linked roles before the cluster and the ALB (kept on destroy); they exist once per account, so only the first stack in an account that never ran ECS sets this (docs/deployment.md).",
  }),
  // lib/infra/keyPolicy.ts: the account root keeps administration (the deployer and KMS's lockout
  // safety check need it); this principal is added beside it. It must exist, or KMS rejects the policy.
  kmsAdminPrincipalArn: text({
    example: "arn:aws:iam::123456789012:role/payments-key-admin",
    description:
      "IAM role, user or account root (arn:aws:iam::<account>:root|role/...|user/...) that administers the stack's KMS key beside this account's root: describe, policy, rotation, tags, enable/disable, deletion, aliases, grant listing and revocation; never encrypt or decrypt. A security team uses a role of this account it can assume (KMS allows another account's principals only describe, rotation status and grants). Unset: the account root alone, through IAM policies (docs/deployment.md, Key administration).",
  }),
  referenceServiceEmulatesWorkload: boolean({
    defaults: true,
    example: "true",
    description:
      "The reference service burns workloadCpuMsPerRequest of CPU and waits workloadNonCpuLatencyMs per payment request (WORK_MS, DOWNSTREAM_MS, and the latency's shape as DOWNSTREAM_SHAPE/DOWNSTREAM_CV_PERCENT), so a load test measures what the SLO model predicts; false runs it as a plain service.",
  }),
  tablePointInTimeRecovery: boolean({
    defaults: perEnv(false, true, true),
    example: "true",
    description:
      "Point-in-time recovery (35 days of continuous backups) on the payments table; priced per GB-month. Off in dev, where the data is disposable.",
  }),
  cpuArchitecture: choice(["ARM64", "X86_64"], {
    defaults: "ARM64",
    example: "ARM64",
    description:
      "Task CPU architecture of every service; ARM64 (Graviton) is 20% cheaper per vCPU-hour. Images must be built for it.",
  }),
  // --- the load-balanced (web) service: one per stack, so these keys carry no service prefix
  // Ports below 1024 need root, and the containers run as a non-root user (lib/infra/containerDefinitions.ts).
  containerPort: integer({
    defaults: 8080,
    min: 1024,
    max: 65535,
    example: "8080",
    description: "Port the web (API) container listens on (1024-65535: the container runs as a non-root user).",
  }),
  healthCheckPath: text({
    defaults: "/ready",
    example: "/ready",
    description:
      "HTTP path of the target-group health check (readiness). The reference service answers /ready 503 from SIGTERM on, so the ALB stops routing to a draining task.",
  }),
  containerHealthCheckPath: text({
    defaults: "/health",
    example: "/health",
    description:
      "HTTP path a configured API image's container health check requests (liveness: a failing check gets the task replaced, so not the readiness path). The reference image checks /health itself.",
  }),
  // Must exceed the ALB idle timeout, whose maximum is 4000 s (see albIdleTimeoutSeconds).
  appKeepAliveTimeoutSeconds: integer({
    defaults: 75,
    min: 2,
    max: 4001,
    example: "75",
    description:
      "HTTP keep-alive of the application server (passed as KEEP_ALIVE_TIMEOUT_SECONDS); must exceed albIdleTimeoutSeconds or the ALB gets 502s.",
  }),
  // ECS accepts up to 2,147,483,647 s (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html).
  healthCheckGracePeriodSeconds: integer({
    defaults: 30,
    min: 0,
    max: 2147483647,
    example: "30",
    description: "Seconds ECS ignores failing ALB health checks of a new task.",
  }),
  // --- load balancer
  certificateArn: text({
    example: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666",
    description: "ACM certificate of the HTTPS listener; required in prod, elsewhere a self-signed one is generated.",
  }),
  apiDomainName: text({
    example: "api.payments.example.com",
    description:
      "The API's DNS name, a CNAME or alias to the ALB that you manage (the stack creates no DNS record); certificateArn must cover it. verify asks the ALB for it (TLS server name and Host) and checks the certificate's name, without resolving the record; preflight checks the certificate covers it.",
  }),
  // ALB idle timeout 1-4000 s (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout).
  albIdleTimeoutSeconds: integer({
    defaults: 60,
    min: 1,
    max: 4000,
    example: "60",
    description: "ALB idle timeout; below appKeepAliveTimeoutSeconds.",
  }),
  // AWS allows 0-3600 s; this platform caps draining at 60 s
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#deregistration-delay).
  deregistrationDelaySeconds: integer({
    defaults: 30,
    min: 0,
    max: 60,
    example: "30",
    description: "Connection draining on deregistration (<= 60 and below the web service's stop timeout).",
  }),
  // Target group health checks: interval 5-300 s, timeout 2-120 s, thresholds 2-10
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html); the
  // platform narrows interval and healthy threshold. A newly registered target needs one passing check (same page).
  healthCheckIntervalSeconds: integer({
    defaults: 10,
    min: 5,
    max: 15,
    example: "10",
    description: "Target-group health-check interval (5-15 s here; AWS allows up to 300).",
  }),
  healthCheckTimeoutSeconds: integer({
    defaults: 5,
    min: 2,
    max: 14,
    example: "5",
    description: "Target-group health-check timeout; below the interval.",
  }),
  healthyThreshold: integer({
    defaults: 2,
    min: 2,
    max: 3,
    example: "2",
    description:
      "Consecutive passes before an unhealthy target takes traffic again (2-3 here; AWS allows up to 10); a newly registered target needs one.",
  }),
  unhealthyThreshold: integer({
    defaults: 3,
    min: 2,
    max: 10,
    example: "3",
    description: "Consecutive failures before a target is marked unhealthy.",
  }),
  // --- autoscaling (the cooldowns and metric resolution apply to every service; the rest to the web service)
  memoryTargetPercent: integer({
    defaults: 75,
    min: 10,
    max: 95,
    example: "75",
    description: "Target-tracking memory utilization of the web (API) service (percent).",
  }),
  requestsPerTargetPerMinute: integer({
    defaults: perEnv(3000, 2400, 2400),
    min: 1,
    max: 1000000,
    example: "2400",
    description: "ALBRequestCountPerTarget target of the web (API) service (requests per task per minute).",
  }),
  scaleOutCooldownSeconds: integer({
    defaults: 30,
    min: 0,
    max: 60,
    example: "30",
    description: "Scale-out cooldown of every service (<= 60 s: fast scale-out).",
  }),
  scaleInCooldownSeconds: integer({
    defaults: 300,
    min: 300,
    max: 3600,
    example: "300",
    description: "Scale-in cooldown of every service (>= 300 s: slow scale-in).",
  }),
  // Step scaling (lib/spec/platformSpec.ts StepScalingSpec): PercentChangeInCapacity steps, scale-out only
  // (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html).
  stepScalingSteps: text({
    // A string, not the literal "auto": the key also takes off and CPU:percent steps.
    defaults: "auto" as string,
    example: "85:50,95:100",
    description:
      "Step-scaling policy of the web (API) service beside target tracking, on the same CPU metric: 'auto' (one step 10 points above the CPU target adding 200% of the desired count), 'off', or ascending CPU:percent pairs, '85:50,95:100' = from 85% CPU add 50% of the desired count, from 95% add 100% (at least one task, within the maximum; its cooldown is the time its tasks take to reach the metric, docs/slo-model.md; each CPU percent above the CPU target and at most 100).",
  }),
  // CloudWatch: Period x EvaluationPeriods at most one day for periods under an hour
  // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html): 1440 x 60 s.
  stepScalingEvaluationPeriods: integer({
    defaults: 1,
    min: 1,
    max: 1440,
    example: "2",
    description:
      "Consecutive CPU datapoints (20 s each with highResolutionMetrics, else 60 s) at or above the first step's CPU percent before the step-scaling alarm fires; not with stepScalingSteps off.",
  }),
  highResolutionMetrics: boolean({
    defaults: true,
    example: "true",
    description: "Every service publishes 20-second CPU/memory metrics and tracks them (false: the 60-second metrics).",
  }),
  scheduledScaling: boolean({
    defaults: perEnv(true, true, true),
    example: "false",
    description: "Lower the web (API) service's minimum to offHoursMinTasks at night and on weekends.",
  }),
  offHoursMinTasks: integer({
    defaults: perEnv(1, 1, 3),
    min: 0,
    max: 1000,
    example: "1",
    description: "Web (API) service minimum outside business hours when scheduledScaling is on.",
  }),
  predictiveScaling: choice(["off", "forecastOnly", "forecastAndScale"], {
    defaults: "forecastOnly",
    example: "forecastOnly",
    description: "Predictive scaling policy of the web (API) service: off, forecastOnly (observe) or forecastAndScale.",
  }),
  // --- observability
  // CloudWatch Logs accepts only listed retention values, 7 and 14 in this range:
  // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
  logRetentionDays: integer({
    defaults: perEnv(7, 14, 14),
    min: 7,
    max: 14,
    allowed: [7, 14],
    example: "14",
    description: "CloudWatch log retention in days: 7 or 14 (the values CloudWatch accepts between 7 and 14).",
  }),
  containerInsights: choice(["enhanced", "enabled"], {
    defaults: perEnv("enhanced", "enabled", "enabled"),
    example: "enhanced",
    description:
      "Container Insights on the cluster: enhanced (task- and container-level metrics) or enabled (service level, fewer custom metrics). The running-tasks alarms need either.",
  }),
  logClass: choice(["STANDARD", "INFREQUENT_ACCESS"], {
    defaults: perEnv("STANDARD", "STANDARD", "INFREQUENT_ACCESS"),
    example: "STANDARD",
    description:
      "CloudWatch log class of the services' log groups (INFREQUENT_ACCESS halves ingestion cost but has no metric filters or Live Tail, and had no subscription filters at launch: docs/compliance.md). The audit and WAF log groups are Standard whatever this says.",
  }),
  alarmEmail: text({
    example: "oncall@example.com",
    description: "Email subscribed to the alarm topic (confirm the subscription mail).",
  }),
  // --- compliance controls (docs/compliance.md): each priced in the plan's compliance section,
  // outside the like-for-like savings against the baseline.
  wafMode: choice(["off", "count", "block"], {
    defaults: perEnv("off", "block", "block"),
    example: "block",
    description:
      "WAFv2 web ACL on the ALB (AWS managed common, known-bad-inputs and IP-reputation rule groups plus a per-client-IP rate limit): block, count (rules only log what they would block) or off. Required in prod by the policy pack (PCI DSS v4 6.4.2): off in prod makes the plan exit 10.",
  }),
  // WAF rate-based rules: the limit is requests per client IP per evaluation window (5 minutes here).
  // AWS's floor was 2,000 until August 2019, 100 from then until mid-2024 and is 10 since
  // (https://aws.amazon.com/about-aws/whats-new/2019/08/lower-threshold-for-aws-waf-rate-based-rules/,
  // https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html);
  // the key's minimum stays 100, which both floors accept.
  wafRateLimitPerFiveMinutes: integer({
    defaults: 30000,
    min: 100,
    max: 2000000000,
    example: "30000",
    description:
      "Requests one client IP may send in 5 minutes before the WAF rate rule blocks (or counts) it; the default is 100 requests per second sustained, above a single merchant integration's share of the peak.",
  }),
  albAccessLogs: boolean({
    defaults: true,
    example: "true",
    description:
      "ALB access logs to the audit archive bucket (PCI DSS v4 10.2.1); S3 storage only, ELB delivers them free. Required by the policy pack: false makes the plan exit 10 (`--compare albAccessLogs=false` still prices the difference).",
  }),
  vpcFlowLogs: boolean({
    defaults: true,
    example: "true",
    description:
      "VPC flow logs of all traffic to the audit archive bucket in Parquet (PCI DSS v4 10.2.1; CIS AWS Foundations: VPC flow logging in every VPC). Required by the policy pack: false makes the plan exit 10.",
  }),
  auditEventsToArchive: boolean({
    defaults: true,
    example: "true",
    description:
      "Ship the audit events (the reference service's payment events, written to a separate blocking audit stream and log group) and the WAF logs from CloudWatch Logs to the audit archive through Firehose.",
  }),
  auditArchiveBucketName: text({
    example: "acme-log-archive-us-east-1",
    description:
      "An existing S3 bucket (a log-archive account's) that receives the access logs, flow logs and audit events; the stack then creates no bucket, so a `pulumi destroy` cannot erase the audit trail. Its bucket policy must admit the writers (docs/compliance.md, Audit archive: a log-archive account). Unset: the stack creates its own archive bucket.",
  }),
  // PCI DSS v4 10.5.1: audit log history kept for at least 12 months; 366 days covers 12 months
  // across a February 29 (https://www.pcisecuritystandards.org/document_library/).
  auditArchiveRetentionDays: integer({
    defaults: 366,
    min: 366,
    max: 3650,
    example: "366",
    description:
      "Days the stack's archive bucket keeps an object before its lifecycle rule expires it (at least 366: 12 months).",
  }),
  auditArchiveColdAfterDays: integer({
    defaults: 30,
    min: 1,
    max: 3650,
    example: "30",
    description:
      "Days an archived object stays in S3 Standard before the lifecycle moves it to Glacier Instant Retrieval (millisecond reads, so all 12 months stay immediately available); at least 90 days before auditArchiveRetentionDays (Glacier Instant Retrieval bills 90 days minimum).",
  }),
  dnsFirewall: boolean({
    defaults: false,
    example: "true",
    description:
      "Route 53 Resolver DNS Firewall on the VPC: answers only AWS API names, the stack's service-discovery namespace and dnsFirewallAllowedDomains, blocks every other name (priced per domain and per million queries).",
  }),
  dnsFirewallAllowedDomains: text({
    defaults: "",
    example: "api.cardnetwork.example.com,*.partner.example.com",
    description:
      "Comma-separated partner domains the services may resolve when dnsFirewall is on, each a DNS name or *.name for its subdomains; AWS API names and the service-discovery namespace are always allowed.",
  }),
  targetP99Ms: integer({
    defaults: 200,
    min: 1,
    max: 60000,
    example: "200",
    description: "p99 response-time objective (ms): the latency alarm threshold and the SLO model's bar.",
  }),
  monthlyBudgetUsd: integer({
    min: 1,
    max: 10000000,
    example: "450",
    description:
      "AWS Budgets monthly limit for the stack's cost-allocation tag (USD). Unset: the cost model's estimate plus 25%, rounded up to 50 USD.",
  }),
  // --- workload profile of the web service (cost and SLO models)
  workloadPeakRps: integer({
    defaults: 250,
    min: 1,
    max: 1000000,
    example: "250",
    description: "Weekday 09:00-18:00 US Eastern request rate.",
  }),
  workloadNightRps: integer({ defaults: 25, min: 0, max: 1000000, example: "25", description: "Night request rate." }),
  workloadBusinessStartHour: integer({
    defaults: 9,
    min: 0,
    max: 23,
    example: "9",
    description: "Start of business hours (US Eastern).",
  }),
  workloadBusinessEndHour: integer({
    defaults: 18,
    min: 1,
    max: 24,
    example: "18",
    description: "End of business hours (US Eastern).",
  }),
  workloadRampHours: integer({
    defaults: 2,
    min: 0,
    max: 6,
    example: "2",
    description: "Linear ramp on each side of business hours.",
  }),
  workloadWeekendPercent: integer({
    defaults: 40,
    min: 0,
    max: 100,
    example: "40",
    description: "Weekend traffic as a percentage of the weekday curve.",
  }),
  workloadCpuMsPerRequest: integer({
    defaults: 10,
    min: 1,
    max: 10000,
    example: "10",
    description: "vCPU milliseconds per request.",
  }),
  workloadCpuTimeShape: choice(["exponential", "lognormal", "deterministic"], {
    defaults: "exponential",
    example: "exponential",
    description:
      "Distribution of the CPU time per request around workloadCpuMsPerRequest in the SLO model: exponential (CV 1), lognormal (CV from workloadCpuTimeCvPercent, default 100) or deterministic (docs/slo-model.md, service times).",
  }),
  workloadCpuTimeCvPercent: integer({
    min: 1,
    max: 1000,
    example: "100",
    description:
      "Coefficient of variation of a lognormal CPU time (percent; unset: 100); only with workloadCpuTimeShape lognormal.",
  }),
  workloadNonCpuLatencyMs: integer({
    defaults: 30,
    min: 0,
    max: 10000,
    example: "30",
    description: "Mean non-CPU latency per request (network, downstream calls); holds no CPU.",
  }),
  workloadNonCpuLatencyShape: choice(["exponential", "lognormal", "deterministic"], {
    defaults: "lognormal",
    example: "lognormal",
    description:
      "Distribution of the non-CPU latency around workloadNonCpuLatencyMs in the SLO model: exponential, lognormal (CV from workloadNonCpuLatencyCvPercent, default 100) or deterministic.",
  }),
  workloadNonCpuLatencyCvPercent: integer({
    min: 1,
    max: 1000,
    example: "100",
    description:
      "Coefficient of variation of a lognormal non-CPU latency (percent; unset: 100); only with workloadNonCpuLatencyShape lognormal.",
  }),
  workloadRequestKb: integer({ defaults: 2, min: 0, max: 100000, example: "2", description: "Request size (KB)." }),
  workloadResponseKb: integer({ defaults: 2, min: 0, max: 100000, example: "2", description: "Response size (KB)." }),
  workloadLogKbPerRequest: integer({
    defaults: 1,
    min: 0,
    max: 10000,
    example: "1",
    description: "Application log written per request (KB).",
  }),
  workloadNewConnectionPercent: integer({
    defaults: 10,
    min: 0,
    max: 100,
    example: "10",
    description: "Requests that open a new connection (percent).",
  }),
  workloadPaymentCreatePercent: integer({
    defaults: 10,
    min: 0,
    max: 100,
    example: "10",
    description: "Requests that create a payment (the rest read one back); prices the payments table's writes.",
  }),
  workloadImageMb: integer({
    defaults: 150,
    min: 1,
    max: 100000,
    example: "150",
    description: "Image size pulled at each task start (MB).",
  }),
  // --- cost and SLO targets
  minSavingsPercent: integer({
    defaults: 40,
    min: 0,
    max: 100,
    example: "40",
    description: "Savings against the baseline the plan requires (exit 3 below it).",
  }),
  spotDiscountPercent: integer({
    defaults: 65,
    min: 0,
    max: 90,
    example: "65",
    description: "Fargate Spot discount assumed by the cost model (AWS: 'up to 70%', not fixed).",
  }),
  // Unset: derived from workloadImageMb (lib/aws/timings.ts fargateTaskLaunchSeconds, fitted to published measurements).
  taskLaunchSeconds: integer({
    min: 1,
    max: 600,
    example: "45",
    description:
      "Seconds from a scale-out decision to a running task in the SLO model (image pull dominates). Unset: derived from workloadImageMb, 20 s + the image at 18 MB/s (29 s for 150 MB); set it to a measured launch time, say for images pulled through NAT.",
  }),
  // --- cost baseline: the unoptimized setup the savings are measured against (lib/models/cost/baseline.ts);
  // each service's baseline fleet is among its own keys (serviceKeys.ts)
  baselineArchitecture: choice(["ARM64", "X86_64"], {
    defaults: "X86_64",
    example: "X86_64",
    description: "Baseline: task CPU architecture.",
  }),
  baselineAvailabilityZoneCount: integer({
    defaults: 3,
    min: 2,
    max: 3,
    example: "3",
    description: "Baseline: Availability Zones.",
  }),
  baselineNatGateways: choice(["single", "perAz"], {
    defaults: "perAz",
    example: "perAz",
    description: "Baseline: one NAT gateway, or one per AZ.",
  }),
  baselineLogRetentionDays: integer({
    defaults: 0,
    min: 0,
    max: 3653,
    example: "0",
    description: "Baseline: log retention in days; 0 means never expire, costed at its steady state after 12 months.",
  }),
  baselineLogClass: choice(["STANDARD", "INFREQUENT_ACCESS"], {
    defaults: "STANDARD",
    example: "STANDARD",
    description: "Baseline: CloudWatch log class.",
  }),
  baselineContainerInsights: choice(["disabled", "enabled", "enhanced"], {
    defaults: "enabled",
    example: "enabled",
    description: "Baseline: Container Insights on the cluster (disabled, enabled, or enhanced).",
  }),
});

export type PlatformKeys = typeof PLATFORM_KEYS;
