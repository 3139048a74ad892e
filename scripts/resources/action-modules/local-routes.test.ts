import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IdMap, type RecordedCall, verdict } from '../../../test/local-tenant/conformance';
import { serveInProcess } from '../../../test/local-tenant/in-process';
import { actionRoutes } from '../../local-tenant/api/actions';
import { actionModuleRoutes } from './local-routes';

const RECORDINGS = path.resolve('../shared/reference/terraform-provider-auth0/recordings');
const CODE = "module.exports = { greeting: (name) => 'Welcome back, ' + name + '!' };\n";

let tenant = serveInProcess([...actionModuleRoutes, ...actionRoutes({ buildMs: 0 })]);
afterEach(() => {
  tenant.close();
  tenant = serveInProcess([...actionModuleRoutes, ...actionRoutes({ buildMs: 0 })]);
});

describe('the local /actions/modules', () => {
  it('keeps a module unpublished until published, then numbers the version and shows it as the latest', async () => {
    const created = await tenant.call('POST', '/actions/modules', {
      name: 'greetings',
      code: CODE,
      secrets: [{ name: 'GREETINGS_SIGNING_KEY', value: 'local-key' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ all_changes_published: false, actions_using_module_total: 0 });
    // A secret's value is write-only: the answer names it.
    expect(created.body.secrets).toEqual([{ name: 'GREETINGS_SIGNING_KEY', updated_at: expect.any(String) }]);

    const id = created.body.id as string;
    const published = await tenant.call('POST', `/actions/modules/${id}/versions`);
    expect(published).toMatchObject({ status: 200, body: { module_id: id, version_number: 1, code: CODE } });
    expect((await tenant.call('GET', `/actions/modules/${id}`)).body).toMatchObject({
      all_changes_published: true,
      latest_version: { version_number: 1 },
    });

    await tenant.call('PATCH', `/actions/modules/${id}`, { code: `${CODE}// v2\n` });
    const [listed] = (await tenant.call('GET', '/actions/modules')).body.modules;
    expect(listed).toMatchObject({ all_changes_published: false, latest_version_number: 1 });
  });

  it('lets an Action run a published version, by name and number, and counts the deployed Actions using it', async () => {
    const module = (
      await tenant.call('POST', '/actions/modules', { name: 'greetings', code: CODE, publish: true })
    ).body;
    const action = {
      name: 'greet-on-login',
      code: 'exports.onExecutePostLogin = async () => {};',
      supported_triggers: [{ id: 'post-login', version: 'v3' }],
      deploy: true,
    };
    const unknown = await tenant.call('POST', '/actions/actions', {
      ...action,
      modules: [{ module_name: 'greetings', module_version_number: 2 }],
    });
    expect(unknown.status).toBe(404);

    const created = await tenant.call('POST', '/actions/actions', {
      ...action,
      modules: [{ module_name: 'greetings', module_version_number: 1 }],
    });
    expect(created.body.modules).toEqual([
      {
        module_id: module.id,
        module_name: 'greetings',
        module_version_id: module.latest_version.id,
        module_version_number: 1,
      },
    ]);
    expect((await tenant.call('GET', `/actions/modules/${module.id}`)).body.actions_using_module_total).toBe(
      1,
    );
    // A module deployed Actions run cannot go from under them.
    expect((await tenant.call('DELETE', `/actions/modules/${module.id}`)).status).toBe(409);
  });

  it.skipIf(!existsSync(RECORDINGS))(
    "answers the Terraform provider's recorded module calls with their status codes and shapes",
    async () => {
      const ids = new IdMap();
      const verdicts = [];
      for (const file of ['TestAccActionModule.json', 'TestAccActionModuleVersionDataSource.json']) {
        const { interactions } = JSON.parse(readFileSync(path.join(RECORDINGS, file), 'utf8')) as {
          interactions: RecordedCall[];
        };
        for (const call of interactions.filter((candidate) => candidate.path.includes('/actions/modules'))) {
          const target = ids.apply(call.path.replace('/api/v2', ''));
          const answer = await tenant.call(call.method, target, call.body ?? undefined);
          ids.learn(call.response, answer.body);
          const {
            call: name,
            status,
            shape,
            detail,
          } = verdict({ ...call, response: call.response ?? '' }, { ...answer, headers: {} });
          verdicts.push({ name, status, shape, detail });
        }
      }
      expect(verdicts.filter((one) => !one.status || !one.shape)).toEqual([]);
      expect(verdicts.length).toBeGreaterThan(10);
    },
  );
});
