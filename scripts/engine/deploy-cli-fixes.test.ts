import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { applyDeployCliFixes } from './deploy-cli-fixes';

const require = createRequire(import.meta.url);
applyDeployCliFixes(require);
const { default: PromptsHandler } = require('auth0-deploy-cli/lib/tools/auth0/handlers/prompts') as {
  default: { prototype: { withErrorHandling(callback: () => Promise<unknown>): Promise<unknown> } };
};
const handler = Object.create(PromptsHandler.prototype) as {
  IsFeatureSupported?: boolean;
  withErrorHandling(callback: () => Promise<unknown>): Promise<unknown>;
};
const failingWith =
  (statusCode: number, message = 'refused') =>
  async () => {
    throw Object.assign(new Error(message), { statusCode });
  };

describe("deploy-cli's prompt partials read, as the engine runs it", () => {
  it('fails on a 429 instead of reading the partials as absent', async () => {
    await expect(handler.withErrorHandling(failingWith(429))).rejects.toThrow(
      "prompts: the tenant answered 429 (rate limited) to a read of a prompt's partials",
    );
  });

  it('still reads a tenant without the feature (403) as having no partials', async () => {
    await expect(handler.withErrorHandling(failingWith(403))).resolves.toBeNull();
    expect(handler.IsFeatureSupported).toBe(false);
  });

  it('answers what the read answered', async () => {
    await expect(
      handler.withErrorHandling(async () => ({ 'form-content-start': '<div/>' })),
    ).resolves.toEqual({
      'form-content-start': '<div/>',
    });
  });
});
