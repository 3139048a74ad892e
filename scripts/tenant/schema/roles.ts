import { closedObject, type JsonSchema, listOf, nonEmptyText, oneOfValues, text } from './common';

/** Roles (`roles:`) with their permissions: scopes of our APIs, named by the API's identifier. */
export const roleSchema: JsonSchema = closedObject(
  {
    name: nonEmptyText,
    description: text,
    type: oneOfValues(['tenant', 'organization']),
    permissions: listOf(
      closedObject({ permission_name: nonEmptyText, resource_server_identifier: nonEmptyText }, [
        'permission_name',
        'resource_server_identifier',
      ]),
    ),
  },
  ['name'],
);

export const rolesSchema: JsonSchema = listOf(roleSchema);
