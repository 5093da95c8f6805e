/**
 * Reading the objects fast-xml-parser makes of an XML document (reginfo,
 * dialog-info): an element is a string, an object with `#text` and
 * attributes, or an array when it repeats. One definition for every parser.
 */

/** The trimmed text of an element (undefined when empty or absent). */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (isRecord(value) && typeof value['#text'] === 'string') return value['#text'].trim() || undefined;
  return undefined;
}

/** A child element or attribute of an element object. */
export function field(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

/** An element that may occur once or several times, as a list. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
