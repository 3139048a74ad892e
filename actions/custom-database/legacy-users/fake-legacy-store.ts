/**
 * Test double: the legacy user store's HTTP API on 127.0.0.1, answering as the contract module does
 * (legacy-store-contract.ts: bearer token checked, `POST /authenticate`, `GET /users?email=`), with one
 * known user. A test can replace the behaviour with a fixed answer, a delay, or a connection that never
 * answers, and reads back every request the store received.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { answerLegacyRequest, type LegacyStoreUser, NO_ROUTE } from './legacy-store-contract';

export const STORE_TOKEN = 'legacy-store-token-7f3a9c';
export const JANE: LegacyStoreUser = {
  id: 1001,
  email: 'jane.doe@example.com',
  password: 'correct horse battery staple',
  email_verified: true,
  name: 'Jane Doe',
  given_name: 'Jane',
  family_name: 'Doe',
  user_metadata: { theme: 'dark' },
  app_metadata: { plan: 'pro' },
  // Fields outside the contract that a real store might leak; the scripts must drop them.
  password_hash: '$2b$10$abcdefghijklmnopqrstuv',
};

/** What both scripts should make of JANE's record: contract fields only, the stable legacy id. */
export const JANE_PROFILE = {
  user_id: 'legacy|1001',
  email: 'jane.doe@example.com',
  email_verified: true,
  name: 'Jane Doe',
  given_name: 'Jane',
  family_name: 'Doe',
  user_metadata: { theme: 'dark' },
  app_metadata: { plan: 'pro', legacy_id: '1001' },
};

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

/**
 * What the store answers: a status with a JSON (or raw text) body, optionally late, or never. `contentType`
 * (default `application/json`) lets a test answer as a proxy or a load balancer would, e.g. `text/html`.
 */
export type StoreAnswer =
  | { status: number; json?: unknown; text?: string; contentType?: string; delayMs?: number }
  | 'never';

export interface FakeLegacyStore {
  /** `http://127.0.0.1:<port>/api`: the LEGACY_API_URL for tests. */
  url: string;
  requests: ReceivedRequest[];
  /** Answer every request with this from now on (until `reset`). */
  answer(answer: StoreAnswer): void;
  /** Back to the realistic behaviour, requests forgotten. */
  reset(): void;
  close(): Promise<void>;
}

const PREFIX = '/api/';

/** The contract's answer (legacy-store-contract.ts), from a store holding JANE alone. */
function realisticAnswer(request: ReceivedRequest): StoreAnswer {
  if (!request.path.startsWith(PREFIX)) return NO_ROUTE;
  return answerLegacyRequest(
    { ...request, path: request.path.slice(PREFIX.length) },
    { tokens: [STORE_TOKEN], users: [JANE] },
  );
}

export async function startFakeLegacyStore(): Promise<FakeLegacyStore> {
  const requests: ReceivedRequest[] = [];
  let fixed: StoreAnswer | undefined;

  const server = createServer((req, res) => {
    void readRequest(req).then((received) => {
      requests.push(received);
      reply(res, fixed ?? realisticAnswer(received));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${PREFIX.slice(0, -1)}`,
    requests,
    answer: (answer) => {
      fixed = answer;
    },
    reset: () => {
      fixed = undefined;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One store for a test file, reset before each test, with the connection configuration pointing at it.
 * The configuration keeps the default timeout, so a busy machine cannot fail a happy story; timeout
 * stories call `useShortTimeout` (200 ms) to stay fast.
 */
export const SHORT_TIMEOUT_MS = 200;

export interface LegacyStoreFixture {
  store: FakeLegacyStore;
  configuration: Record<string, string>;
  /** Gives up after SHORT_TIMEOUT_MS in this test, for the stories about a slow store. */
  useShortTimeout(): void;
}

export function useFakeLegacyStore(): LegacyStoreFixture {
  const fixture = {
    useShortTimeout() {
      fixture.configuration = { ...fixture.configuration, LEGACY_API_TIMEOUT_MS: String(SHORT_TIMEOUT_MS) };
    },
  } as LegacyStoreFixture;
  beforeAll(async () => {
    fixture.store = await startFakeLegacyStore();
  });
  afterAll(() => fixture.store.close());
  beforeEach(() => {
    fixture.store.reset();
    fixture.configuration = {
      LEGACY_API_URL: fixture.store.url,
      LEGACY_API_TOKEN: STORE_TOKEN,
    };
  });
  return fixture;
}

async function readRequest(req: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return {
    method: req.method ?? '',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    authorization: req.headers.authorization,
    body: text ? JSON.parse(text) : undefined,
  };
}

function reply(res: ServerResponse, answer: StoreAnswer): void {
  if (answer === 'never') return;
  const send = () => {
    const body = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
    res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'application/json' }).end(body);
  };
  if (answer.delayMs) setTimeout(send, answer.delayMs);
  else send();
}
