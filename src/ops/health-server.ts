import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { ZapcastError } from '../core/errors.js';
import type { HealthReport } from './health-report.js';
import { PROMETHEUS_CONTENT_TYPE } from './metrics-registry.js';

export interface HealthServerOptions {
  host: string;
  /** 0 picks a free port (tests); the app does not start this server at all when HEALTH_PORT=0. */
  port: number;
  logger: Logger;
  health(): HealthReport;
  metrics(): Promise<string>;
}

/**
 * GET /healthz (JSON; 200 healthy, 503 not) and GET /metrics (Prometheus text)
 * for Docker's HEALTHCHECK, a load balancer or a Prometheus scrape. Read-only:
 * nothing here changes state, and it answers nothing else.
 */
export class HealthServer {
  private server: Server | undefined;

  constructor(private readonly options: HealthServerOptions) {}

  async start(): Promise<AddressInfo> {
    const server = createServer((request, response) => void this.handle(request, response));
    // A scraper that keeps its connection open must not hold shutdown up.
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new ZapcastError(`The health endpoint cannot listen on ${this.options.host}:${this.options.port} (${error.code ?? error.message}); set HEALTH_PORT to a free port, or 0 to turn it off.`)),
      );
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.options.logger.info({ host: address.address, port: address.port }, 'health endpoint listening (/healthz, /metrics)');
    return address;
  }

  address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/healthz' && path !== '/metrics') return this.send(response, 404, 'text/plain; charset=utf-8', 'Not found: try /healthz or /metrics\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return this.send(response, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD are answered here\n');
    }
    try {
      if (path === '/healthz') {
        const report = this.options.health();
        this.send(response, report.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(report)}\n`, request.method === 'HEAD');
      } else {
        this.send(response, 200, PROMETHEUS_CONTENT_TYPE, await this.options.metrics(), request.method === 'HEAD');
      }
    } catch (error) {
      this.options.logger.error({ err: error, path }, 'health endpoint failed');
      this.send(response, 500, 'text/plain; charset=utf-8', 'Internal error; the details are in the log\n');
    }
  }

  private send(response: ServerResponse, status: number, contentType: string, body: string, headOnly = false): void {
    response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
    response.end(headOnly ? undefined : body);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}
