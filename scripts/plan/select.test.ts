import { describe, expect, it } from 'vitest';
import { countChanges } from './format';
import { planChanges } from './plan';
import { deletesFor, writesFor } from './select';

describe('what the engine is handed', () => {
  const desired = {
    guardianFactors: [
      { name: 'otp', enabled: true },
      { name: 'sms', enabled: false },
    ],
    attackProtection: {
      bruteForceProtection: { enabled: true, max_attempts: 10 },
      suspiciousIpThrottling: { enabled: true },
    },
    clients: [{ name: 'Documents SPA', app_type: 'spa' }],
  };
  const current = {
    guardianFactors: [
      { name: 'otp', enabled: false },
      { name: 'sms', enabled: false },
    ],
    attackProtection: {
      bruteForceProtection: { enabled: true, max_attempts: 5 },
      suspiciousIpThrottling: { enabled: true },
      botDetection: { bot_detection_level: 'low' },
    },
    clients: [
      { name: 'Documents SPA', client_id: 'cid-spa', app_type: 'spa' },
      { name: 'Old App', client_id: 'cid-old' },
    ],
  };
  const plan = planChanges(desired, current);

  it('is only the items and the settings parts that change', () => {
    expect(writesFor(plan, desired, current)).toEqual({
      guardianFactors: [{ name: 'otp', enabled: true }],
      attackProtection: { bruteForceProtection: { enabled: true, max_attempts: 10 } },
    });
  });

  it('deletes the current items as read, with the ids deploy-cli deletes them by', () => {
    expect(deletesFor(plan, current)).toEqual({ clients: [{ name: 'Old App', client_id: 'cid-old' }] });
  });

  it('deletes exactly as many items as the plan shows, when the tenant has two clients of one name', () => {
    // Auth0 allows two applications with the same name; both are deleted, so both must be counted
    // (CONFIRM_DELETES is checked against this count).
    const twins = {
      clients: [
        { name: 'Documents SPA', client_id: 'cid-spa', app_type: 'spa' },
        { name: 'Old App', client_id: 'cid-old-1' },
        { name: 'Old App', client_id: 'cid-old-2' },
      ],
    };
    const twinPlan = planChanges({ clients: desired.clients }, twins);

    expect(countChanges(twinPlan).delete).toBe(2);
    expect(deletesFor(twinPlan, twins)).toEqual({
      clients: [
        { name: 'Old App', client_id: 'cid-old-1' },
        { name: 'Old App', client_id: 'cid-old-2' },
      ],
    });
    // A plan that shows one delete never deletes more than one item.
    const one = { ...twinPlan, changes: twinPlan.changes.slice(0, 1) };
    expect(deletesFor(one, twins).clients).toHaveLength(1);
  });
});
