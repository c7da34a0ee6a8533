import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../../graphql/schema.js";

const documented = (description: string | null | undefined) => (description ?? "").trim() !== "";

/**
 * Every schema coordinate a frontend developer or admin reads in GraphiQL that has no description:
 * `Type`, `Type.field`, `Type.field(arg:)`, `Input.field`, `Enum.VALUE`. Introspection types and the
 * built-in scalars are GraphQL's own and are skipped; custom scalars, unions and interfaces count.
 */
function undocumentedCoordinates(target: GraphQLSchema): string[] {
  const missing: string[] = [];
  const checkArgs = (coordinate: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) if (!documented(arg.description)) missing.push(`${coordinate}(${arg.name}:)`);
  };
  const checkFields = (typeName: string, fields: Array<GraphQLField<unknown, unknown> | GraphQLInputField>) => {
    for (const field of fields) {
      const coordinate = `${typeName}.${field.name}`;
      if (!documented(field.description)) missing.push(coordinate);
      if ("args" in field) checkArgs(coordinate, field.args);
    }
  };

  for (const type of Object.values(target.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!documented(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      checkFields(type.name, Object.values(type.getFields()));
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!documented(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing.sort();
}

describe("schema documentation", () => {
  it("documents every type, field, argument, input field and enum value", () => {
    // One run lists every gap, so they can all be fixed at once.
    expect(undocumentedCoordinates(schema)).toEqual([]);
  });

  it("counts a blank description as missing", () => {
    const probe = buildSchema(`
      """ """
      type Query {
        "Documented."
        ok(
          "Documented."
          a: Int
          b: Int
        ): Int
        bare: Int
      }
      "Documented."
      enum E {
        "Documented."
        X
        Y
      }
      "Documented."
      input I {
        "   "
        f: Int
      }
    `);
    expect(undocumentedCoordinates(probe)).toEqual(["E.Y", "I.f", "Query", "Query.bare", "Query.ok(b:)"]);
  });
});
