/**
 * Places in an adopted tenant, and the keyword and secret names made from them: a value of the client
 * "Documents SPA" at `callbacks` is DOCUMENTS_SPA_CALLBACKS, one of the tenant settings at `friendly_name`
 * is TENANT_FRIENDLY_NAME. Names are chosen once per place, for every environment alike.
 */
import { isRecord, type Rec } from '../resources/define';
import { placeholderText, wholePlaceholder } from '../tenant/placeholders';
import { UserError } from '../user-error';

/** Where a value is: its section, the item's identity in a list section, and the path inside the item. */
export interface Place {
  section: string;
  /** The item's identity (`Documents SPA`); undefined for a settings object. */
  item?: string;
  path: readonly string[];
}

export const readablePlace = (place: Place): string =>
  `${place.section}${place.item === undefined ? '' : `[${place.item}]`}${place.path.map((part) => `.${part}`).join('')}`;

/** `Documents SPA` -> `DOCUMENTS_SPA`; `jwt_configuration` -> `JWT_CONFIGURATION`; camelCase is split. */
export function upperSnake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

export class NameCollisionError extends UserError {}

/**
 * Hands out keyword and secret names: the short name of a place first (item and path), else one with the
 * section's noun in front; two places that still get one name are refused, since one keyword cannot hold
 * both values.
 */
export class PlaceNames {
  private readonly byName = new Map<string, string>();
  private readonly byPlace = new Map<string, string>();

  constructor(reserved: readonly string[] = []) {
    for (const name of reserved) this.byName.set(name, '(reserved)');
  }

  /** `preferred`: a name the place already has (an Action secret's own name), tried first. */
  nameFor(place: Place, noun: string, preferred?: string): string {
    const where = readablePlace(place);
    const known = this.byPlace.get(where);
    if (known) return known;
    const owner = upperSnake(place.item ?? place.section);
    const field = upperSnake(place.path.join('_'));
    const short = [owner, field].filter(Boolean).join('_') || 'VALUE';
    const long = `${upperSnake(noun)}_${short}`;
    const first = preferred && /^[A-Z][A-Z0-9_]*$/.test(preferred) ? [preferred] : [];
    for (const candidate of [...first, /^[0-9]/.test(short) ? `_${short}` : short, long]) {
      const holder = this.byName.get(candidate);
      if (holder === undefined || holder === where) {
        this.byName.set(candidate, where);
        this.byPlace.set(where, candidate);
        return candidate;
      }
    }
    throw new NameCollisionError(
      `the keyword name ${long} would stand for both ${this.byName.get(long)} and ${where}: ` +
        'rename one of the two items in one tenant, or adopt the environments separately',
    );
  }
}

/** A concrete location in an item, as the segments of a dotted pattern matched it. */
export interface Match {
  segments: (string | number)[];
  /** The readable part of each `*`: a map key, or the `name` of a list item. */
  labels: string[];
  value: unknown;
}

/** Every location of `pattern` (dotted, `*` for any key or list index) in `root`, existing ones only. */
export function matchPattern(root: unknown, pattern: string): Match[] {
  const parts = pattern.split('.');
  const out: Match[] = [];
  const walk = (value: unknown, index: number, segments: (string | number)[], labels: string[]) => {
    if (index === parts.length) {
      out.push({ segments, labels, value });
      return;
    }
    const part = parts[index] as string;
    if (part === '*') {
      if (Array.isArray(value)) {
        value.forEach((item, position) => {
          const label = isRecord(item) && typeof item.name === 'string' ? item.name : String(position);
          walk(item, index + 1, [...segments, position], [...labels, label]);
        });
      } else if (isRecord(value)) {
        for (const [key, item] of Object.entries(value))
          walk(item, index + 1, [...segments, key], [...labels, key]);
      }
      return;
    }
    if (isRecord(value) && part in value) walk(value[part], index + 1, [...segments, part], labels);
  };
  walk(root, 0, [], []);
  return out;
}

export function setAt(root: Rec, segments: readonly (string | number)[], value: unknown): void {
  let node: unknown = root;
  for (const segment of segments.slice(0, -1)) node = (node as Record<string | number, unknown>)[segment];
  (node as Record<string | number, unknown>)[segments.at(-1) as string | number] = value;
}

export function deleteAt(root: unknown, segments: readonly (string | number)[]): void {
  let node: unknown = root;
  for (const segment of segments.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[segment];
  }
  const last = segments.at(-1);
  if (last === undefined || node === null || typeof node !== 'object') return;
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else delete (node as Record<string | number, unknown>)[last];
}

/** A keyword marker: `##NAME##` inside text, `@@NAME@@` for a whole value of any type. */
export const textMarker = (name: string) => placeholderText('string', name);
export const valueMarker = (name: string) => placeholderText('array', name);
/** A whole string that is one of deploy-cli's placeholders: its export writes them for unreadable secrets. */
export const isPlaceholderText = (value: unknown): boolean =>
  typeof value === 'string' && wholePlaceholder(value) !== undefined;
