/**
 * fast-check arbitraries from a JSON Schema (what z.toJSONSchema makes of the routes' zod request
 * schemas): the subset the API uses — string (length, pattern, enum, const), number and integer
 * (bounds), boolean, null, array (bounds), object (required and optional properties, records),
 * anyOf / oneOf / allOf, $ref into $defs. Anything else is any JSON value.
 */
import fc from "fast-check";

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  default?: unknown;
};

/** Texts the API meets: Danish words and money phrases, plus anything fast-check makes. */
const DANISH = [
  "TechBBQ",
  "fleksjob",
  "Beskæftigelses- og Integrationsudvalget",
  "1,5 mio. kr.",
  "2.000 t.kr.",
  "uændret",
  "ophører",
  "økonomi",
  "jobcamps",
];

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, Math.max(minLength, 60));
  if (schema.pattern !== undefined)
    return fc
      .stringMatching(new RegExp(schema.pattern, "u"))
      .filter((value) => value.length >= minLength && value.length <= (schema.maxLength ?? 1e9));
  if (schema.format === "date-time")
    return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  if (schema.format === "uuid") return fc.uuid();
  return fc
    .oneof(
      fc.string({ minLength, maxLength, unit: "grapheme" }),
      fc.constantFrom(...DANISH),
      fc
        .array(fc.constantFrom(...DANISH), { minLength: 1, maxLength: 4 })
        .map((words) => words.join(" ")),
    )
    .filter(
      (value) =>
        value.length >= minLength &&
        value.length <= (schema.maxLength ?? 1e9) &&
        // zod .trim() runs before the length checks: keep texts whose trimmed length fits too.
        value.trim().length >= minLength,
    );
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min =
    schema.minimum ??
    (schema.exclusiveMinimum === undefined ? -1e6 : schema.exclusiveMinimum + (integer ? 1 : 1e-6));
  const max =
    schema.maximum ??
    (schema.exclusiveMaximum === undefined ? 1e6 : schema.exclusiveMaximum - (integer ? 1 : 1e-6));
  if (integer)
    return fc.integer({
      min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER),
      max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER),
    });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Known values for properties by name (ids that exist), mixed into what is generated for them. */
export type ValueHints = Record<string, readonly unknown[]>;

export function arbitraryOf(
  schema: JsonSchema,
  root: JsonSchema = schema,
  depth = 0,
  hints: ValueHints = {},
): fc.Arbitrary<unknown> {
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace(/^#\/\$defs\//u, "");
    const target = root.$defs?.[name];
    if (target === undefined || depth > 6) return fc.constant(null);
    return arbitraryOf(target, root, depth + 1, hints);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined)
    return fc.oneof(...union.map((member) => arbitraryOf(member, root, depth + 1, hints)));
  if (schema.allOf !== undefined && schema.allOf.length === 1 && schema.allOf[0] !== undefined)
    return arbitraryOf(schema.allOf[0], root, depth + 1, hints);
  const type = Array.isArray(schema.type)
    ? schema.type
    : schema.type === undefined
      ? []
      : [schema.type];
  if (type.length > 1)
    return fc.oneof(
      ...type.map((one) => arbitraryOf({ ...schema, type: one }, root, depth, hints)),
    );
  switch (type[0]) {
    case "string":
      return stringArbitrary(schema);
    case "integer":
      return numberArbitrary(schema, true);
    case "number":
      return numberArbitrary(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 4, Math.max(minLength, 4));
      if (schema.prefixItems !== undefined)
        return fc.tuple(
          ...schema.prefixItems.map((item) => arbitraryOf(item, root, depth + 1, hints)),
        );
      return fc.array(arbitraryOf(schema.items ?? {}, root, depth + 1, hints), {
        minLength,
        maxLength,
      });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(properties);
      if (entries.length === 0 && typeof schema.additionalProperties === "object") {
        const key =
          schema.propertyNames === undefined
            ? fc.string({ minLength: 1, maxLength: 8 })
            : arbitraryOf(schema.propertyNames, root, depth + 1, hints).map(String);
        return fc.dictionary(
          key,
          arbitraryOf(schema.additionalProperties, root, depth + 1, hints),
          {
            maxKeys: 3,
          },
        );
      }
      return fc.record(
        Object.fromEntries(
          entries.map(([name, property]) => {
            const generated = arbitraryOf(property, root, depth + 1, hints);
            const known = hints[name];
            return [
              name,
              known === undefined || known.length === 0
                ? generated
                : fc.oneof(generated, fc.constantFrom(...known)),
            ];
          }),
        ),
        { requiredKeys: entries.map(([name]) => name).filter((name) => required.has(name)) },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
