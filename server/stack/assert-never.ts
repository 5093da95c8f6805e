/** Exhaustiveness guard for switches over unions: a compile error if a case is missing. */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${String(value)}`);
}
