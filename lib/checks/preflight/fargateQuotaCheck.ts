/**
 * The account's Fargate vCPU quotas against what the stack runs at its maximum: each service's
 * maxTasks split over FARGATE and FARGATE_SPOT by its strategy, times its task vCPU, and during a
 * rolling deployment up to maximumPercent of that (ECS starts the new tasks before it stops the old).
 * Without the quota, tasks stay PENDING and the deployment rolls back.
 *
 * Quota codes (service code `fargate`): "Fargate On-Demand vCPU resource count" L-3032A538 and
 * "Fargate Spot vCPU resource count" L-36FBB829. The quotas, their names and that both are
 * per-account, per-Region: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html#service-quotas-fargate
 * (that page names the quotas; the codes are the ones `aws service-quotas list-service-quotas
 * --service-code fargate` lists, as published listings of its output show). A code that AWS answers
 * with another quota's name is reported in the finding.
 */
import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand } from "@aws-sdk/client-service-quotas";
import { vcpuOf } from "../../aws/fargateSizes";
import { ROLLING_DEPLOYMENT } from "../../design/serviceDeployment";
import { splitByCapacityProvider } from "../../models/fleet/steadyState";
import { PlatformSpec, serviceList } from "../../spec";
import { AwsClients } from "../awsClients";
import { fail, Finding, pass, warn } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { PreflightContext } from "./preflightContext";

export const FARGATE_SERVICE_CODE = "fargate";

export interface FargateQuota {
  capacityProvider: "FARGATE" | "FARGATE_SPOT";
  code: string;
  name: string;
}

export const FARGATE_QUOTAS: readonly FargateQuota[] = [
  { capacityProvider: "FARGATE", code: "L-3032A538", name: "Fargate On-Demand vCPU resource count" },
  { capacityProvider: "FARGATE_SPOT", code: "L-36FBB829", name: "Fargate Spot vCPU resource count" },
];

/** "14.5 vCPU": at most two decimals (0.25 vCPU tasks), no trailing zeros. */
const vcpu = (value: number): string => `${Number(value.toFixed(2))} vCPU`;

/** vCPU on each capacity provider, in total and per service (for the explanation). */
export interface VcpuNeed {
  FARGATE: number;
  FARGATE_SPOT: number;
  /** Per service: "api 19 x 1 vCPU: 5 FARGATE + 14 FARGATE_SPOT". */
  detail: string[];
}

/**
 * What the stack's services run with every service at `percent` of its maxTasks (100: at max;
 * maximumPercent: mid-rollout). ECS does not say whether a rollout's new tasks get the strategy's
 * base again or share the old tasks' base, so mid-rollout each capacity provider gets the larger of
 * the two placements: old and new tasks split separately, or all of them split as one service.
 */
export function vcpuNeed(spec: PlatformSpec, percent: number): VcpuNeed {
  const need: VcpuNeed = { FARGATE: 0, FARGATE_SPOT: 0, detail: [] };
  for (const service of serviceList(spec)) {
    const split = (tasks: number) =>
      splitByCapacityProvider(tasks, service.onDemandBase, service.onDemandWeight, service.spotWeight);
    // ECS rounds maximumPercent's task count down (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html#sd-deploymentconfiguration).
    const tasks = Math.floor((service.maxTasks * percent) / 100);
    const [old, added, together] = [split(service.maxTasks), split(tasks - service.maxTasks), split(tasks)];
    const onDemand = Math.max(old.onDemand + added.onDemand, together.onDemand);
    const spot = Math.max(old.spot + added.spot, together.spot);
    const taskVcpu = vcpuOf(service.cpu);
    need.FARGATE += onDemand * taskVcpu;
    need.FARGATE_SPOT += spot * taskVcpu;
    need.detail.push(`${service.id} ${tasks} x ${vcpu(taskVcpu)}: ${onDemand} FARGATE + ${spot} FARGATE_SPOT`);
  }
  return need;
}

