/**
 * One HTTP(S) request with what the checks need to see: status, headers, body and, over TLS, the
 * negotiated protocol version. node:http/https rather than fetch, because fetch hides the TLS socket.
 */
import * as http from "http";
import * as https from "https";
import { TLSSocket } from "tls";

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** "TLSv1.3", "TLSv1.2"; undefined over plain HTTP. */
  tlsProtocol?: string;
}

export interface HttpRequestOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  verifyCertificate: boolean;
  /** The name to ask for (TLS server name and Host header) and to check the certificate against; see HttpTarget. */
  serverName?: string;
  timeoutMs: number;
}

/**
 * TLS options: the chain verified unless told not to, the name checked only against a server name
 * the caller gave (the address may be the ALB's own DNS name, which no served certificate carries).
 */
export function tlsOptions(options: HttpRequestOptions): https.RequestOptions {
  const base = { rejectUnauthorized: options.verifyCertificate, minVersion: MIN_TLS_VERSION } as const;
  if (options.serverName !== undefined) return { ...base, servername: options.serverName };
  return { ...base, checkServerIdentity: () => undefined };
}

/**
 * TLS 1.2 is the oldest version the checks accept: the listener's policy offers 1.2 and 1.3
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html),
 * PCI DSS forbids anything older.
 */
export const MIN_TLS_VERSION = "TLSv1.2";

/** Sends the request (no redirects followed) and reads the whole answer; rejects on a socket error or the timeout. */
export function httpRequest(url: string, options: HttpRequestOptions): Promise<HttpAnswer> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  const transport = secure ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      {
        method: options.method ?? "GET",
        headers: { ...options.headers, ...(options.serverName === undefined ? {} : { host: options.serverName }) },
        timeout: options.timeoutMs,
        agent: false,
        ...(secure ? tlsOptions(options) : {}),
      },
      (response) => {
        // A connected TLS socket always knows its protocol (getProtocol is null only before the handshake).
        const tlsProtocol = secure ? (response.socket as TLSSocket).getProtocol()! : undefined;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            tlsProtocol,
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer from ${url} within ${options.timeoutMs} ms`)));
    request.on("error", reject);
    request.end(options.body);
  });
}
