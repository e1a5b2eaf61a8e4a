/**
 * Every error answer has one shape, `{ "error": { "code", "message", "field"? } }`: clients branch on
 * the stable `code`, show `message` to people and point at `field` in a form. Nothing else about the
 * failure (stack, SDK message, table name) reaches the client.
 */

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** An answer other than success, thrown anywhere below the router and rendered by it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Extra response headers, such as `Allow` on a 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field === undefined ? {} : { field: this.field }) } };
  }
}

/** 400 for one field of the body (or a header): `field` names it. */
export const invalidField = (field: string, message: string): HttpError => new HttpError(400, "invalid_field", message, field);

export const notFound = (): HttpError => new HttpError(404, "not_found", "No such resource.");

/** 405: `Allow` lists the methods the route has (RFC 9110 section 15.5.6 requires it). */
export const methodNotAllowed = (allowed: readonly string[]): HttpError =>
  new HttpError(405, "method_not_allowed", `Use ${allowed.join(" or ")}.`, undefined, { Allow: allowed.join(", ") });

/** 503: the table could not be read or written; retrying later (with the same Idempotency-Key) is safe. */
export const storageUnavailable = (): HttpError =>
  new HttpError(503, "storage_unavailable", "Payment storage is unavailable; retry with the same Idempotency-Key.", undefined, {
    "Retry-After": "1",
  });

/** 500: a bug. The message says nothing about it; the log line has the cause. */
export const internalError = (): HttpError => new HttpError(500, "internal_error", "Internal error.");