interface QuotaValue {
  value: number | undefined;
  /** Where the value comes from, for `found`. */
  source: string;
  quotaName: string | undefined;
}

const isNoSuchResource = (error: unknown): boolean => (error as Error).name === "NoSuchResourceException";

/** The account's applied value, or the AWS default when the account has none; undefined when Service Quotas knows neither. */
async function readQuota(clients: AwsClients, code: string): Promise<QuotaValue | undefined> {
  const request = { ServiceCode: FARGATE_SERVICE_CODE, QuotaCode: code };
  try {
    const applied = await clients.quotas.send(new GetServiceQuotaCommand(request));
    return { value: applied.Quota?.Value, source: "applied to this account", quotaName: applied.Quota?.QuotaName };
  } catch (error) {
    if (!isNoSuchResource(error)) throw error;
  }
  try {
    const byDefault = await clients.quotas.send(new GetAWSDefaultServiceQuotaCommand(request));
    return {
      value: byDefault.Quota?.Value,
      source: "the AWS default: no value applied to this account",
      quotaName: byDefault.Quota?.QuotaName,
    };
  } catch (error) {
    if (!isNoSuchResource(error)) throw error;
    return undefined;
  }
}

const SHARED = "account-wide: other Fargate workloads in us-east-1 share it";

function increase(quota: FargateQuota, desired: number): string {
  return (
    `aws service-quotas request-service-quota-increase --region us-east-1 --service-code ${FARGATE_SERVICE_CODE} --quota-code ${quota.code} --desired-value ${Math.ceil(desired)}` +
    " (plus what the account's other Fargate workloads run: the quota is account-wide)"
  );
}

export const fargateQuotaCheck: CheckDefinition<PreflightContext> = {
  id: "account.fargateQuota",
  title: "Fargate vCPU quota",
  failureClass: "account",
  permissions: ["servicequotas:GetServiceQuota", "servicequotas:GetAWSDefaultServiceQuota"],
  async run({ spec, clients }) {
    const atMax = vcpuNeed(spec, 100);
    const rollout = vcpuNeed(spec, ROLLING_DEPLOYMENT.maximumPercent);
    return Promise.all(
      FARGATE_QUOTAS.map(async (quota): Promise<Finding> => {
        const subject = `${quota.name} (${quota.code})`;
        const needMax = atMax[quota.capacityProvider];
        const needRollout = rollout[quota.capacityProvider];
        const expected =
          `at least ${vcpu(needMax)} at every service's maxTasks (${atMax.detail.join("; ")}), ` +
          `${vcpu(needRollout)} during a rolling deployment at maximumPercent ${ROLLING_DEPLOYMENT.maximumPercent}`;
        const read = await readQuota(clients, quota.code);
        if (read?.value === undefined) {
          return fail(
            subject,
            expected,
            `no value in Service Quotas for ${FARGATE_SERVICE_CODE}/${quota.code}`,
            `look the quota up in the Service Quotas console (AWS Fargate, "${quota.name}") and check its code, or ask AWS Support for the account's Fargate vCPU quota`,
          );
        }
        // A code that names another quota would be checked against the wrong number: say so.
        const renamed =
          read.quotaName === undefined || read.quotaName === quota.name ? "" : `; AWS names ${quota.code} "${read.quotaName}"`;
        const found = `${vcpu(read.value)} (${read.source}; ${SHARED}${renamed})`;
        if (read.value < needMax)
          return fail(
            subject,
            expected,
            found,
            `tasks above the quota stay PENDING and the deployment rolls back: ${increase(quota, needRollout)}`,
          );
        if (read.value < needRollout) {
          return warn(
            subject,
            expected,
            found,
            `a rollout at maxTasks leaves new tasks PENDING until old ones stop (a slow rollout, or a circuit-breaker rollback): ${increase(quota, needRollout)}`,
          );
        }
        return pass(subject, expected, found);
      }),
    );
  },
};
