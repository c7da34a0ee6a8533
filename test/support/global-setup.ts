import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "./dynamodb-local.js";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbLocalEndpoint: string;
  }
}

/** Starts one DynamoDB Local (Java) for the whole run; each suite makes its own table in it. */
export default async function setup(project: TestProject) {
  const local = await startDynamoDbLocal();
  project.provide("dynamodbLocalEndpoint", local.endpoint);
  return () => local.close();
}
