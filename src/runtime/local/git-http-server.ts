import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";

export interface GitHttpServerOptions {
  /** Directory holding the bare repositories; `<url>/<name>` serves `<root>/<name>`. */
  root: string;
  /** 0 or unset: a free port. */
  port?: number;
  host?: string;
  /** Name reported to git as the authenticated user; git only accepts pushes from one. */
  remoteUser?: string;
  /** The git executable. */
  git?: string;
  /** Errors that cannot be reported to the HTTP client (failed CGI runs, stream errors). */
  onError?: (error: Error) => void;
}

export interface GitHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_CGI_HEADER_BYTES = 64 * 1024;

/** Serves the bare repositories under `root` over git's smart HTTP protocol, pushes included. */
export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  const host = options.host ?? "127.0.0.1";
  const onError = options.onError ?? ((error: Error) => process.emitWarning(error));
  const running = new Set<ChildProcess>();

  const server = createServer((req, res) => {
    serveGit(req, res, options, running).catch((error: unknown) => {
      const err = toError(error);
      onError(err);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" }).end("git http-backend failed\n");
      } else {
        res.destroy(err);
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const child of running) child.kill("SIGTERM");
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serveGit(
  req: IncomingMessage,
  res: ServerResponse,
  options: GitHttpServerOptions,
  running: Set<ChildProcess>,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://git.invalid");
  const pathInfo = decodePath(url.pathname);
  // git http-backend refuses ".." itself; refusing here keeps the rule visible.
  if (pathInfo === undefined || pathInfo.split("/").includes("..") || pathInfo.includes("\0")) {
    res.writeHead(400, { "content-type": "text/plain" }).end("invalid repository path\n");
    return;
  }

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: options.root,
    GIT_HTTP_EXPORT_ALL: "1",
    GIT_CONFIG_NOSYSTEM: "1",
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    PATH_INFO: pathInfo,
    REQUEST_METHOD: req.method ?? "GET",
    QUERY_STRING: url.search.slice(1),
    REMOTE_USER: options.remoteUser ?? "sluice",
    REMOTE_ADDR: req.socket.remoteAddress ?? "",
    CONTENT_TYPE: req.headers["content-type"] ?? "",
  };
  const contentLength = req.headers["content-length"];
  if (contentLength !== undefined) env.CONTENT_LENGTH = contentLength;
  const contentEncoding = req.headers["content-encoding"];
  if (contentEncoding !== undefined) env.HTTP_CONTENT_ENCODING = contentEncoding;
  const gitProtocol = req.headers["git-protocol"];
  if (typeof gitProtocol === "string") env.GIT_PROTOCOL = gitProtocol;

  const child = spawn(options.git ?? "git", ["http-backend"], { env, stdio: ["pipe", "pipe", "pipe"] });
  running.add(child);
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve(code));
  });
  exited.then(
    () => running.delete(child),
    () => running.delete(child),
  );

  const requestDone = pipeline(req, child.stdin).catch((error: unknown) => {
    // The backend may answer (e.g. 404) and exit without reading the request body.
    if (isCode(error, "EPIPE") || isCode(error, "ERR_STREAM_PREMATURE_CLOSE")) return;
    throw error;
  });
  const responseDone = pipeline(child.stdout, cgiResponse(res), res);

  let code: number | null;
  try {
    [, , code] = await Promise.all([requestDone, responseDone, exited]);
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    throw error;
  }
  if (code !== 0) {
    const message = Buffer.concat(stderr).toString("utf8").trim();
    throw new Error(`git http-backend exited with ${String(code)} for ${req.method} ${url.pathname}: ${message}`);
  }
}

/** Strips the CGI header block from the backend's output and applies it to `res`. */
function cgiResponse(res: ServerResponse) {
  return async function* (stdout: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let head = Buffer.alloc(0);
    let headersDone = false;
    for await (const chunk of stdout) {
      if (headersDone) {
        yield chunk;
        continue;
      }
      head = Buffer.concat([head, chunk]);
      const end = findHeaderEnd(head);
      if (end === undefined) {
        if (head.length > MAX_CGI_HEADER_BYTES) throw new Error("git http-backend sent an oversized header block");
        continue;
      }
      applyCgiHeaders(res, head.subarray(0, end.headerEnd).toString("latin1"));
      headersDone = true;
      const rest = head.subarray(end.bodyStart);
      if (rest.length > 0) yield rest;
    }
    if (!headersDone) throw new Error("git http-backend exited without sending CGI headers");
  };
}

function findHeaderEnd(buf: Buffer): { headerEnd: number; bodyStart: number } | undefined {
  const crlf = buf.indexOf("\r\n\r\n");
  const lf = buf.indexOf("\n\n");
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { headerEnd: crlf, bodyStart: crlf + 4 };
  if (lf !== -1) return { headerEnd: lf, bodyStart: lf + 2 };
  return undefined;
}

function applyCgiHeaders(res: ServerResponse, block: string): void {
  let status = 200;
  let reason: string | undefined;
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === "status") {
      const match = /^(\d{3})\s*(.*)$/.exec(value);
      if (!match?.[1]) throw new Error(`git http-backend sent an invalid Status header: ${value}`);
      status = Number(match[1]);
      reason = match[2] || undefined;
      continue;
    }
    const previous = res.getHeader(name);
    if (previous === undefined) res.setHeader(name, value);
    else res.setHeader(name, [...(Array.isArray(previous) ? previous : [String(previous)]), value]);
  }
  if (reason === undefined) res.writeHead(status);
  else res.writeHead(status, reason);
}

function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
