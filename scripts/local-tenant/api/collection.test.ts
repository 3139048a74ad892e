import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveInProcess } from '../../../test/local-tenant/in-process';
import { badRequest } from '../http/errors';
import { ok } from '../http/router';
import { type CollectionDeclaration, collectionRoutes } from './collection';
import { scopes } from './common';
import { boolean, closedObject, oneOf, string, updateBody } from './schemas/json';

const LOG_STREAM_CREATE = closedObject(
  { name: string, type: oneOf(['http', 'datadog']), isPriority: boolean, status: string },
  ['name', 'type'],
);

let counter = 0;

/** A type the local tenant does not serve yet, declared as the next ones will be (kept in `roles` here). */
const LOG_STREAMS: CollectionDeclaration = {
  path: '/log-streams',
  field: 'roles',
  id: { field: 'id', generate: () => `lst_${++counter}` },
  scopes: scopes('log_streams'),
  schemas: {
    create: LOG_STREAM_CREATE,
    update: updateBody(LOG_STREAM_CREATE, { createOnly: ['type'], clearable: ['status'] }),
  },
  notFound: { message: 'The log stream does not exist', errorCode: 'inexistent_log_stream' },
  unique: [{ fields: ['name'], message: (stream) => `A log stream named ${stream.name} already exists` }],
  list: {
    key: 'log_streams',
    paging: 'offset',
    filter: (query) => (stream) => !query.has('type') || stream.type === query.get('type'),
  },
  defaults: { status: 'active', isPriority: false },
};

let tenant: ReturnType<typeof serveInProcess> | undefined;
const serve = (declaration: CollectionDeclaration) => {
  tenant = serveInProcess(collectionRoutes(declaration));
  return tenant;
};
beforeEach(() => {
  counter = 0;
});
afterEach(() => tenant?.close());

