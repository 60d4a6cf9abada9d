/**
 * An ERP as the fault suites imitate it: it pushes each document until it
 * gets a 2xx, retrying on connection errors, timeouts and 5xx answers (never
 * on a 4xx: that is a bug in the document, and fails the suite).
 */
export interface ErpStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests repeated after a connection error or a 5xx. */
  retries: number;
  connectionErrors: number;
  /** Answers by status (2xx and 5xx). */
  statuses: Record<number, number>;
  /** 5xx answers by error code (`DATABASE_UNAVAILABLE`…). */
  codes5xx: Record<string, number>;
}

export interface Delivery<T = any> {
  status: number;
  body: T;
  attempts: number;
}

export class ErpClient {
  readonly stats: ErpStats = { requests: 0, retries: 0, connectionErrors: 0, statuses: {}, codes5xx: {} };

  constructor(
    private readonly baseUrl: () => string,
    private readonly apiKey: string,
    private readonly options: { requestTimeoutMs?: number; maxBackoffMs?: number; giveUpAfterMs?: number } = {},
  ) {}

  /** Sends until a 2xx; throws on a 4xx or when `giveUpAfterMs` passes. */
  async deliver<T = any>(method: string, path: string, body: unknown): Promise<Delivery<T>> {
    const started = Date.now();
    const giveUpAfter = this.options.giveUpAfterMs ?? 180_000;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) this.stats.retries += 1;
      this.stats.requests += 1;
      let last: string;
      try {
        const res = await fetch(this.baseUrl() + path, {
          method,
          headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
        });
        const text = await res.text();
        const parsed = text ? (JSON.parse(text) as T) : (null as T);
        this.stats.statuses[res.status] = (this.stats.statuses[res.status] ?? 0) + 1;
        if (res.status >= 200 && res.status < 300) return { status: res.status, body: parsed, attempts: attempt };
        if (res.status < 500) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
        const code = (parsed as { code?: string } | null)?.code ?? `HTTP_${res.status}`;
        this.stats.codes5xx[code] = (this.stats.codes5xx[code] ?? 0) + 1;
        last = `${res.status} ${text}`;
      } catch (err) {
        if (err instanceof Error && err.message.startsWith(`${method} ${path} answered`)) throw err;
        this.stats.connectionErrors += 1;
        last = String(err);
      }
      if (Date.now() - started > giveUpAfter) throw new Error(`${method} ${path}: no 2xx within ${giveUpAfter} ms (last: ${last})`);
      await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, this.options.maxBackoffMs ?? 1000)));
    }
  }
}

/** Runs `task` over `items` with at most `concurrency` at once; rejects with the first failure after all settle. */
export async function inPool<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i).catch((err: unknown) => errors.push(err));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  if (errors.length > 0) throw errors[0];
}

/** A figures block, printed so a run's log shows what the suite measured. */
export function printFigures(title: string, figures: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  process.stdout.write(`\n==== ${title} ====\n${lines.join('\n')}\n${'='.repeat(title.length + 10)}\n`);
}
