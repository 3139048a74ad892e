import { attackProtectionRoutes, CAPTCHA_SECRET_FIELDS } from '../local-tenant/api/attack-protection';
import { attackProtectionSchema } from '../tenant/schema/attack-protection';
import { defineResource, type Flattened, isRecord, type Rec, singletonIdentity } from './define';

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
  secrets: CAPTCHA_SECRET_FIELDS.map((field) => ({
    path: `captcha.*.${field}`,
    returned: false,
    sensitive: 'always' as const,
  })),
  compare: { deletable: false },
  flatten: withoutUnconfiguredCaptcha,
  writtenInParts: true,
  localState: [{ field: 'attackProtection', shape: 'object' }],
  localRoutes: () => attackProtectionRoutes,
});

/**
 * An export lists every CAPTCHA provider, with an empty site key and a placeholder for its secret when no
 * one set it up. Adopted as is, each would ask for a secret nobody has: only the active provider and those
 * with a site key are kept.
 */
function withoutUnconfiguredCaptcha(item: Rec): Flattened {
  const captcha = item.captcha;
  if (!isRecord(captcha)) return { item, removed: [] };
  const kept: Rec = {};
  const removed: { path: string[]; why: string }[] = [];
  for (const [provider, settings] of Object.entries(captcha)) {
    const unused =
      isRecord(settings) &&
      provider !== captcha.active_provider_id &&
      'site_key' in settings &&
      (settings.site_key === '' || settings.site_key === undefined);
    if (unused)
      removed.push({
        path: ['captcha', provider],
        why: 'a CAPTCHA provider never set up (no site key, not active)',
      });
    else kept[provider] = settings;
  }
  return { item: { ...item, captcha: kept }, removed };
}
