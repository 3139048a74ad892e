/**
 * The engine's writes: a plan's changes through deploy-cli's handlers, then its deletes, and the written
 * types read back.
 *
 * The organizations step runs as an Auth0 instance of its own, after the others: its parts name what they
 * write (connections, clients, client grants), and no step after it in deploy-cli's order (event streams,
 * flows, prompts, triggers, forms, signals, tenant settings) names an organization. With its own pool, its
 * creates, held to the organizations bucket's pace, take no slot from the other steps. The new
 * organizations themselves are created from the start (deploy-cli-organizations.ts). While that step goes
 * on, the other types are read back: nothing it writes changes them.
 */
import type { TenantState } from '../plan/types';
import { CREDENTIALS_HANDLER } from '../resources/client-auth-credentials/schema';
import { createOrganizationsAhead, type OrganizationsAhead } from './deploy-cli-organizations';
import {
  Ajv,
  Auth0,
  type Auth0Instance,
  applyChanges,
  type ConfigFn,
  type Handler,
  schema,
} from './engine-modules';
import type { EngineCounts, Item } from './protocol';

export interface EngineWrites {
  /** The signed-in SDK client. */
  client: unknown;
  /** The deploy's own client, which no write may touch. */
  deployClientId: string;
  handlerConfig(types: string[], allowDelete?: boolean): ConfigFn;
  /** The engine's read of these types, as a plan reads them. */
  read(types: string[]): Promise<TenantState>;
  progress(line: string): void;
}

const ORGANIZATIONS = 'organizations';

/**
 * Writes `assets` and deletes `deletes` through deploy-cli, counting what each handler did in `counts`
 * (also when a step fails). Answers the `readAfter` types as read after their writes, or nothing when
 * there were deletes: a delete changes what refers to it, so the caller reads after it.
 */
export async function writeThroughDeployCli(
  engine: EngineWrites,
  assets: TenantState,
  deletes: Record<string, Item[]>,
  counts: Record<string, EngineCounts>,
  readAfter: readonly string[] = [],
): Promise<TenantState | undefined> {
  const record = (handlers: readonly Counted[]) => {
    for (const handler of handlers) {
      const count = counts[handler.type] ?? { created: 0, updated: 0, deleted: 0 };
      counts[handler.type] = {
        created: count.created + handler.created,
        updated: count.updated + handler.updated,
        deleted: count.deleted + handler.deleted,
      };
    }
  };
  const readBack = Object.keys(deletes).length === 0 && readAfter.length > 0;
  const others = readAfter.filter((type) => type !== ORGANIZATIONS);
  let othersRead: Promise<TenantState> | undefined;
  const types = Object.keys(assets);
  // A client's credentials are written by their own deploy-cli handlers, after the clients step.
  if (types.includes('clients')) types.push(CREDENTIALS_HANDLER);
  if (types.length > 0) {
    checkSchema(assets);
    // deploy-cli's excluded clients keep their enablement on each connection as it is: the deploy's own
    // client is not the tenant file's to enable or disable (withoutDeployClient in connection-type.ts).
    const written = { ...assets, exclude: { clients: [engine.deployClientId] } } as TenantState;
    const instance = (of: string[]) => {
      if (of.length === 0) return undefined;
      const auth0 = new Auth0(engine.client, written, engine.handlerConfig(of));
      alignHandlers(auth0.handlers);
      return auth0;
    };
    const steps = instance(types.filter((type) => type !== ORGANIZATIONS));
    const organizations = instance(types.filter((type) => type === ORGANIZATIONS));
    let ahead: OrganizationsAhead | undefined;
    try {
      await steps?.runStage('validate');
      await organizations?.runStage('validate');
      ahead = createOrganizationsAhead(organizations?.handlers ?? [], assets.organizations, (organization) =>
        (engine.client as OrganizationsClient).organizations.create(organization),
      );
      await steps?.runStage('processChanges');
      if (readBack && others.length > 0) {
        othersRead = engine.read(others);
        // Awaited below; should the organizations step fail first, its failure is the one reported.
        othersRead.catch(() => undefined);
      }
      await organizations?.runStage('processChanges');
    } catch (error) {
      ahead?.stop();
      throw error;
    } finally {
      await ahead?.settled();
      await othersRead?.catch(() => undefined);
      for (const auth0 of [steps, organizations]) if (auth0) record(auth0.handlers);
      // Created ahead, and in the tenant now, though their step failed or never came.
      const uncounted = ahead?.uncounted() ?? 0;
      if (uncounted > 0) record([{ type: ORGANIZATIONS, created: uncounted, updated: 0, deleted: 0 }]);
    }
  }
  await deleteThroughDeployCli(engine, deletes, record);
  if (!readBack) return undefined;
  try {
    const [early, late] = await Promise.all([
      othersRead ?? (others.length > 0 ? engine.read(others) : {}),
      readAfter.includes(ORGANIZATIONS) ? engine.read([ORGANIZATIONS]) : {},
    ]);
    return { ...early, ...late };
  } catch {
    // Everything was written: the caller reads again, and a read that fails then is reported as one.
    return undefined;
  }
}

