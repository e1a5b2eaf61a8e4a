/**
 * The ALB's listeners as data: HTTPS on 443 with a TLS 1.3 policy (TLS 1.2 without CBC suites), and port 80 that only redirects.
 * lib/infra/loadBalancer.ts creates them and verify reads the deployed ones back against the same values.
 */

/**
 * TLS 1.3, with TLS 1.2 restricted to ECDHE with AES-GCM: the "Res" policy drops the TLS 1.2 CBC
 * suites (ECDHE-ECDSA/RSA-AES128-SHA256 and -AES256-SHA384) that ELBSecurityPolicy-TLS13-1-2-2021-06
 * still offers, so every suite left has forward secrecy and authenticated encryption (PCI DSS 4.2.1,
 * strong cryptography). AWS lists it among the TLS 1.3 policies for ALB HTTPS listeners, and Security
 * Hub ELB.17 counts it as a recommended policy:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 * https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17
 * Who loses: a TLS 1.2 client that offers only CBC suites fails the handshake. The payment API's
 * clients are servers and SDKs (every maintained TLS stack, OpenSSL 1.0.1+, Java 8+, .NET, Go, Node,
 * offers AES-GCM with TLS 1.2), not old browsers, so nobody should be left; a client that is shows
 * up as a failed handshake, and the access logs' ssl_protocol/ssl_cipher fields show what the others use.
 */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;

/** Port 80's only action: a permanent redirect to HTTPS on 443, path and query kept. */
export const HTTP_TO_HTTPS_REDIRECT = { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" } as const;
