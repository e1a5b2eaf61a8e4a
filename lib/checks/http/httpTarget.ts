/**
 * Where the HTTP checks send their requests: the deployed ALB (https://<dns>, with http://<dns> for
 * the redirect), or a service on this machine (http://127.0.0.1:<port>), which is how `npm test`
 * runs these same checks against the reference service for real.
 */
export interface HttpTarget {
  /** https://<alb dns> on AWS; http://127.0.0.1:<port> locally. */
  baseUrl: string;
  /** The plain-HTTP address that must redirect to baseUrl; undefined when there is none (a local service). */
  redirectFromUrl?: string;
  /**
   * Verify the server's certificate chain. Off for a stack whose ALB serves the self-signed
   * certificate the program generates outside prod (lib/infra/loadBalancer.ts).
   */
  verifyCertificate: boolean;
  /**
   * The API's own DNS name (apiDomainName): sent as the TLS server name and the Host header to the
   * ALB, and the name the certificate must carry. Without it the chain is verified but not the name:
   * an ALB's own DNS name is on no certificate the stack serves.
   */
  serverName?: string;
  /** The web service runs the reference payment service, so the payment round trip applies. */
  paymentsApi: boolean;
  /** The path that must answer 200: the reference service's liveness path, or a configured image's target-group health path. */
  healthPath: string;
  /** Per request. */
  timeoutMs: number;
}

/**
 * Per request: above the ALB's default idle timeout would only wait for a 504, and a healthy
 * payment round trip answers in well under a second.
 */
export const HTTP_CHECK_TIMEOUT_MS = 10_000;

/** The stack's ALB as the HTTP checks and the load test reach it. */
export function stackHttpTarget(
  spec: { loadBalancer: { certificateArn?: string; domainName?: string } },
  albDnsName: string,
  web: { healthPath: string; paymentsApi: boolean },
): HttpTarget {
  return {
    baseUrl: `https://${albDnsName}`,
    redirectFromUrl: `http://${albDnsName}`,
    verifyCertificate: spec.loadBalancer.certificateArn !== undefined,
    ...(spec.loadBalancer.domainName === undefined ? {} : { serverName: spec.loadBalancer.domainName }),
    paymentsApi: web.paymentsApi,
    healthPath: web.healthPath,
    timeoutMs: HTTP_CHECK_TIMEOUT_MS,
  };
}

/** Where the API answers for its callers: the API's own name when it has one, else the address called. */
export function publicBaseUrl(target: Pick<HttpTarget, "baseUrl" | "serverName">): string {
  return target.serverName === undefined ? target.baseUrl : `https://${target.serverName}`;
}
