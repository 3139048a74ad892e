/**
 * The local tenant's risk-assessment settings, as the recordings show them: `{ enabled }` at
 * /risk-assessments/settings and `{ remember_for }` (days) at .../new-device, each written with PATCH and
 * answered as stored. A new tenant has assessment off and remembers devices for 30 days, as recorded.
 */
import { scopes } from '../../local-tenant/api/common';
import { boolean, closedObject, integer } from '../../local-tenant/api/schemas/json';
import { singletonRoutes } from '../../local-tenant/api/singleton';

const { read, update } = scopes('attack_protection');

export const riskAssessmentRoutes = [
  ...singletonRoutes({
    path: '/risk-assessments/settings',
    scopes: { read, update },
    at: 'riskAssessment.settings',
    initial: { enabled: false },
    schema: closedObject({ enabled: boolean }, ['enabled']),
  }),
  ...singletonRoutes({
    path: '/risk-assessments/settings/new-device',
    scopes: { read, update },
    at: 'riskAssessment.new_device',
    initial: { remember_for: 30 },
    schema: closedObject({ remember_for: { ...integer, minimum: 1 } }, ['remember_for']),
  }),
];
