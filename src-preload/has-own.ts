/** Whether `key` is an own property name of `table` (never a prototype one such as `__proto__` or `toString`). */
export function hasOwn(table: object, key: unknown): boolean {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);
}
