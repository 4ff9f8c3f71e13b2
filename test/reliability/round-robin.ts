/**
 * A tiny round-robin load balancer for the cluster drill: each request goes to the next backend in
 * turn, over keep-alive connections; it counts what each backend answered (by status and path).
 */
import { Agent, createServer, request, type Server } from 'node:http';

export interface Backend {
  name: string;
  base: string; // http://127.0.0.1:port
}

interface Answer {
  backend: string;
  status: number; // 502: the backend did not answer
  path: string;
}

export class RoundRobin {
  private answers: Answer[] = [];
  private next = 0;
  private server: Server | null = null;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly backends: Backend[] = []) {}

  add(...backends: Backend[]): void {
    this.backends.push(...backends);
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      const backend = this.backends[this.next++ % this.backends.length];
      const target = new URL(req.url ?? '/', backend.base);
      const upstream = request(target, { method: req.method, headers: req.headers, agent: this.agent }, (answer) => {
        const status = answer.statusCode ?? 0;
        this.answers.push({ backend: backend.name, status, path: target.pathname });
        res.writeHead(status, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => {
        this.answers.push({ backend: backend.name, status: 502, path: target.pathname });
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** Answers that match: of one backend, with a status (or a status test), on paths starting with a prefix. */
  count(filter: { backend?: string; status?: number | ((s: number) => boolean); path?: string } = {}): number {
    const statusOk = (s: number) => (filter.status === undefined ? true : typeof filter.status === 'number' ? s === filter.status : filter.status(s));
    return this.answers.filter((a) => (!filter.backend || a.backend === filter.backend) && statusOk(a.status) && (!filter.path || a.path.startsWith(filter.path))).length;
  }

  /** Stops listening; safe to call twice. */
  async close(): Promise<void> {
    this.agent.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}
