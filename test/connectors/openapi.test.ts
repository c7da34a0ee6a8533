import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { AGENT_TOOLS } from "../graphql/tool-fields.js";
import { DELETE_CONNECTOR, IMPORT_OPENAPI, REGISTER, ticketDescriptor } from "./connector-fields.js";

const PETSTORE = readFileSync(new URL("./fixtures/petstore.yaml", import.meta.url), "utf8");

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function assertValidOpenApi(document: object) {
  const result = await new Validator().validate(document as never);
  expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
  expect(result.valid).toBe(true);
}

describe("Connector.openApi", () => {
  it("describes the ticket system's operations as a valid OpenAPI 3.1 document", async () => {
    const connector = (await api.gql(alice, REGISTER, { d: ticketDescriptor("https://tickets.example.com") })).body.data!.registerConnector;
    const document = connector.openApi;
    await assertValidOpenApi(document);
    expect(document).toMatchObject({
      openapi: "3.1.0",
      info: { title: "Ticket System", version: "1.0.0" },
      servers: [{ url: "https://tickets.example.com" }],
      components: { securitySchemes: { api_key: { type: "apiKey", in: "header", name: "X-API-Key" } } },
    });
    expect(document.paths["/api/v1/tickets/{ticket_id}"].get).toMatchObject({
      operationId: "get_ticket",
      parameters: [{ name: "ticket_id", in: "path", required: true, schema: { type: "string" } }],
      "x-mcp-tool": { name: "get_ticket" },
    });
    expect(document.paths["/api/v1/tickets"].post.requestBody.content["application/json"].schema).toMatchObject({
      properties: { title: { type: "string" }, priority: { type: "string", default: "medium" } },
      required: ["title"],
    });
    await api.gql(alice, DELETE_CONNECTOR, { id: "ticket-system" });
  });
});

describe("importOpenApi", () => {
  it("turns the Petstore example into a connector whose operations are tools, parameters and body included", async () => {
    const imported = await api.gql(alice, IMPORT_OPENAPI, { doc: PETSTORE });
    expect(imported.body.errors).toBeUndefined();
    const connector = imported.body.data!.importOpenApi;
    expect(connector).toMatchObject({
      id: "swagger_petstore",
      name: "Swagger Petstore",
      mcpEnabled: true,
      server: { slug: "swagger_petstore", authType: "NONE" },
    });
    await assertValidOpenApi(connector.openApi);
    const { tools } = (await api.gql(carol, AGENT_TOOLS)).body.data!.agentTools;
    const pets = Object.fromEntries(
      tools.filter((tool: any) => tool.qualifiedName.startsWith("mcp__swagger_petstore__")).map((tool: any) => [tool.name, tool]),
    );
    expect(Object.keys(pets).sort()).toEqual(["createPets", "listPets", "showPetById"]);
    expect(pets.listPets).toMatchObject({
      labels: ["READ"],
      inputSchema: { properties: { limit: { type: "integer", description: "How many items to return at one time (max 100)" } } },
    });
    expect(pets.showPetById.inputSchema).toMatchObject({ properties: { petId: { type: "string" } }, required: ["petId"] });
    expect(pets.createPets).toMatchObject({
      labels: ["WRITE"],
      inputSchema: { properties: { id: { type: "integer" }, name: { type: "string" }, tag: { type: "string" } }, required: ["id", "name"] },
    });
    await api.gql(alice, DELETE_CONNECTOR, { id: "swagger_petstore" });
  });

  it("imports only the selected operations", async () => {
    const connector = (await api.gql(alice, IMPORT_OPENAPI, { doc: PETSTORE, select: ["showPetById"] })).body.data!.importOpenApi;
    expect(Object.keys(connector.openApi.paths)).toEqual(["/v1/pets/{petId}"]);
    await api.gql(alice, DELETE_CONNECTOR, { id: "swagger_petstore" });
  });

  it.each([
    ["an operationId the document does not have", { doc: PETSTORE, select: ["deletePet"] }, "select[0]"],
    ["a Swagger 2.0 document", { doc: "swagger: '2.0'\ninfo: { title: x, version: '1' }\npaths: {}" }, "document"],
    ["a document without an absolute server URL", { doc: PETSTORE.replace("http://petstore.swagger.io/v1", "/v1") }, "document"],
    ["text that is not a document", { doc: "[1, 2" }, "document"],
  ])("refuses %s", async (_label, variables, field) => {
    const refused = await api.gql(alice, IMPORT_OPENAPI, variables);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});
