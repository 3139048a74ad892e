/**
 * A flow as `tenant.yaml` writes it, after deploy-cli's schema for the section: its name, and the JSON
 * file beside tenant.yaml that holds the rest (its `actions`, the Management API's FlowAction* types).
 * deploy-cli's export writes that file with JSON.stringify and its import spreads the parsed file into
 * the flow; the check reads it, refuses one that does not parse (`files/not-json`) and one whose actions
 * name a vault connection tenant.yaml does not declare (`references/unknown-flow-vault-connection`).
 */
import { closedObject, type JsonSchema, listOf, nonEmptyText, readOnly } from '../../tenant/schema/common';

const flowSchema = closedObject(
  {
    name: {
      ...nonEmptyText,
      maxLength: 150,
      description:
        'Names the flow, as deploy-cli matches flows (and names its file) by it, and forms name it',
    },
    body: {
      ...nonEmptyText,
      pattern: '\\.json$',
      description:
        'The JSON file holding the flow (its actions), relative to tenant.yaml: ./flows/<name>.json',
    },
    id: readOnly('Auth0 names the flow when it is created; the file names it by its name'),
  },
  ['name', 'body'],
);

export const flowsSchema: JsonSchema = listOf(flowSchema);
