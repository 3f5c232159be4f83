import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DiscordErrors, discordError, type Answer } from './errors.js';
import type { UploadedFile } from './messages.js';
import { parseMultipart } from '../multipart.js';
import type { FakeState } from './state.js';

export interface RestRequest {
  method: string;
  /** Path under /api/v10, e.g. /channels/1/messages. */
  path: string;
  query: URLSearchParams;
  json: Record<string, unknown>;
  files: UploadedFile[];
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** Needs `Authorization: Bot <token>`; interaction callbacks and webhook routes carry their token in the path. */
  auth: boolean;
  handle(req: RestRequest, params: string[]): Answer;
}

/** An injected answer for the next matching call, or a connection dropped without answer. */
export type Failure = Answer | { network: 'reset' };

const API_PREFIX = '/api/v10';
const MAX_BODY = 25 * 1024 * 1024;

/** Routing, auth, injected failures and the call log of the fake's REST API. */
export class RestServer {
  /** refuseToken('rest-401'): every API call answers 401. */
  refuseAll = false;
  private readonly failures: { method: string; path: RegExp; failure: Failure }[] = [];

  constructor(
    private readonly state: FakeState,
    private readonly token: () => string,
    private readonly routes: Route[],
  ) {}

  failNext(method: string, path: RegExp, failure: Failure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method: method.toUpperCase(), path, failure });
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const raw = await readBody(req);
    const request: RestRequest = { method, path, query: url.searchParams, json: {}, files: [] };
    const answer = (result: Answer) => this.answer(res, request, result);
    if (raw === undefined) return answer(DiscordErrors.tooLarge());
    try {
      Object.assign(request, parseBody(raw, req.headers['content-type'] ?? ''));
    } catch {
      return answer(discordError(400, 50109, 'The request body contains invalid JSON.'));
    }
    const failureAt = this.failures.findIndex((f) => f.method === method && f.path.test(path));
    if (failureAt !== -1) {
      const { failure } = this.failures.splice(failureAt, 1)[0]!;
      if ('network' in failure) {
        this.record(request, 0);
        req.socket.destroy();
        return;
      }
      return answer(failure);
    }
    if (this.refuseAll) return answer(DiscordErrors.unauthorized());
    const matching = this.routes.map((route) => ({ route, match: route.pattern.exec(path) })).filter((m) => m.match);
    const found = matching.find((m) => m.route.method === method);
    if (!found) return answer(matching.length > 0 ? DiscordErrors.methodNotAllowed() : DiscordErrors.notFound());
    if (found.route.auth && req.headers.authorization !== `Bot ${this.token()}`) return answer(DiscordErrors.unauthorized());
    return answer(found.route.handle(request, found.match!.slice(1).map((param) => decodeURIComponent(param))));
  }

  private answer(res: ServerResponse, request: RestRequest, answer: Answer): void {
    this.record(request, answer.status);
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
    } else {
      const body = Buffer.from(JSON.stringify(answer.body));
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(body.length), ...headers }).end(body);
    }
    this.state.changed();
  }

  private record(request: RestRequest, status: number): void {
    this.state.calls.push({
      at: Date.now(),
      method: request.method,
      path: request.path,
      query: request.query.toString(),
      status,
      json: request.json,
      files: request.files.map((f) => ({ field: f.field, fileName: f.fileName, contentType: f.contentType, bytes: f.bytes })),
    });
  }
}

/** A 429 as Discord sends it: integer Retry-After header, float retry_after in the body, bucket headers. */
export function rateLimitFailure(retryAfterSeconds: number, global: boolean): Answer {
  const headers: Record<string, string> = {
    'retry-after': String(Math.ceil(retryAfterSeconds)),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Date.now() / 1000 + retryAfterSeconds),
    'x-ratelimit-reset-after': String(retryAfterSeconds),
    'x-ratelimit-bucket': randomBytes(16).toString('hex'),
    'x-ratelimit-scope': global ? 'global' : 'user',
    ...(global ? { 'x-ratelimit-global': 'true' } : {}),
  };
  return { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global }, headers };
}

export function isApiPath(pathname: string): boolean {
  return pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, contentType: string): { json: Record<string, unknown>; files: UploadedFile[] } {
  if (raw.length === 0) return { json: {}, files: [] };
  if (!contentType.startsWith('multipart/form-data')) return { json: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: [] };
  let json: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  for (const part of parseMultipart(raw, contentType)) {
    if (part.name === 'payload_json') json = JSON.parse(part.body.toString('utf8')) as Record<string, unknown>;
    else if (part.fileName !== undefined) files.push({ field: part.name, fileName: part.fileName, contentType: part.contentType ?? 'application/octet-stream', bytes: part.body });
    else json[part.name] = part.body.toString('utf8');
  }
  return { json, files };
}
