/**
 * The plan stage: `planChanges(desired, current)` compares the built tenant with the tenant as read and
 * returns creates, updates (field by field) and deletes; `formatPlan` prints it as text, markdown or JSON.
 * `sealSecrets` fills secret values into the desired state and records fingerprints of write-only fields.
 */
export {
  countChanges,
  formatPlan,
  PLAN_FORMATS,
  type PlanCounts,
  type PlanFormat,
  type PlanHeading,
  wouldWrite,
} from './format';
export { type PlanOptions, planChanges } from './plan';
export { type Sealed, type SecretInput, sealSecrets } from './seal';
export * from './types';
