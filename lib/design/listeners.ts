/**
 * The ALB's listeners as data: HTTPS on 443 with a TLS 1.3 policy, and port 80 that only redirects.
 * lib/infra/loadBalancer.ts creates them and verify reads the deployed ones back against the same values.
 */

/** TLS 1.3 with TLS 1.2 fallback (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html). */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;

/** Port 80's only action: a permanent redirect to HTTPS on 443, path and query kept. */
export const HTTP_TO_HTTPS_REDIRECT = { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" } as const;
