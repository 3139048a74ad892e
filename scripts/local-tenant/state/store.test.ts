import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TenantStore } from './store';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const open = (file: string, reset = false) =>
  TenantStore.open({ file, reset, domain: '127.0.0.1:8443', deployScopes: [] });

describe('a state file saved before a resource type was added', () => {
  it("opens with that type's fields empty, and keeps everything else", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'local-tenant-store-'));
    const file = path.join(dir, 'state.json');
    const saved = open(file, true).state;
    const { roles: _roles, rolePermissions: _permissions, ...older } = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify(older));

    const reopened = open(file).state;

    expect(reopened.roles).toEqual([]);
    expect(reopened.rolePermissions).toEqual({});
    expect(reopened.deployClientId).toBe(saved.deployClientId);
  });

  it('is still refused when a field it has is of the wrong shape', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'local-tenant-store-'));
    const file = path.join(dir, 'state.json');
    open(file, true);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), roles: {} }));

    expect(() => open(file)).toThrow('"roles" must be an array');
  });
});

describe('saving a large state', () => {
  it('writes right away after a pause, holds back a save close behind the last one, and flushes it', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'local-tenant-store-'));
    const file = path.join(dir, 'state.json');
    const store = open(file, true);
    const saved = () => JSON.parse(readFileSync(file, 'utf8')) as { roles: unknown[] };
    // Big enough that writing it takes a measurable time, as thousands of clients do.
    store.state.clients.push(
      ...Array.from({ length: 20_000 }, (_, index) => ({ client_id: `c${index}`, name: `app ${index}` })),
    );
    store.flush();
    expect(saved().roles).toEqual([]);

    store.save();
    store.state.roles.push({ id: 'rol_1', name: 'one' });
    store.save();
    // Still waiting: the write right before it took time, and the file is what it was.
    expect(saved().roles).toEqual([]);
    store.flush();
    expect(saved().roles).toEqual([{ id: 'rol_1', name: 'one' }]);
  });
});

describe('a save that waited', () => {
  const roleNames = (file: string) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { roles: { name: string }[] }).roles.map((role) => role.name);
  const settled = () => new Promise((resolve) => setTimeout(resolve, 200));
  // Every reading of the clock 5 ms after the last: each write takes 5 ms, so a save soon after one waits.
  // On the real clock, a pause of the machine between two saves let the second one write at once.
  const slowWrites = () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => {
      now += 5;
      return now;
    });
  };

  it('is written in the background with every change made meanwhile, and leaves no temporary file', async () => {
    slowWrites();
    dir = mkdtempSync(path.join(tmpdir(), 'local-tenant-store-'));
    const file = path.join(dir, 'state.json');
    const store = open(file, true);
    store.state.roles.push({ id: 'rol_1', name: 'one' });
    store.save();
    store.state.roles.push({ id: 'rol_2', name: 'two' });
    store.save();
    store.state.roles.push({ id: 'rol_3', name: 'three' });
    await settled();
    expect(roleNames(file)).toEqual(['one', 'two', 'three']);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('is superseded by a flush while it is written: the file never goes back to older content', async () => {
    slowWrites();
    dir = mkdtempSync(path.join(tmpdir(), 'local-tenant-store-'));
    const file = path.join(dir, 'state.json');
    const store = open(file, true);
    store.state.roles.push({ id: 'rol_1', name: 'one' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      store.save();
      // The waiting save starts: serialized with "one", its file write not yet done.
      vi.runOnlyPendingTimers();
    } finally {
      vi.useRealTimers();
    }
    store.state.roles.push({ id: 'rol_2', name: 'two' });
    store.flush();
    expect(roleNames(file)).toEqual(['one', 'two']);
    await settled();
    expect(roleNames(file)).toEqual(['one', 'two']);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });
});
