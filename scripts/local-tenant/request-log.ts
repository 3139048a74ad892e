/** How many requests the tenant answered, by kind and by `METHOD /route-pattern`. */
export interface RequestCounts {
  /** Every request to the API (`/api/v2/...`, `/oauth/token` and `/.well-known/...`), answered or not. */
  total: number;
  /** `GET` requests to `/api/v2`. */
  reads: number;
  /** `POST`, `PATCH`, `PUT` and `DELETE` requests to `/api/v2` (token requests are not tenant writes). */
  writes: number;
  /** E.g. `{ 'GET /api/v2/clients': 3, 'PATCH /api/v2/clients/:id': 1, 'POST /oauth/token': 1 }`. */
  byRoute: Record<string, number>;
  /** API and token answers by status code, e.g. `{ '200': 40, '429': 0 }` (a dropped connection has none). */
  byStatus: Record<string, number>;
}

export class RequestLog {
  private counts: RequestCounts = RequestLog.empty();

  private static empty(): RequestCounts {
    return { total: 0, reads: 0, writes: 0, byRoute: {}, byStatus: {} };
  }

  /** `pattern` is the route template (e.g. `/api/v2/clients/:id`), or the raw path when no route matched. */
  record(method: string, pattern: string): void {
    this.counts.total += 1;
    if (pattern.startsWith('/api/v2')) {
      if (method === 'GET' || method === 'HEAD') this.counts.reads += 1;
      else this.counts.writes += 1;
    }
    const key = `${method} ${pattern}`;
    this.counts.byRoute[key] = (this.counts.byRoute[key] ?? 0) + 1;
  }

  /** The status an API or token request was answered with. */
  answered(status: number): void {
    const key = String(status);
    this.counts.byStatus[key] = (this.counts.byStatus[key] ?? 0) + 1;
  }

  snapshot(): RequestCounts {
    return { ...this.counts, byRoute: { ...this.counts.byRoute }, byStatus: { ...this.counts.byStatus } };
  }

  reset(): void {
    this.counts = RequestLog.empty();
  }
}
