import { badRequest } from '../http/errors';
import { isJsonObject } from '../http/validate';
import type { JsonObject } from '../state/types';

/**
 * The checks Auth0 makes of a connection's flexible identifiers (`options.attributes`), as the Terraform
 * provider's recordings show them (TestAccConnectionOptionsAttr*Negative, TestAccConnectionAddEmailAttributeNonUnique):
 * attributes replace `validation` and `requires_username`, one of them must be an active identifier, and an
 * update cannot add an email attribute that is not unique to a connection that has none.
 */
function checkAttributes(options: JsonObject, stored: JsonObject | undefined, update: boolean): void {
  const attributes = options.attributes;
  if (!isJsonObject(attributes)) return;
  if (options.validation !== undefined && options.validation !== null)
    throw badRequest('Cannot set both options.attributes and options.validation');
  if (options.requires_username === true)
    throw badRequest('Cannot set both options.attributes and options.requires_username');
  const active = Object.values(attributes).some(
    (attribute) =>
      isJsonObject(attribute) && isJsonObject(attribute.identifier) && attribute.identifier.active === true,
  );
  if (!active) throw badRequest('attributes must contain one active identifier');
  const email = attributes.email;
  const storedEmail = isJsonObject(stored?.attributes) ? stored.attributes.email : undefined;
  const storedNonUnique = isJsonObject(storedEmail) && storedEmail.unique === false;
  // A create may declare it (TestAccConnectionOptionsAttrEmailNonUnique), and an update may keep it.
  if (update && isJsonObject(email) && email.unique === false && !storedNonUnique)
    throw badRequest('cannot add non-unique email attribute');
}

/**
 * Cross App Access as a requesting app: the docs say an oidc connection needs `options.type: back_channel`
 * and that `active: false` is always accepted
 * (https://auth0.github.io/node-auth0/interfaces/index.Management.CrossAppAccessRequestingApp.html); a
 * database connection is refused (TestAccConnectionCrossAppAccessRequestingAppNegative). Okta connections,
 * the other OpenID Connect enterprise strategy, are taken to accept it too.
 */
function checkCrossAppAccess(fields: JsonObject, strategy: unknown, options: JsonObject | undefined): void {
  const requesting = fields.cross_app_access_requesting_app;
  if (!isJsonObject(requesting) || requesting.active !== true) return;
  const supported =
    strategy === 'okta' || (strategy === 'oidc' && options !== undefined && options.type === 'back_channel');
  if (!supported)
    throw badRequest(
      'Cross App Access Requesting App is not supported for this connection.',
      'operation_not_supported',
    );
}

/** A create's or update's fields checked against what Auth0 refuses; `existing` is the stored connection. */
export function checkConnectionOptions(fields: JsonObject, existing: JsonObject | undefined): void {
  const stored = isJsonObject(existing?.options) ? existing.options : undefined;
  // As documented, `options`, when given, replaces the whole options object.
  const options = isJsonObject(fields.options)
    ? fields.options
    : fields.options === undefined
      ? stored
      : undefined;
  if (isJsonObject(fields.options)) checkAttributes(fields.options, stored, existing !== undefined);
  checkCrossAppAccess(fields, existing?.strategy ?? fields.strategy, options);
}
