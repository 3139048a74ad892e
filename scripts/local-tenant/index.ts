export type { Faults } from './faults';
export {
  DEFAULT_PORT,
  DEFAULT_STATE_FILE,
  type LocalTenant,
  type LocalTenantEnv,
  type LocalTenantOptions,
  startLocalTenant,
} from './local-tenant';
export type { RequestCounts } from './request-log';
export { StateLockedError } from './state/lock';
export { StateFileError } from './state/store';
