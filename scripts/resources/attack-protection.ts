import { attackProtectionRoutes } from '../local-tenant/api/attack-protection';
import { attackProtectionSchema } from '../tenant/schema/attack-protection';
import { defineResource, singletonIdentity } from './define';

export const attackProtection = defineResource({
  key: 'attackProtection',
  shape: 'singleton',
  noun: 'attack protection',
  calls:
    '`GET`/`PATCH /attack-protection/{brute-force-protection, breached-password-detection, suspicious-ip-throttling, bot-detection, captcha}`',
  scopes: { read: ['read:attack_protection'], write: ['update:attack_protection'], remove: [] },
  schema: attackProtectionSchema,
  identity: singletonIdentity('attackProtection'),
  // CAPTCHA providers' secrets: Auth0 answers with the site keys only, and the section has nowhere to
  // record a fingerprint, so the plan can say that they are set but not whether they changed.
  secrets: [
    { path: 'captcha.*.secret', returned: false, sensitive: 'always' },
    { path: 'captcha.*.api_key', returned: false, sensitive: 'always' },
  ],
  compare: { deletable: false },
  writtenInParts: true,
  localState: [{ field: 'attackProtection', shape: 'object' }],
  localRoutes: () => attackProtectionRoutes,
});
