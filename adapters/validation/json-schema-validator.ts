import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import type { ArgumentValidator } from "../../domain/ports/argument-validator.js";

/**
 * Validates tool arguments against the tool's JSON Schema with Ajv (the validator the MCP SDK
 * itself uses). Compiled schemas are kept, a bounded number, by their text.
 */
export function createArgumentValidator(maxCompiled = 500): ArgumentValidator {
  let ajv: Promise<Ajv> | undefined;
  const compiled = new Map<string, ValidateFunction>();

  return async (schema, args) => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      try {
        validate = (await (ajv ??= loadAjv())).compile(schema);
      } catch {
        // A server that publishes a schema Ajv cannot compile: the server will validate for itself.
        return null;
      }
      if (compiled.size >= maxCompiled) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, validate);
    }
    if (validate(args)) return null;
    const [error] = validate.errors as ErrorObject[];
    return { field: fieldOf(error!), message: error!.message ?? "is invalid" };
  };
}

/** Ajv with formats, loaded with the first call: functions that call no tool never parse it. */
async function loadAjv(): Promise<Ajv> {
  const [{ Ajv }, { default: addFormats }] = await Promise.all([import("ajv"), import("ajv-formats")]);
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  return ajv;
}

/** `arguments.<path>`, naming the missing or extra property where Ajv reports it on the parent. */
function fieldOf(error: ErrorObject): string {
  const path = error.instancePath
    .split("/")
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const property = params.missingProperty ?? params.additionalProperty;
  return ["arguments", ...path, ...(property ? [property] : [])].join(".");
}
