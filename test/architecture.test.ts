import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/processes.js";

/**
 * Lints a snippet as if it were the given file, with the project's real ESLint config (minus the
 * type-aware rules: the snippet's file does not exist, and import boundaries need no types).
 */
async function importErrors(filePath: string, source: string) {
  const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });
  const [result] = await eslint.lintText(source, { filePath: `${ROOT}${filePath}` });
  return result!.messages.filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("dependency direction (ARCHITECTURE.md)", () => {
  it.each([
    'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
    'import { Resource } from "sst";',
    'import { GraphQLError } from "graphql";',
    'import SchemaBuilder from "@pothos/core";',
    'import { Client } from "@modelcontextprotocol/sdk/client/index.js";',
    'import { keys } from "../../adapters/dynamo/keys.js";',
    'import { schema } from "../../graphql/schema.js";',
  ])("keeps domain/ free of %s", async (line) => {
    expect(await importErrors("domain/servers/example.ts", `${line}\nexport const x = 1;\n`)).toHaveLength(1);
  });

  it("lets domain/ use zod and its own modules", async () => {
    expect(
      await importErrors(
        "domain/servers/example.ts",
        'import { z } from "zod";\nimport type { McpServer } from "./server.js";\nexport const x = z.string();\nexport type Y = McpServer;\n',
      ),
    ).toEqual([]);
  });

  it("keeps graphql/ away from adapters and AWS, and adapters away from graphql and functions", async () => {
    expect(
      await importErrors("graphql/types/example.ts", 'import { keys } from "../../adapters/dynamo/keys.js";\nexport const x = keys;\n'),
    ).toHaveLength(1);
    expect(
      await importErrors("adapters/dynamo/example.ts", 'import { schema } from "../../graphql/schema.js";\nexport const x = schema;\n'),
    ).toHaveLength(1);
    expect(
      await importErrors(
        "adapters/dynamo/example.ts",
        'import { loadConfig } from "../../functions/config.js";\nexport const x = loadConfig;\n',
      ),
    ).toHaveLength(1);
  });
});
