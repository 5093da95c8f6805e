import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';

const ZOD_SCHEMA = Symbol('zod-schema');

type Tagged = Record<string, unknown> & { [ZOD_SCHEMA]?: z.ZodType };

/**
 * The JSON Schema of a zod schema, for a Fastify route schema (body,
 * querystring, params, headers, response). It documents the route in
 * /openapi.json and carries the zod schema itself, which
 * {@link zodValidatorCompiler} uses to validate (so validation = the shared
 * contract in src-preload/contract/<domain>/, not a re-interpretation by ajv).
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Tagged;
  delete json.$schema;
  Object.defineProperty(json, ZOD_SCHEMA, { value: schema, enumerable: false });
  return json;
}

/** Validates with the zod schema attached by {@link jsonSchemaOf}; parts without one pass through unchanged. */
export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => {
  const zod = (schema as Tagged)[ZOD_SCHEMA];
  if (!zod) return (data: unknown) => ({ value: data });
  return (data: unknown) => {
    const result = zod.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new Error(describeZodError(result.error)) };
  };
};

/** One line naming each bad field, e.g. `password: Invalid input: expected string, received undefined`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'value'}: ${issue.message}`)
    .join('; ');
}