describe('a collection type made from its declaration', () => {
  it('serves list, create, read, update and delete by id, each with its scope', () => {
    expect(
      collectionRoutes(LOG_STREAMS).map((route) => `${route.method} ${route.template} ${route.scope}`),
    ).toEqual([
      'GET /log-streams read:log_streams',
      'POST /log-streams create:log_streams',
      'GET /log-streams/:id read:log_streams',
      'PATCH /log-streams/:id update:log_streams',
      'DELETE /log-streams/:id delete:log_streams',
    ]);
  });

  it('creates an item with an id and the server defaults, then lists, reads, changes and deletes it', async () => {
    const { call, state } = serve(LOG_STREAMS);

    const created = await call('POST', '/log-streams', { name: 'audit', type: 'http' });
    const id = created.body.id;
    const listed = await call('GET', '/log-streams');
    const read = await call('GET', `/log-streams/${id}`);
    const changed = await call('PATCH', `/log-streams/${id}`, { status: 'paused' });
    const deleted = await call('DELETE', `/log-streams/${id}`);
    const gone = await call('GET', `/log-streams/${id}`);

    expect(created).toEqual({
      status: 201,
      body: { id: 'lst_1', name: 'audit', type: 'http', status: 'active', isPriority: false },
    });
    expect(listed).toEqual({ status: 200, body: [created.body] });
    expect(read).toEqual({ status: 200, body: created.body });
    expect(changed).toEqual({ status: 200, body: { ...created.body, status: 'paused' } });
    expect(deleted).toEqual({ status: 204, body: undefined });
    expect(gone).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        error: 'Not Found',
        message: 'The log stream does not exist',
        errorCode: 'inexistent_log_stream',
      },
    });
    expect(state().roles).toEqual([]);
  });

  it('refuses a second item with the same name, on create and on a rename, with 409', async () => {
    const { call, state } = serve(LOG_STREAMS);
    await call('POST', '/log-streams', { name: 'audit', type: 'http' });
    const other = await call('POST', '/log-streams', { name: 'metrics', type: 'datadog' });

    const again = await call('POST', '/log-streams', { name: 'audit', type: 'datadog' });
    const rename = await call('PATCH', `/log-streams/${other.body.id}`, { name: 'audit' });
    const keep = await call('PATCH', `/log-streams/${other.body.id}`, { name: 'metrics', isPriority: true });

    const conflict = {
      statusCode: 409,
      error: 'Conflict',
      message: 'A log stream named audit already exists',
      errorCode: 'conflict',
    };
    expect(again).toEqual({ status: 409, body: conflict });
    expect(rename).toEqual({ status: 409, body: conflict });
    expect(keep.status).toBe(200);
    expect(state().roles.map((stream) => [stream.name, stream.isPriority])).toEqual([
      ['audit', false],
      ['metrics', true],
    ]);
  });

  it("refuses what the create and update schemas do not allow, in Auth0's words", async () => {
    const { call } = serve(LOG_STREAMS);
    const { body: stream } = await call('POST', '/log-streams', { name: 'audit', type: 'http' });

    const missing = await call('POST', '/log-streams', { name: 'audit' });
    const createOnly = await call('PATCH', `/log-streams/${stream.id}`, { type: 'datadog' });

    expect(missing).toMatchObject({
      status: 400,
      body: {
        message: "Payload validation error: 'Missing required property: type'.",
        errorCode: 'invalid_body',
      },
    });
    expect(createOnly.body.message).toBe(
      "Payload validation error: 'Additional properties not allowed: type'.",
    );
  });

  it('pages and filters a list as declared', async () => {
    const { call } = serve(LOG_STREAMS);
    for (const [name, type] of [
      ['a', 'http'],
      ['b', 'datadog'],
      ['c', 'http'],
    ]) {
      await call('POST', '/log-streams', { name, type });
    }

    const second = await call('GET', '/log-streams?per_page=1&page=1&include_totals=true');
    const http = await call('GET', '/log-streams?type=http');
    const tooMany = await call('GET', '/log-streams?per_page=101');

    expect(second.body).toMatchObject({ start: 1, limit: 1, total: 3, log_streams: [{ name: 'b' }] });
    expect(http.body.map((stream: { name: string }) => stream.name)).toEqual(['a', 'c']);
    expect(tooMany).toMatchObject({ status: 400, body: { errorCode: 'invalid_query_string' } });
  });

  it('pages with checkpoints, or not at all, when the type is declared so', async () => {
    const checkpoints = serve({ ...LOG_STREAMS, list: { key: 'log_streams', paging: 'checkpoint' } });
    for (const name of ['a', 'b']) await checkpoints.call('POST', '/log-streams', { name, type: 'http' });
    const first = await checkpoints.call('GET', '/log-streams?take=1');
    const next = await checkpoints.call('GET', `/log-streams?take=1&from=${first.body.next}`);
    checkpoints.close();
    const whole = serve({ ...LOG_STREAMS, list: { key: 'log_streams', paging: 'none' } });
    for (const name of ['a', 'b']) await whole.call('POST', '/log-streams', { name, type: 'http' });
    const all = await whole.call('GET', '/log-streams?per_page=1&include_totals=true');

    expect(first.body).toEqual({
      log_streams: [expect.objectContaining({ name: 'a' })],
      next: expect.any(String),
    });
    expect(next.body).toEqual({ log_streams: [expect.objectContaining({ name: 'b' })] });
    expect(all.body.map((stream: { name: string }) => stream.name)).toEqual(['a', 'b']);
  });

  it('answers, finds, renders, checks and deletes the way a type declares where it differs', async () => {
    const { call, state } = serve({
      ...LOG_STREAMS,
      alsoFoundBy: ['name'],
      created: (stream) => ok(stream),
      deleted: () => ok({}),
      nullClears: true,
      render: ({ isPriority: _hidden, ...shown }) => shown,
      projection: true,
      check: (fields, _state, existing) => {
        if (existing?.status === 'suspended' && fields.status === undefined) throw badRequest('Suspended');
      },
      onDelete: (stream) => {
        if (stream.name === 'audit') throw badRequest('The audit stream stays', 'operation_not_supported');
      },
    });

    const created = await call('POST', '/log-streams', {
      name: 'metrics',
      type: 'http',
      status: 'suspended',
    });
    const byName = await call('GET', '/log-streams/metrics?fields=name,type');
    const refused = await call('PATCH', '/log-streams/metrics', { name: 'metrics-2' });
    const cleared = await call('PATCH', '/log-streams/metrics', { status: null });
    await call('POST', '/log-streams', { name: 'audit', type: 'http' });
    const kept = await call('DELETE', '/log-streams/audit');
    const deleted = await call('DELETE', '/log-streams/metrics');

    expect(created).toEqual({
      status: 200,
      body: { id: 'lst_1', name: 'metrics', type: 'http', status: 'suspended' },
    });
    expect(byName.body).toEqual({ name: 'metrics', type: 'http' });
    expect(refused).toMatchObject({ status: 400, body: { message: 'Suspended' } });
    expect(cleared.body).toEqual({ id: 'lst_1', name: 'metrics', type: 'http' });
    expect(kept).toMatchObject({ status: 400, body: { errorCode: 'operation_not_supported' } });
    expect(deleted).toEqual({ status: 200, body: {} });
    expect(state().roles.map((stream) => stream.name)).toEqual(['audit']);
  });

  it('answers the fields it always includes whatever `fields` asks, and 204 to deleting twice where declared', async () => {
    const { call } = serve({
      ...LOG_STREAMS,
      projection: true,
      alwaysIncluded: ['id'],
      deleteIsIdempotent: true,
    });
    await call('POST', '/log-streams', { name: 'metrics', type: 'http' });

    const named = await call('GET', '/log-streams/lst_1?fields=name&include_fields=true');
    const allBut = await call('GET', '/log-streams/lst_1?fields=name&include_fields=false');
    const deleted = await call('DELETE', '/log-streams/lst_1');
    const again = await call('DELETE', '/log-streams/lst_1');

    expect(named.body).toEqual({ id: 'lst_1', name: 'metrics' });
    expect(allBut.body).toEqual({ id: 'lst_1', type: 'http', status: 'active', isPriority: false });
    expect([deleted.status, again.status]).toEqual([204, 204]);
  });
});
