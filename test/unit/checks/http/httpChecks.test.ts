/**
 * The HTTP checks for real: against the reference service on loopback (in-memory dynalite) behind a
 * local TLS front and redirect (../support/localAlb.ts), then against stub servers that answer the
 * ways a broken stack does.
 */
import { startLocalService, LocalService } from "../../../../bin/localService";
import { HttpTarget } from "../../../../lib/checks/http/httpTarget";
import {
  HTTP_CHECKS,
  healthOverTls,
  httpRedirect,
  paymentRoundTrip,
  transportOf,
  verifyPayment,
} from "../../../../lib/checks/http/httpChecks";
import { CheckResult } from "../../../../lib/checks/checkResult";
import { runChecks } from "../../../../lib/checks/runChecks";
import { tlsOptions } from "../../../../lib/checks/http/httpRequest";
import { LocalAlb, startLocalAlb, startStub } from "../support/localAlb";

const brief = (results: CheckResult[]) =>
  results.map((r) => ({ check: r.checkId, subject: r.subject, status: r.status, found: r.found }));
const run = (target: Partial<HttpTarget> & { baseUrl: string }, checks = HTTP_CHECKS) =>
  runChecks(checks, { http: { verifyCertificate: false, paymentsApi: true, healthPath: "/health", timeoutMs: 2000, ...target } });

describe("the HTTP checks against the reference service on loopback", () => {
  let service: LocalService;
  let alb: LocalAlb;
  beforeAll(async () => {
    service = await startLocalService({ worker: false, env: { PORT: "0" }, write: () => undefined });
    alb = await startLocalAlb(service.port);
  });
  afterAll(async () => {
    await alb.close();
    await service.stop();
  });

  it("GIVEN the service behind TLS and a redirect WHEN the checks run THEN health over TLS 1.3, the 301 and the payment round trip pass", async () => {
    const results = await run({ baseUrl: alb.httpsUrl, redirectFromUrl: alb.httpUrl });
    const id = /id (\S+)$/.exec(results[2].found)![1];
    expect(brief(results)).toEqual([
      {
        check: "http.health",
        subject: `${alb.httpsUrl}/health`,
        status: "pass",
        found: "200 over TLSv1.3 (certificate not verified: the stack's self-signed one)",
      },
      { check: "http.redirect", subject: `${alb.httpUrl}/health`, status: "pass", found: `301 to ${alb.httpsUrl}/health` },
      { check: "http.payment", subject: "create", status: "pass", found: `201, id ${id}` },
      {
        check: "http.payment",
        subject: "retry with the same key",
        status: "pass",
        found: `201, Idempotent-Replayed: true, id ${id}`,
      },
      { check: "http.payment", subject: "read back", status: "pass", found: `200, id ${id}, amount 1` },
    ]);
  });

  it("GIVEN the front's self-signed certificate WHEN the check verifies certificates THEN the health check fails without an answer", async () => {
    const [result] = await run({ baseUrl: alb.httpsUrl, verifyCertificate: true }, [healthOverTls]);
    // Node's message may go on with advice about system CAs; the reason comes first.
    expect([result.status, result.failureClass, result.found]).toEqual([
      "fail",
      "health",
      expect.stringMatching(/^no answer: self-signed certificate/),
    ]);
  });

  it("GIVEN the API's own name THEN the TLS handshake asks for it (SNI), not for the address called", async () => {
    const before = alb.serverNames.length;
    const [result] = await run({ baseUrl: alb.httpsUrl, serverName: "api.payments.example.com" }, [healthOverTls]);
    expect([result.status, alb.serverNames.slice(before)]).toEqual(["pass", ["api.payments.example.com"]]);
  });

  it("GIVEN the service itself over plain HTTP and no payments API WHEN the checks run THEN health passes as a local target and nothing else is checked", async () => {
    const results = await run({ baseUrl: `http://127.0.0.1:${service.port}`, paymentsApi: false });
    expect(brief(results)).toEqual([
      {
        check: "http.health",
        subject: `http://127.0.0.1:${service.port}/health`,
        status: "pass",
        found: "200 over plain HTTP (a local target: TLS is the ALB's)",
      },
    ]);
  });
});

