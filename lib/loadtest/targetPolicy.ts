/**
 * Where a load test may send payment traffic. Plain http:// only to this machine (loopback), where
 * nothing crosses a network; anywhere else https://, unless the caller says --allow-http. And a
 * target whose certificate is known to fail verification (a stack without certificateArn serves a
 * self-signed one) is refused up front with what to do, instead of after a run of TLS errors.
 */

export interface TargetOptions {
  allowHttp: boolean;
  insecure: boolean;
  /** The stack named with --stack when its load balancer has a self-signed certificate (no certificateArn). */
  selfSignedStack?: string;
}

export type TargetCheck = { ok: true; origin: string; loopback: boolean } | { ok: false; reason: string };

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * 127.0.0.0/8, ::1 and localhost (RFC 6761 keeps it for loopback). The hostname as WHATWG URL
 * gives it: IPv4 normalized to dotted decimal ("127.1" becomes "127.0.0.1"), IPv6 in brackets.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || IPV4_LOOPBACK.test(hostname);
}

const EXAMPLE = "such as https://<alb-dns-name> or http://127.0.0.1:8080";

export function checkTarget(url: string, options: TargetOptions): TargetCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `--url "${url}" is not a URL: give the service's base URL, ${EXAMPLE}` };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, reason: `--url "${url}": only http:// and https:// targets, ${EXAMPLE}` };
  }
  // The payment paths come from the contract; a path, query or credentials here would be silently dropped.
  if (parsed.pathname !== "/" || parsed.search !== "" || parsed.hash !== "" || parsed.username !== "" || parsed.password !== "") {
    return { ok: false, reason: `--url "${url}": give the base only (scheme, host and port, no path), ${EXAMPLE}` };
  }
  const loopback = isLoopbackHost(parsed.hostname);
  if (parsed.protocol === "http:" && !loopback && !options.allowHttp) {
    return {
      ok: false,
      reason: `refusing http:// to ${parsed.host}, which is not this machine: payment traffic would cross the network unencrypted. Use https:// (the load balancer's 443 listener), or pass --allow-http if you mean it.`,
    };
  }
  if (parsed.protocol === "https:" && !options.insecure && options.selfSignedStack !== undefined) {
    return {
      ok: false,
      reason: `stack ${options.selfSignedStack} has no certificateArn, so its load balancer serves a self-signed certificate, which verification rejects: pass --insecure to load-test it without verifying the certificate.`,
    };
  }
  return { ok: true, origin: parsed.origin, loopback };
}

/** Node's codes for a certificate it does not trust. */
const CERTIFICATE_ERRORS = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** What to do when requests failed on the target's certificate; undefined when none did. */
export function certificateNote(errorCodes: Iterable<string>): string | undefined {
  const rejected = [...errorCodes].filter((code) => CERTIFICATE_ERRORS.has(code));
  if (rejected.length === 0) return undefined;
  return `the target's certificate was not trusted (${rejected.join(", ")}): a dev or staging stack without certificateArn serves a self-signed one; pass --insecure to test it without verifying the certificate.`;
}
