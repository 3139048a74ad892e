/**
 * Branding as `tenant.yaml` writes it, after the Management API's types (auth0 SDK:
 * UpdateBrandingRequestContent) and deploy-cli's handler: the logo, favicon, font and colours, and the
 * Universal Login page template as an HTML file beside tenant.yaml.
 */
import { closedObject, type JsonSchema, listOf, oneOfValues, text, url } from '../../tenant/schema/common';

/** `#RGB` or `#RRGGBB`, as Auth0's branding colours are written. */
export const hexColour: JsonSchema = { type: 'string', pattern: '^#([0-9a-fA-F]{3}){1,2}$' };

/** Auth0 stores at most this much of a page template (the Management API reference's limit). */
export const MAX_TEMPLATE_CHARACTERS = 102_400;

const gradient = closedObject(
  {
    type: oneOfValues(['linear-gradient']),
    start: hexColour,
    end: hexColour,
    angle_deg: { type: 'number', minimum: 0, maximum: 360 },
  },
  ['type', 'start', 'end', 'angle_deg'],
);

export const brandingSchema: JsonSchema = closedObject({
  colors: closedObject({
    primary: hexColour,
    // A solid colour, or a gradient.
    page_background: { anyOf: [hexColour, gradient] },
  }),
  logo_url: url,
  favicon_url: url,
  font: closedObject({ url }, ['url']),
  templates: listOf(
    closedObject(
      {
        // deploy-cli knows one template (constants.SUPPORTED_BRANDING_TEMPLATES).
        template: oneOfValues(['universal_login']),
        body: { ...text, description: 'path of the HTML file, relative to tenant.yaml' },
      },
      ['template', 'body'],
    ),
    { maxItems: 1 },
  ),
});
