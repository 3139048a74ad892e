/**
 * A form as `tenant.yaml` writes it, after deploy-cli's schema for the section: its name, and the JSON file
 * beside tenant.yaml that holds the rest (nodes, start, ending, style, languages, translations, messages;
 * the Management API's Form* types). deploy-cli's export writes that file with JSON.stringify and its
 * import spreads the parsed file into the form, so what the file holds is Auth0's form as it is; the check
 * reads it and refuses one that does not parse (rule `files/not-json`).
 */
import { closedObject, type JsonSchema, listOf, nonEmptyText, readOnly } from '../../tenant/schema/common';

const formSchema = closedObject(
  {
    name: {
      ...nonEmptyText,
      maxLength: 150,
      description: 'Names the form, as deploy-cli matches forms (and names its file) by it',
    },
    body: {
      ...nonEmptyText,
      pattern: '\\.json$',
      description: 'The JSON file holding the form, relative to tenant.yaml: ./forms/<name>.json',
    },
    id: readOnly('Auth0 names the form when it is created; the file names it by its name'),
  },
  ['name', 'body'],
);

export const formsSchema: JsonSchema = listOf(formSchema);
