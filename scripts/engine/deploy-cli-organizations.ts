/**
 * deploy-cli's organizations step, as the engine runs it: new organizations created ahead of it, and the
 * parts this repository does not manage kept on an update.
 *
 * New organizations ahead of the step.
 * deploy-cli writes the organizations after every type their parts name (connections, clients, client
 * grants). In a first deploy of the generated tenant, 5,000 writes come before the first organization;
 * then the organizations' own bucket (150 writes a minute, rate-limits/groups.ts) alone sets the pace of
 * their 1,000 creates, 13 minutes more. An organization itself names nothing, only its parts do. So each
 * new one is created (POST /organizations, its own fields) as soon as the apply starts, beside the other
 * steps. When deploy-cli's step comes, it adds the connections and other parts with its own code, taking
 * the organization created ahead instead of creating it.
 */
import { UNMANAGED_ORGANIZATION_PARTS } from '../resources/organizations/parts';
import type { RequireFn } from './deploy-cli-fanout-reads';
import { stopOrganizationsRead } from './deploy-cli-organizations-read';
import type { Item } from './protocol';

/** The parts deploy-cli writes after the create, with calls of their own (its createOrganization). */
const PARTS_WRITTEN_AFTER: readonly string[] = ['connections', ...UNMANAGED_ORGANIZATION_PARTS];

/** Creates at once: the organizations bucket allows 2.5 a second at most; two keep it busy. */
const CREATES_AT_ONCE = 2;

interface OrganizationsHandler {
  type: string;
  client: unknown;
  getType(): Promise<unknown>;
  createOrganization(org: Item): Promise<unknown>;
  updateOrganization(org: Item, organizations: Item[]): Promise<unknown>;
}

/** Per handler, its organizations created ahead: each creation by name, and those its step counted. */
interface CreatedAhead {
  creations: Map<string, Promise<Item>>;
  counted: Set<string>;
}
const createdAhead = new WeakMap<object, CreatedAhead>();

export interface OrganizationsAhead {
  /** Starts no more creates and stops the read (the apply failed); the creates under way go on. */
  stop(): void;
  /** When every create started has finished. */
  settled(): Promise<void>;
  /** The organizations created that deploy-cli's step did not count (it failed, or never came). */
  uncounted(): number;
}

const NOTHING_AHEAD: OrganizationsAhead = {
  stop: () => undefined,
  settled: async () => undefined,
  uncounted: () => 0,
};

/**
 * Starts creating the organizations of `assets` the tenant does not have yet (by name, read by the
 * handler's own read, which it keeps for its step), at most two at a time, through `create`.
 */
export function createOrganizationsAhead(
  handlers: readonly { type: string }[],
  assets: unknown,
  create: (organization: Item) => Promise<Item>,
): OrganizationsAhead {
  const handler = handlers.find((candidate) => candidate.type === 'organizations') as
    | OrganizationsHandler
    | undefined;
  if (!handler || !Array.isArray(assets) || assets.length === 0) return NOTHING_AHEAD;
  const wanted = assets.filter((item): item is Item => typeof item?.name === 'string');
  let stopped = false;
  const waiting = new Map<string, { resolve(item: Item): void; reject(error: unknown): void }>();
  const created = new Map<string, Promise<Item>>();
  const made = new Set<string>();
  const counted = new Set<string>();
  createdAhead.set(handler, { creations: created, counted });

  const run = async () => {
    const existing = (await handler.getType()) as Item[] | undefined;
    const names = new Set((existing ?? []).map((item) => item.name));
    const fresh = wanted.filter((item) => !names.has(item.name) && !created.has(String(item.name)));
    for (const item of fresh) {
      const name = String(item.name);
      // Known before the first create starts: deploy-cli's step never creates one of these itself.
      const creation = new Promise<Item>((resolve, reject) => waiting.set(name, { resolve, reject }));
      // Its failure is deploy-cli's step's to report; when the step never comes, nobody waits for it.
      creation.catch(() => undefined);
      created.set(name, creation);
    }
    let next = 0;
    const worker = async () => {
      while (next < fresh.length) {
        const item = fresh[next++] as Item;
        const name = String(item.name);
        const settle = waiting.get(name);
        if (stopped) {
          settle?.reject(new Error(`organization ${name} was not created: the apply stopped before it`));
          continue;
        }
        await create(ownFields(item)).then(
          (answer) => {
            made.add(name);
            settle?.resolve(answer);
          },
          (error: unknown) => settle?.reject(error),
        );
      }
    };
    await Promise.all(Array.from({ length: CREATES_AT_ONCE }, worker));
  };
  const running = run();
  // A failed read fails deploy-cli's own step the same way; it is reported there.
  running.catch(() => undefined);
  return {
    stop: () => {
      stopped = true;
      stopOrganizationsRead(handler, new Error('organizations were not read: the apply stopped'));
    },
    settled: () => running.catch(() => undefined),
    uncounted: () => [...made].filter((name) => !counted.has(name)).length,
  };
}

