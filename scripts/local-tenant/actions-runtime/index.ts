/** The local tenant's Actions runtime: the deployed Actions and custom-database scripts, run as Auth0 does. */

export { GEO_TABLE, geoipOf } from './request-geo';
export { RiskProfiles, riskControlRoutes } from './risk-profiles';
export {
  type ActionsRuntimeOptions,
  createActionsRuntime,
  FLOW_LIMIT_MS,
  type LocalActionsRuntime,
  TIMEOUT_MESSAGE,
} from './runtime';