/** Deletes, after the writes, in the order given (the registry's: dependants first). */
async function deleteThroughDeployCli(
  engine: EngineWrites,
  deletes: Record<string, Item[]>,
  record: (handlers: readonly Counted[]) => void,
): Promise<void> {
  const deleteTypes = Object.keys(deletes);
  if (deleteTypes.length === 0) return;
  const auth0: Auth0Instance = new Auth0(engine.client, {}, engine.handlerConfig(deleteTypes, true));
  alignHandlers(auth0.handlers);
  try {
    for (const type of deleteTypes) {
      const handler = auth0.handlers.find((candidate) => candidate.type === type);
      if (!handler) throw new Error(`deploy-cli has no handler for ${type}`);
      const sdkDelete = SDK_DELETES[type];
      if (sdkDelete) {
        for (const _item of deletes[type] ?? []) {
          await sdkDelete(engine.client as SdkClient);
          handler.deleted += 1;
          engine.progress(`deleted ${type}`);
        }
        continue;
      }
      await applyChanges.call(
        handler,
        {},
        { del: deletes[type] ?? [], create: [], update: [], conflicts: [] },
      );
    }
  } finally {
    record(auth0.handlers);
  }
}

type Counted = Pick<Handler, 'type' | 'created' | 'updated' | 'deleted'>;

interface OrganizationsClient {
  organizations: { create(organization: Item): Promise<Item> };
}

interface SdkClient {
  emails: { provider: { delete(): Promise<unknown> } };
}

/**
 * Settings objects deploy-cli 8.44 cannot delete: its email provider handler answers `emailProvider: {}`
 * by writing the provider back as it read it, and its base handler's delete would call a
 * `client.emailProvider` its SDK no longer has. The SDK's own call does it (DELETE /emails/provider).
 */
const SDK_DELETES: Record<string, (client: SdkClient) => Promise<unknown>> = {
  emailProvider: (client) => client.emails.provider.delete(),
};

/**
 * Where a deploy-cli handler does not do what the plan planned. Its network ACL handler matches a rule
 * by id, then priority, then `active` (and `rule`, an object, never): a rule the plan creates would
 * overwrite any rule with the same `active` the file leaves out. The plan matches by priority alone, and
 * now so does the handler. Its deletes go through the base handler here, which looks for a client named
 * after the type (`networkACLs`) where the SDK has `networkAcls`.
 */
function alignHandlers(handlers: Handler[]): void {
  for (const handler of handlers) {
    if (handler.type !== 'networkACLs') continue;
    handler.identifiers = ['id', 'priority'];
    const sdk = handler.client as { networkAcls: { delete(id: unknown): Promise<unknown> } };
    handler.functions = { ...handler.functions, delete: (id) => sdk.networkAcls.delete(id) };
  }
}

/**
 * deploy-cli's own schema check, on the sections being written only (`npm run check` has already checked
 * everything with stricter schemas). Not prompts: deploy-cli's prompts schema is 8 MB (every language
 * times every prompt and screen, each only `type: object`, no other keyword), and ajv 6 takes 6 to 12 s of
 * CPU to compile it in every deploy that writes prompts. Ours (scripts/resources/prompts/schema.ts) names
 * the same languages, prompts and screens and also types each text, so theirs adds nothing. The other
 * sections together compile in about 0.15 s.
 */
function checkSchema(assets: TenantState): void {
  const properties = Object.fromEntries(
    Object.keys(assets).map((type) => [type, type === 'prompts' ? {} : schema.properties[type]]),
  );
  const ajv = new Ajv({ useDefaults: true, nullable: true });
  if (!ajv.validate({ ...schema, properties }, assets)) {
    throw new Error(`deploy-cli's schema refused the tenant: ${JSON.stringify(ajv.errors)}`);
  }
}
