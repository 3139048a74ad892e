import { describe, expect, it } from 'vitest';
import { entriesOf } from './read';

const tenant = () => ({
  clients: [{ name: 'spa' }, 'not a mapping', { name: 'api-client' }],
});

const described = (entries: ReturnType<typeof entriesOf>) =>
  entries.map(({ item, index, pointer }) => [item.name, index, pointer]);

describe('the entries of a list section', () => {
  it('are its mappings, with their places', () => {
    expect(described(entriesOf(tenant(), 'clients'))).toEqual([
      ['spa', 0, '/clients/0'],
      ['api-client', 2, '/clients/2'],
    ]);
    expect(entriesOf({ clients: 'not a list' }, 'clients')).toEqual([]);
  });

  it('are given again for the same list, and cannot be changed by whoever is given them', () => {
    const document = tenant();
    const first = entriesOf(document, 'clients');
    expect(entriesOf(document, 'clients')).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
  });

  it('follow the list when its items change', () => {
    const document = tenant();
    const before = entriesOf(document, 'clients');
    document.clients.push({ name: 'added' });
    expect(described(entriesOf(document, 'clients')).at(-1)).toEqual(['added', 3, '/clients/3']);

    document.clients[0] = { name: 'replaced' };
    expect(entriesOf(document, 'clients')[0]?.item).toEqual({ name: 'replaced' });

    document.clients.splice(1, 1);
    expect(described(entriesOf(document, 'clients'))).toEqual([
      ['replaced', 0, '/clients/0'],
      ['api-client', 1, '/clients/1'],
      ['added', 2, '/clients/2'],
    ]);
    expect(entriesOf(document, 'clients')).not.toBe(before);
  });

  it('see a change inside an item, which they hold and do not copy', () => {
    const document = tenant();
    entriesOf(document, 'clients');
    (document.clients[0] as { name: string }).name = 'renamed';
    expect(entriesOf(document, 'clients')[0]?.item.name).toBe('renamed');
  });

  it('are made for each section that names the same list', () => {
    const list = [{ name: 'shared' }];
    expect(entriesOf({ databases: list }, 'databases')[0]?.pointer).toBe('/databases/0');
    expect(entriesOf({ connections: list }, 'connections')[0]?.pointer).toBe('/connections/0');
  });
});
