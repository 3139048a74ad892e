/** How many requests the tenant answered, by kind and by `METHOD /route-pattern`. */
export interface RequestCounts {
  /** Every request to the API (`/api/v2/...` and `/oauth/token`), answered or not. */
  total: number;
  /** `GET` requests to `/api/v2`. */
  reads: number;
  /** `POST`, `PATCH`, `PUT` and `DELETE` requests to `/api/v2` (token requests are not tenant writes). */
  writes: number;
  /** E.g. `{ 'GET /api/v2/clients': 3, 'PATCH /api/v2/clients/:id': 1, 'POST /oauth/token': 1 }`. */
  byRoute: Record<string, number>;
}

export class RequestLog {
  private counts: RequestCounts = RequestLog.empty();

  private static empty(): RequestCounts {
    return { total: 0, reads: 0, writes: 0, byRoute: {} };
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

  snapshot(): RequestCounts {
    return { ...this.counts, byRoute: { ...this.counts.byRoute } };
  }

  reset(): void {
    this.counts = RequestLog.empty();
  }
}
