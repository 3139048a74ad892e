/**
 * A Universal Login theme as `tenant.yaml` writes it, after the Management API's types (auth0 SDK:
 * CreateBrandingThemeRequestContent, whose parts Auth0 requires whole) and deploy-cli's schema for it.
 * A tenant has at most one theme.
 */
import { boolean, closedObject, type JsonSchema, listOf, oneOfValues, url } from '../../tenant/schema/common';

/** `#RGB`, `#RGBA`, `#RRGGBB` or `#RRGGBBAA`, as the theme editor writes colours. */
const colour: JsonSchema = { type: 'string', pattern: '^#(([0-9a-fA-F]{3}){1,2}|([0-9a-fA-F]{4}){1,2})$' };
const between = (minimum: number, maximum: number): JsonSchema => ({ type: 'number', minimum, maximum });
const style = oneOfValues(['pill', 'rounded', 'sharp']);
const alignment = oneOfValues(['center', 'left', 'right']);
/** A URL, or empty for none (the theme editor writes `""`). */
const optionalUrl: JsonSchema = { anyOf: [url, { type: 'string', maxLength: 0 }] };

/** Every key of `properties` is required: Auth0 takes each part of a theme whole. */
const whole = (properties: Record<string, JsonSchema>) => closedObject(properties, Object.keys(properties));

const font = (minimum: number) => whole({ bold: boolean, size: between(minimum, 150) });

const COLOURS = [
  'body_text',
  'error',
  'header',
  'icons',
  'input_background',
  'input_border',
  'input_filled_text',
  'input_labels_placeholders',
  'links_focused_components',
  'primary_button',
  'primary_button_label',
  'secondary_button_border',
  'secondary_button_label',
  'success',
  'widget_background',
  'widget_border',
];

const themeSchema = closedObject(
  {
    displayName: { type: 'string', pattern: '^[^<>]*$', minLength: 1 },
    borders: whole({
      button_border_radius: between(1, 10),
      button_border_weight: between(0, 10),
      buttons_style: style,
      input_border_radius: between(0, 10),
      input_border_weight: between(0, 3),
      inputs_style: style,
      show_widget_shadow: boolean,
      widget_border_weight: between(0, 10),
      widget_corner_radius: between(0, 50),
    }),
    colors: closedObject(
      {
        ...Object.fromEntries(COLOURS.map((name) => [name, colour])),
        base_focus_color: colour,
        base_hover_color: colour,
        read_only_background: colour,
        captcha_widget_theme: oneOfValues(['auto', 'light', 'dark']),
      },
      COLOURS,
    ),
    fonts: whole({
      body_text: font(0),
      buttons_text: font(0),
      font_url: optionalUrl,
      input_labels: font(0),
      links: font(0),
      links_style: oneOfValues(['normal', 'underlined']),
      reference_text_size: between(12, 24),
      subtitle: font(0),
      title: font(75),
    }),
    page_background: whole({
      background_color: colour,
      background_image_url: optionalUrl,
      page_layout: alignment,
    }),
    widget: whole({
      header_text_alignment: alignment,
      logo_height: between(1, 100),
      logo_position: oneOfValues(['center', 'left', 'none', 'right']),
      logo_url: optionalUrl,
      social_buttons_layout: oneOfValues(['bottom', 'top']),
    }),
    // Needs the universal_login_theme_identifiers feature on the tenant.
    identifiers: whole({
      login_display: oneOfValues(['separate', 'unified']),
      otp_autocomplete: boolean,
      phone_display: whole({
        formatting: oneOfValues(['international', 'regional']),
        masking: oneOfValues(['hide_country_code', 'mask_digits', 'show_all']),
      }),
    }),
  },
  ['displayName', 'borders', 'colors', 'fonts', 'page_background', 'widget'],
);

export const themesSchema: JsonSchema = listOf(themeSchema, { maxItems: 1 });
