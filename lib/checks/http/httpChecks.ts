/**
 * The checks a caller on the internet can make: the health path answers 200 over TLS 1.2 or newer,
 * plain HTTP answers 301 to HTTPS, and, when the reference service runs, one payment round trip
 * with an idempotency key (create, retry with the same key, read back). A request that gets no
 * answer is an unhealthy stack, not missing access, so these checks catch their own errors.
 */
import { randomUUID } from "crypto";
import { PAYMENTS_API } from "../../../app/src/contract";
import { fail, Finding, pass } from "../checkResult";
import { CheckDefinition } from "../runChecks";
import { httpRequest, HttpRequestOptions, MIN_TLS_VERSION } from "./httpRequest";
import { HttpTarget, publicBaseUrl } from "./httpTarget";

export interface HttpCheckContext {
  http: HttpTarget;
}

const requestOptions = (target: HttpTarget, extra: Partial<HttpRequestOptions> = {}): HttpRequestOptions => ({
  verifyCertificate: target.verifyCertificate,
  ...(target.serverName === undefined ? {} : { serverName: target.serverName }),
  timeoutMs: target.timeoutMs,
  ...extra,
});

const unreachable = (subject: string, expected: string, error: unknown): Finding =>
  fail(
    subject,
    expected,
    `no answer: ${(error as Error).message}`,
    "check that the ALB's security group allows the caller and that the service has healthy targets (verify's target-group check)",
  );

/** How an answer came: the TLS version and what of the certificate was verified, or plain HTTP for a local target. */
export function transportOf(
  tlsProtocol: string | undefined,
  target: Pick<HttpTarget, "verifyCertificate" | "serverName">,
): string {
  if (tlsProtocol === undefined) return "plain HTTP (a local target: TLS is the ALB's)";
  if (!target.verifyCertificate) return `${tlsProtocol} (certificate not verified: the stack's self-signed one)`;
  return target.serverName === undefined
    ? `${tlsProtocol} (certificate chain verified; its name not checked: set apiDomainName)`
    : `${tlsProtocol} (certificate verified for ${target.serverName})`;
}

export const healthOverTls: CheckDefinition<HttpCheckContext> = {
  id: "http.health",
  title: "Health path over HTTPS",
  failureClass: "health",
  permissions: [],
  async run({ http }) {
    const url = `${http.baseUrl}${http.healthPath}`;
    const expected = `200 from GET ${http.healthPath} over ${MIN_TLS_VERSION} or newer`;
    try {
      const answer = await httpRequest(url, requestOptions(http));
      const found = `${answer.status} over ${transportOf(answer.tlsProtocol, http)}`;
      return [
        answer.status === 200
          ? pass(url, expected, found)
          : fail(
              url,
              expected,
              found,
              "read the service's log group for the failing requests and the target group's health (verify's target-group check)",
            ),
      ];
    } catch (error) {
      return [unreachable(url, expected, error)];
    }
  },
};

export const httpRedirect: CheckDefinition<HttpCheckContext> = {
  id: "http.redirect",
  title: "Plain HTTP redirects to HTTPS",
  failureClass: "health",
  permissions: [],
  async run({ http }) {
    if (http.redirectFromUrl === undefined) return [];
    const url = `${http.redirectFromUrl}${http.healthPath}`;
    // The ALB redirects to the host it was asked for: the API's name when verify sends it.
    const target = `${publicBaseUrl(http)}${http.healthPath}`;
    const expected = `301 to ${target}`;
    try {
      const answer = await httpRequest(url, requestOptions(http));
      const location = answer.headers.location ?? "";
      // new URL drops a default :443, which the ALB's redirect template may keep.
      const redirectedTo = URL.canParse(location) ? new URL(location).href : location;
      const found = `${answer.status}${location === "" ? " without Location" : ` to ${location}`}`;
      return [
        answer.status === 301 && redirectedTo === new URL(target).href
          ? pass(url, expected, found)
          : fail(
              url,
              expected,
              found,
              "the port-80 listener must only redirect to HTTPS with 301 (lib/infra/loadBalancer.ts); run pulumi up to restore it",
            ),
      ];
    } catch (error) {
      return [unreachable(url, expected, error)];
    }
  },
};

interface PaymentBody {
  id?: unknown;
  amount?: unknown;
}

const parse = (text: string): PaymentBody => {
  try {
    return JSON.parse(text) as PaymentBody;
  } catch {
    return {};
  }
};

/** The smallest valid payment (1 minor unit), marked as verify's own in its reference. */
export function verifyPayment(now: Date): { amount: number; currency: string; reference: string } {
  return { amount: 1, currency: "USD", reference: `verify-${now.toISOString()}` };
}

export const paymentRoundTrip: CheckDefinition<HttpCheckContext> = {
  id: "http.payment",
  title: "Payment round trip with an idempotency key",
  failureClass: "health",
  permissions: [],
  async run({ http }) {
    if (!http.paymentsApi) return [];
    const key = `verify-${randomUUID()}`;
    const body = JSON.stringify(verifyPayment(new Date()));
    const post = requestOptions(http, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", [PAYMENTS_API.idempotencyKeyHeader]: key },
    });
    const createUrl = `${http.baseUrl}${PAYMENTS_API.collectionPath}`;
    const findings: Finding[] = [];
    const action =
      "read the API's log group for this Idempotency-Key; the payments table and the task role's grants are checked above";
    try {
      const created = await httpRequest(createUrl, post);
      const id = parse(created.body).id;
      findings.push(
        created.status === 201 && typeof id === "string"
          ? pass("create", "201 with a payment id", `201, id ${id}`)
          : fail("create", "201 with a payment id", `${created.status} ${created.body.slice(0, 200)}`, action),
      );
      if (typeof id !== "string") return findings;
      const retried = await httpRequest(createUrl, post);
      const replayed = retried.headers[PAYMENTS_API.replayedHeader.toLowerCase()];
      const retryFound = `${retried.status}, ${PAYMENTS_API.replayedHeader}: ${String(replayed)}, id ${String(parse(retried.body).id)}`;
      const retryExpected = `201, ${PAYMENTS_API.replayedHeader}: true, id ${id}`;
      findings.push(
        retryFound === retryExpected
          ? pass("retry with the same key", retryExpected)
          : fail("retry with the same key", retryExpected, retryFound, action),
      );
      const read = await httpRequest(
        `${http.baseUrl}${PAYMENTS_API.itemPathPrefix}${encodeURIComponent(id)}`,
        requestOptions(http),
      );
      const readBody = parse(read.body);
      const readFound = `${read.status}, id ${String(readBody.id)}, amount ${String(readBody.amount)}`;
      const readExpected = `200, id ${id}, amount 1`;
      findings.push(
        readFound === readExpected ? pass("read back", readExpected) : fail("read back", readExpected, readFound, action),
      );
      return findings;
    } catch (error) {
      return [...findings, unreachable(createUrl, "an answer to every request of the round trip", error)];
    }
  },
};

export const HTTP_CHECKS: readonly CheckDefinition<HttpCheckContext>[] = [healthOverTls, httpRedirect, paymentRoundTrip];
