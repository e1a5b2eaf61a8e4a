/**
 * An ALB's two listeners on loopback, in front of a local service: HTTPS (a self-signed certificate,
 * TLS 1.2+) forwarding to it, and plain HTTP answering 301 to the HTTPS address, path kept. It is
 * how the HTTP checks meet a real TLS handshake and a real redirect here; on AWS the ALB plays it.
 */
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import { TLSSocket } from "tls";
import { generate } from "selfsigned";

export interface LocalAlb {
  httpsUrl: string;
  httpUrl: string;
  /** The TLS server name (SNI) of each HTTPS request, in order ("" when the client sent none). */
  serverNames: string[];
  close(): Promise<void>;
}

const listen = (server: http.Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

const close = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export async function startLocalAlb(upstreamPort: number): Promise<LocalAlb> {
  const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    curve: "P-256",
    notAfterDate: new Date(Date.now() + 24 * 3600_000),
  });
  const serverNames: string[] = [];
  const front = https.createServer({ key: pems.private, cert: pems.cert, minVersion: "TLSv1.2" }, (req, res) => {
    serverNames.push((req.socket as TLSSocket).servername || "");
    const upstream = http.request(
      { host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  const httpsPort = await listen(front);
  const redirect = http.createServer((req, res) => {
    // The ALB's redirect template keeps the default port: https://#{host}:443/#{path}?#{query}.
    res.writeHead(301, { location: `https://127.0.0.1:${httpsPort}${req.url}` });
    res.end();
  });
  const httpPort = await listen(redirect);
  return {
    httpsUrl: `https://127.0.0.1:${httpsPort}`,
    serverNames,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    close: async () => {
      await close(front);
      await close(redirect);
    },
  };
}

/** A server on loopback answering every request with `handler`, for the failure cases. */
export async function startStub(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => close(server) };
}
