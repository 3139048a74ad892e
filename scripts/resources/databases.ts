import { databasesSchema } from '../tenant/schema/databases';
import { connectionType } from './connection-type';
import { defineResource } from './define';

export const databases = defineResource({
  ...connectionType,
  key: 'databases',
  schema: databasesSchema,
  codeFields: ['options.customScripts.*'],
  // A custom database's settings (the scripts' `configuration`): Auth0 never returns their values.
  secrets: [
    {
      path: 'options.configuration.*',
      returned: false,
      sensitive: 'by-name',
      label: 'database configuration',
    },
  ],
});
