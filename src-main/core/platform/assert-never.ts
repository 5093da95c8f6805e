/**
 * Ends exhaustive switches: compile error if a case is missing, runtime error
 * if an unexpected value still arrives (e.g. from untyped data).
 */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
