import fastJson from 'fast-json-stringify';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * `anyOf: [X, { type: 'null' }]` (zod's shape for a nullable enum or object) as `type: [X.type, 'null']`: the same
 * answers, but fast-json-stringify writes it directly instead of validating each value against both branches.
 */
function flattenNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(flattenNullable);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, flattenNullable(v)]));
  const anyOf = out.anyOf as JsonSchema[] | undefined;
  if (anyOf?.length === 2 && anyOf[1]!.type === 'null' && Object.keys(anyOf[1]!).length === 1 && typeof anyOf[0]!.type === 'string') {
    const { anyOf: _, ...rest } = out;
    return { ...rest, ...anyOf[0], type: [anyOf[0]!.type, 'null'] };
  }
  return out;
}

/** The JSON Schema of what a zod response schema lets out (objects closed: `additionalProperties: false`). */
export function responseJsonSchema(schema: z.ZodType): JsonSchema {
  return flattenNullable(z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' })) as JsonSchema;
}

/** Fastify calls it once per route and status code with that status's response schema (a zod type here). */
const compileFastResponse = ({ schema }: { schema: unknown }) => fastJson(responseJsonSchema(schema as z.ZodType));

/**
 * Route option for hot read routes (N1): the answer is written by fast-json-stringify compiled once from the route's
 * zod response schema, instead of a zod encode and a generic JSON.stringify per request. Only the schema's fields
 * are written — a property the handler returns that the schema does not declare never reaches the client, as with
 * zod's stripping. Unlike the zod serializer it does not re-validate values (a missing required field still fails),
 * so use it where the handler builds its answer from typed code, and keep schemas free of transforms.
 */
export const fastResponse = { serializerCompiler: compileFastResponse } as const;
