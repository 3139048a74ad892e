import { describe, expect, it } from 'vitest';
import type { TenantState } from '../state/types';
import { branding } from './tenant-lookup';

describe('the branding the login pages use', () => {
  it('is the settings PATCH /api/v2/branding stored, not the state object holding them and the template', () => {
    const settings = { colors: { primary: '#0B5FFF' }, logo_url: 'https://example.com/logo.svg' };
    const state = { branding: { settings, templates: {} } } as unknown as TenantState;
    expect(branding(state)).toEqual(settings);
    expect(branding({} as TenantState)).toEqual({});
  });
});
