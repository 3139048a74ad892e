import { boolean, closedObject, type JsonSchema, nonEmptyText, stringMap, text, textList } from './common';

/**
 * One connection as deploy-cli's YAML holds it: `databases:` and `connections:` entries share every field
 * but the strategy and the options, and differ in whether the strategy must be written.
 */
export function connectionEntrySchema(parts: {
  strategy: JsonSchema;
  options: JsonSchema;
  required: string[];
}): JsonSchema {
  return closedObject(
    {
      name: nonEmptyText,
      strategy: parts.strategy,
      display_name: text,
      enabled_clients: textList,
      is_domain_connection: boolean,
      show_as_button: boolean,
      realms: textList,
      metadata: stringMap,
      authentication: closedObject({ active: boolean }, ['active']),
      connected_accounts: closedObject({ active: boolean }, ['active']),
      options: parts.options,
    },
    parts.required,
  );
}
