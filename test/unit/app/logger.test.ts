/** app/src/logger.ts (levels, line shape, size) and app/src/errors.ts (the error body). */
import { REQUEST_LOG_BUDGET_BYTES } from "../../../app/src/contract";
import { HttpError, internalError, invalidField, methodNotAllowed, notFound, storageUnavailable } from "../../../app/src/errors";
import { createLogger, describeError, LogLevel, MAX_CAUSE_CHARS, requestLevel } from "../../../app/src/logger";

const T0 = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
const clock = { now: () => T0 };

function logAt(level: LogLevel): string[] {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => void lines.push(line), clock);
  for (const status of [201, 404, 503]) {
    logger.request({ method: "POST", route: "/v1/payments", status, latencyMs: 12.345, idempotency: "none" });
  }
  return lines;
}

describe("logger", () => {
  it("GIVEN a request THEN one JSON line with time, level, msg, the request fields and latency to 0.1 ms", () => {
    const lines: string[] = [];
    createLogger("info", (line) => void lines.push(line), clock).request({
      method: "POST",
      route: "/v1/payments/{id}",
      status: 201,
      latencyMs: 3.14159,
      idempotency: "created",
    });
    expect(lines).toEqual([
      '{"time":"2030-01-02T03:04:05.678Z","level":"info","msg":"request","method":"POST","route":"/v1/payments/{id}","status":201,"latencyMs":3.1,"idempotency":"created"}\n',
    ]);
  });

  it.each([
    ["info", ["info", "warn", "error"]],
    ["warn", ["warn", "error"]],
    ["error", ["error"]],
  ] as const)("GIVEN LOG_LEVEL=%s THEN requests at 201/404/503 log at %j", (level, levels) => {
    expect(logAt(level).map((line) => JSON.parse(line).level)).toEqual(levels);
  });

  it.each([
    [200, "info"],
    [399, "info"],
    [400, "warn"],
    [499, "warn"],
    [500, "error"],
  ] as const)("GIVEN status %d THEN the request level is %s", (status, level) => {
    expect(requestLevel(status)).toBe(level);
  });

  it("GIVEN the largest request line the service writes THEN it stays under the cost model's 1 KB per request", () => {
    const lines: string[] = [];
    createLogger("info", (line) => void lines.push(line), clock).request({
      method: "OPTIONS",
      route: "/v1/payments/{id}",
      status: 503,
      latencyMs: 99999.99,
      idempotency: "in_progress",
      code: "idempotency_request_in_progress",
      cause: describeError(new Error("x".repeat(5000))),
    });
    expect(Buffer.byteLength(lines[0])).toBeLessThan(REQUEST_LOG_BUDGET_BYTES / 2);
  });

  it("GIVEN other fields and a list THEN they are on the line; undefined fields are left out", () => {
    const lines: string[] = [];
    createLogger("info", (line) => void lines.push(line), clock).log("error", "invalid configuration", {
      problems: ["a", "b"],
      gone: undefined,
    });
    expect(JSON.parse(lines[0])).toEqual({
      time: "2030-01-02T03:04:05.678Z",
      level: "error",
      msg: "invalid configuration",
      problems: ["a", "b"],
    });
  });

  it("GIVEN errors and other values THEN the cause is one line of at most 200 characters", () => {
    expect(describeError(new TypeError("bad\n  thing"))).toBe("TypeError: bad thing");
    expect(describeError("text")).toBe("text");
    expect(describeError(new Error("y".repeat(500)))).toHaveLength(MAX_CAUSE_CHARS);
  });
});

describe("error bodies", () => {
  it.each([
    [
      invalidField("amount", "amount is wrong."),
      400,
      { error: { code: "invalid_field", message: "amount is wrong.", field: "amount" } },
      {},
    ],
    [notFound(), 404, { error: { code: "not_found", message: "No such resource." } }, {}],
    [
      methodNotAllowed(["GET", "POST"]),
      405,
      { error: { code: "method_not_allowed", message: "Use GET or POST." } },
      { Allow: "GET, POST" },
    ],
    [
      storageUnavailable(),
      503,
      { error: { code: "storage_unavailable", message: "Payment storage is unavailable; retry with the same Idempotency-Key." } },
      { "Retry-After": "1" },
    ],
    [internalError(), 500, { error: { code: "internal_error", message: "Internal error." } }, {}],
  ])("GIVEN error %# THEN status, body and headers are exact", (error, status, body, headers) => {
    expect(error).toBeInstanceOf(HttpError);
    expect([error.status, error.body(), error.headers, error.name]).toEqual([status, body, headers, "HttpError"]);
  });
});
