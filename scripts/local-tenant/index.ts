export type { Faults } from './faults';
export {
  DEFAULT_PORT,
  DEFAULT_STATE_FILE,
  type LocalTenant,
  type LocalTenantEnv,
  type LocalTenantOptions,
  LogStreamPortError,
  logStreamPortFor,
  startLocalTenant,
} from './local-tenant';
export { type DeliveryResult, deliverToSink, type StreamedLogEvent } from './log-stream/deliver';
export { LOG_STREAM_PATH, type ReceivedLogEvent } from './log-stream/receiver';
export type { RequestCounts } from './request-log';
export { StateLockedError } from './state/lock';
export { StateFileError } from './state/store';