/** The organization without the parts written after it, as deploy-cli's createOrganization creates it. */
function ownFields(organization: Item): Item {
  const own = { ...organization };
  for (const part of PARTS_WRITTEN_AFTER) delete own[part];
  return own;
}

/**
 * deploy-cli's createOrganization, given an organization created ahead: its own code runs (the parts
 * written, the errors as it words them), with the create's call answered by the creation already made.
 */
export function takeOrganizationsCreatedAhead(load: RequireFn): void {
  const module = load('auth0-deploy-cli/lib/tools/auth0/handlers/organizations') as {
    default: { prototype: OrganizationsHandler };
  };
  const prototype = module.default.prototype;
  const createOrganization = prototype.createOrganization;
  prototype.createOrganization = async function (this: OrganizationsHandler, org: Item) {
    const name = String(org.name);
    const ahead = createdAhead.get(this);
    const creation = ahead?.creations.get(name);
    if (!ahead || !creation) return createOrganization.call(this, org);
    const answer = await createOrganization.call(answeringCreate(this, creation), org);
    // deploy-cli's step counts it once this resolves.
    ahead.counted.add(name);
    return answer;
  };
}

/** The handler, with its client's `organizations.create` answered by `created`. */
function answeringCreate(handler: OrganizationsHandler, created: Promise<Item>): OrganizationsHandler {
  const client = handler.client as { organizations: object };
  const organizations = new Proxy(client.organizations, {
    get: (target, key) => (key === 'create' ? () => created : Reflect.get(target, key)),
  });
  const answering = new Proxy(client, {
    get: (target, key) => (key === 'organizations' ? organizations : Reflect.get(target, key)),
  });
  return Object.create(handler, { client: { value: answering } }) as OrganizationsHandler;
}

/**
 * deploy-cli's update of an organization compares the file's client grants, discovery domains and
 * application associations with the tenant's, and a part the file leaves out counts as empty: every
 * client grant the organization has is removed (unasked, whatever AUTH0_ALLOW_DELETE says), and the
 * others are warned of as deletions. The file never holds them (parts.ts), but deploy-cli's schema, run
 * with ajv's defaults as deploy-cli runs it (checkSchema in engine-apply.ts), sets `client_grants` and
 * `clients` to `[]` on every organization. So an update compares the organization without any of these
 * parts, on either side, whatever they hold: they stay as the tenant has them.
 */
export function keepUnmanagedOrganizationParts(load: RequireFn): void {
  const module = load('auth0-deploy-cli/lib/tools/auth0/handlers/organizations') as {
    default: { prototype: OrganizationsHandler };
  };
  const prototype = module.default.prototype;
  const updateOrganization = prototype.updateOrganization;
  prototype.updateOrganization = async function (
    this: OrganizationsHandler,
    org: Item,
    organizations: Item[],
  ) {
    const existing = organizations.find((item) => item.name === org.name);
    if (!existing) return updateOrganization.call(this, org, organizations);
    const answer = await updateOrganization.call(this, withoutUnmanagedParts(org), [
      withoutUnmanagedParts(existing),
    ]);
    // deploy-cli answers `{ id }`, which its log line then names the organization by; a person knows its name.
    return answer && typeof answer === 'object' ? { ...answer, name: org.name } : answer;
  };
}

function withoutUnmanagedParts(organization: Item): Item {
  const kept = { ...organization };
  for (const part of UNMANAGED_ORGANIZATION_PARTS) delete kept[part];
  return kept;
}
