/**
 * What the workload moves: bytes through the load balancer and out to clients, application logs,
 * image pulls, and the ALB capacity units they add up to. Pure functions of the spec.
 */
import { ALB_LCU } from "../../aws/prices";
import { LoadBalancerSpec, PlatformSpec, WorkloadProfile } from "../../spec";
import { WEEKS_PER_MONTH, monthlyRequests, rpsByHourOfWeek } from "../../spec/workload";
import {
  ECR_NON_LAYER_SHARE,
  KB_PER_GB,
  LISTENER_RULES_PER_REQUEST,
  MB_PER_GB,
  REQUEST_HEADER_KB,
  RESPONSE_HEADER_KB,
  TLS_HANDSHAKE_SERVER_KB,
} from "./assumptions";

/** Application log bytes the web service writes in a month (GB). The workers' own logs are not in the profile. */
export function applicationLogGb(workload: WorkloadProfile): number {
  return (monthlyRequests(workload) * workload.logKbPerRequest) / KB_PER_GB;
}

/**
 * KB the ALB processes per request, its LCU processed-bytes dimension ("HTTP header and HTTP
 * payload"): the request and response bodies (workloadRequestKb, workloadResponseKb) and their headers.
 */
export function processedKbPerRequest(workload: WorkloadProfile): number {
  return workload.requestKb + REQUEST_HEADER_KB + workload.responseKb + RESPONSE_HEADER_KB;
}

/**
 * KB sent out to clients per request: the response body and headers, and the server's side of the
 * TLS handshake on the share of requests that open a new connection.
 */
export function egressKbPerRequest(workload: WorkloadProfile): number {
  return workload.responseKb + RESPONSE_HEADER_KB + workload.newConnectionFraction * TLS_HANDSHAKE_SERVER_KB;
}

/** Bytes sent to clients in a month (GB): data transfer out to the internet (egressKbPerRequest). */
export function responseGb(workload: WorkloadProfile): number {
  return (monthlyRequests(workload) * egressKbPerRequest(workload)) / KB_PER_GB;
}

/** Bytes of `taskStarts` image pulls (GB). */
export function imagePullGb(workload: WorkloadProfile, taskStarts: number): number {
  return (taskStarts * workload.imageMb) / MB_PER_GB;
}

/**
 * Bytes the tasks send to AWS APIs outside the VPC that would otherwise cross the NAT gateway:
 * application logs (CloudWatch Logs) and the non-layer share of image pulls (ECR API and registry).
 * Image layers come from S3 through the free gateway endpoint and are not counted.
 */
export function awsApiEgressGb(workload: WorkloadProfile, taskStarts: number): number {
  return applicationLogGb(workload) + imagePullGb(workload, taskStarts) * ECR_NON_LAYER_SHARE;
}

/** ALB capacity units one hour at `rps` uses on each dimension, and the billed (highest) one. */
export interface LcuUsage {
  newConnections: number;
  activeConnections: number;
  processedBytes: number;
  ruleEvaluations: number;
  billed: number;
}

/**
 * LCUs of one hour at a steady request rate.
 * - new connections/s = rps x newConnectionFraction;
 * - active connections = new connections/s x connection lifetime, where a connection lives at least
 *   the ALB idle timeout after its last request (Little's law; time between its requests ignored);
 * - processed GB/h = rps x processedKbPerRequest (bodies and headers) x 3600 / 2^20;
 * - rule evaluations/s = rps x (rules evaluated - 10 free), never below 0.
 */
export function lcuForRate(workload: WorkloadProfile, loadBalancer: LoadBalancerSpec, rps: number): LcuUsage {
  const newConnectionsPerSecond = rps * workload.newConnectionFraction;
  const activeConnections = newConnectionsPerSecond * loadBalancer.idleTimeoutSeconds;
  const processedGbPerHour = (rps * processedKbPerRequest(workload) * 3600) / KB_PER_GB;
  const ruleEvaluationsPerSecond = rps * Math.max(0, LISTENER_RULES_PER_REQUEST - ALB_LCU.freeRulesPerRequest);
  const usage = {
    newConnections: newConnectionsPerSecond / ALB_LCU.newConnectionsPerSecond,
    activeConnections: activeConnections / ALB_LCU.activeConnectionsPerMinute,
    processedBytes: processedGbPerHour / ALB_LCU.processedGbPerHour,
    ruleEvaluations: ruleEvaluationsPerSecond / ALB_LCU.ruleEvaluationsPerSecond,
  };
  return {
    ...usage,
    billed: Math.max(usage.newConnections, usage.activeConnections, usage.processedBytes, usage.ruleEvaluations),
  };
}

/** LCU-hours in a month: each hour of the reference week billed on its highest dimension. */
export function monthlyLcuHours(spec: PlatformSpec): number {
  const weekly = rpsByHourOfWeek(spec.workload).reduce(
    (sum, rps) => sum + lcuForRate(spec.workload, spec.loadBalancer, rps).billed,
    0,
  );
  return weekly * WEEKS_PER_MONTH;
}