describe("the HTTP checks against servers that answer wrongly", () => {
  const stubs: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const stub of stubs.splice(0)) await stub.close();
  });
  const stub = async (handler: Parameters<typeof startStub>[0]) => {
    const started = await startStub(handler);
    stubs.push(started);
    return started.url;
  };

  it("GIVEN a health path answering 503 and a redirect answering 302 without Location THEN both fail as health", async () => {
    const url = await stub((req, res) => {
      res.writeHead(req.url === "/health" && req.headers.host?.endsWith("") ? 503 : 302);
      res.end();
    });
    const results = await run({ baseUrl: url, redirectFromUrl: url, paymentsApi: false });
    expect(results.map((r) => [r.checkId, r.status, r.failureClass, r.found])).toEqual([
      ["http.health", "fail", "health", "503 over plain HTTP (a local target: TLS is the ALB's)"],
      ["http.redirect", "fail", "health", "503 without Location"],
    ]);
  });

  it("GIVEN a redirect to the wrong place THEN the redirect check fails naming it", async () => {
    const url = await stub((_req, res) => {
      res.writeHead(301, { location: "https://example.invalid/health" });
      res.end();
    });
    const [result] = await run({ baseUrl: "https://127.0.0.1:1", redirectFromUrl: url }, [httpRedirect]);
    expect([result.status, result.expected, result.found]).toEqual([
      "fail",
      "301 to https://127.0.0.1:1/health",
      "301 to https://example.invalid/health",
    ]);
  });

  it("GIVEN a Location that is not a URL THEN the redirect check fails naming it", async () => {
    const url = await stub((_req, res) => {
      res.writeHead(301, { location: "not a url" });
      res.end();
    });
    const [result] = await run({ baseUrl: "https://127.0.0.1:1", redirectFromUrl: url }, [httpRedirect]);
    expect([result.status, result.found]).toEqual(["fail", "301 to not a url"]);
  });

  it("GIVEN nothing listens THEN health and redirect fail without an answer", async () => {
    const results = await run({ baseUrl: "http://127.0.0.1:1", redirectFromUrl: "http://127.0.0.1:1", paymentsApi: false });
    expect(results.map((r) => [r.status, r.failureClass, r.found])).toEqual([
      ["fail", "health", "no answer: connect ECONNREFUSED 127.0.0.1:1"],
      ["fail", "health", "no answer: connect ECONNREFUSED 127.0.0.1:1"],
    ]);
  });

  it("GIVEN a server that never answers THEN the health check fails at the timeout", async () => {
    const url = await stub(() => undefined);
    const [result] = await run({ baseUrl: url, timeoutMs: 100 }, [healthOverTls]);
    expect(result.found).toBe(`no answer: no answer from ${url}/health within 100 ms`);
  });

  it("GIVEN payments answering 500 THEN only the create is reported, failing with the body", async () => {
    const url = await stub((_req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end('{"error":{"code":"internal"}}');
    });
    const results = await run({ baseUrl: url }, [paymentRoundTrip]);
    expect(results.map((r) => [r.subject, r.status, r.found])).toEqual([["create", "fail", '500 {"error":{"code":"internal"}}']]);
  });

  it("GIVEN a service that forgets idempotency and loses the payment THEN the retry and the read back fail", async () => {
    let created = 0;
    const url = await stub((req, res) => {
      if (req.method === "POST") {
        created += 1;
        res.writeHead(201);
        res.end(JSON.stringify({ id: `pay_${created}` }));
      } else {
        res.writeHead(404);
        res.end("not json");
      }
    });
    const results = await run({ baseUrl: url }, [paymentRoundTrip]);
    expect(results.map((r) => [r.subject, r.status, r.expected, r.found])).toEqual([
      ["create", "pass", "201 with a payment id", "201, id pay_1"],
      [
        "retry with the same key",
        "fail",
        "201, Idempotent-Replayed: true, id pay_1",
        "201, Idempotent-Replayed: undefined, id pay_2",
      ],
      ["read back", "fail", "200, id pay_1, amount 1", "404, id undefined, amount undefined"],
    ]);
  });

  it("GIVEN a service that answers the create and then goes away THEN the round trip reports the create and the lost answer", async () => {
    let calls = 0;
    const url = await stub((req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(201);
        res.end('{"id":"pay_1"}');
      } else {
        req.socket.destroy();
      }
    });
    const results = await run({ baseUrl: url }, [paymentRoundTrip]);
    expect(results.map((r) => [r.subject, r.status, r.found])).toEqual([
      ["create", "pass", "201, id pay_1"],
      [`${url}/v1/payments`, "fail", "no answer: socket hang up"],
    ]);
  });

  it("GIVEN a verified TLS answer THEN the transport says what of the certificate was verified", () => {
    expect(transportOf("TLSv1.2", { verifyCertificate: true, serverName: "api.payments.example.com" })).toBe(
      "TLSv1.2 (certificate verified for api.payments.example.com)",
    );
    expect(transportOf("TLSv1.3", { verifyCertificate: true })).toBe(
      "TLSv1.3 (certificate chain verified; its name not checked: set apiDomainName)",
    );
  });

  it("GIVEN the TLS options THEN the chain is verified as asked, and the name only against a server name given", () => {
    const { checkServerIdentity, ...chainOnly } = tlsOptions({ verifyCertificate: true, timeoutMs: 1 });
    expect(chainOnly).toEqual({ rejectUnauthorized: true, minVersion: "TLSv1.2" });
    // Any name passes: the address may be the ALB's own DNS name, which no served certificate carries.
    expect(checkServerIdentity!("payment-alb-prod-1.us-east-1.elb.amazonaws.com", {} as never)).toBeUndefined();
    expect(tlsOptions({ verifyCertificate: true, serverName: "api.payments.example.com", timeoutMs: 1 })).toEqual({
      rejectUnauthorized: true,
      minVersion: "TLSv1.2",
      servername: "api.payments.example.com",
    });
  });

  it("GIVEN the API's own name THEN every request asks for it (Host header, and TLS server name), and the redirect is expected to it", async () => {
    const seen: string[] = [];
    const url = await stub((req, res) => {
      seen.push(`${req.method} ${req.headers.host}`);
      res.writeHead(req.url === "/health" && req.method === "GET" && seen.length === 2 ? 301 : 200, {
        location: `https://${req.headers.host}:443/health`,
      });
      res.end();
    });
    const results = await run({ baseUrl: url, redirectFromUrl: url, serverName: "api.payments.example.com", paymentsApi: false });
    expect(results.map((r) => [r.checkId, r.status, r.expected])).toEqual([
      ["http.health", "pass", "200 from GET /health over TLSv1.2 or newer"],
      ["http.redirect", "pass", "301 to https://api.payments.example.com/health"],
    ]);
    expect(seen).toEqual(["GET api.payments.example.com", "GET api.payments.example.com"]);
  });

  it("GIVEN a time THEN verify's payment is the smallest amount, marked with that time", () => {
    expect(verifyPayment(new Date("2026-12-01T15:00:00Z"))).toEqual({
      amount: 1,
      currency: "USD",
      reference: "verify-2026-12-01T15:00:00.000Z",
    });
  });
});
