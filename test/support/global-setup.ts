import type { TestProject } from "vitest/node";
import { hasJava, JAVA_MISSING, startDynamoDbLocal } from "./dynamodb-local.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Empty when Java is missing: the suites on DynamoDB Local are skipped. */
    dynamodbLocalEndpoint: string;
  }
}

/**
 * Starts one DynamoDB Local (Java) for the whole run; each suite makes its own table in it. Without
 * Java, only the suites on DynamoDB Local are skipped (dynalite runs the same store suites), except
 * on CI, where they must run.
 */
export default async function setup(project: TestProject) {
  if (!hasJava()) {
    if (process.env.CI) throw new Error(`${JAVA_MISSING}; on CI the DynamoDB Local suites must run.`);
    process.stderr.write(`${JAVA_MISSING}: the suites on DynamoDB Local are skipped, every other test runs.\n`);
    project.provide("dynamodbLocalEndpoint", "");
    return;
  }
  const local = await startDynamoDbLocal();
  project.provide("dynamodbLocalEndpoint", local.endpoint);
  return () => local.close();
}
