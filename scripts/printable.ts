/**
 * Text from a tenant file (a key, a name, a value) on its way to a terminal or a log: control characters
 * (ANSI escape sequences among them: they recolour, move the cursor, rewrite earlier lines) and the
 * characters that reorder text (bidirectional overrides) are shown as escapes, `\x1b` or `\u202e`,
 * instead of acting. JSON output needs nothing: JSON.stringify escapes control characters itself.
 */
/** C0 and C1 controls, DEL, and the marks and overrides that reorder bidirectional text. */
function isUnsafe(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function escapeCode(code: number): string {
  if (code === 0x0a) return '\\n';
  if (code === 0x09) return '\\t';
  if (code === 0x0d) return '\\r';
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

function escaped(text: string, keepLines: boolean): string {
  let out = '';
  let from = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (!isUnsafe(code) || (keepLines && (code === 0x0a || code === 0x09))) continue;
    out += text.slice(from, at) + escapeCode(code);
    from = at + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** One line of output: newlines and tabs are escaped too. */
export function printableLine(text: string): string {
  return escaped(text, false);
}

/** Text that may span lines (a code diff): newlines and tabs stay, everything else unsafe is escaped. */
export function printableText(text: string): string {
  return escaped(text, true);
}
