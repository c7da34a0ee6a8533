import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { DomainError } from "../../domain/shared/errors.js";

export interface DynamoConnection {
  /** A local endpoint (dynalite, DynamoDB Local); unset on AWS. */
  endpoint?: string;
  region?: string;
}

/**
 * Retries, set here rather than inherited: the SDK's default gives up after three attempts (two
 * throttles) and backs off from 500 ms on throttling. Six attempts, from 50 ms doubling to at most
 * 800 ms with jitter (about 1.5 s in all), ride out a burst within a request's time.
 */
export const DYNAMO_MAX_ATTEMPTS = 6;
const backoffMs = (retry: number) => {
  const ceiling = Math.min(50 * 2 ** (retry - 1), 800);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
};

const THROTTLING = new Set(["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"]);

export function createDynamoClient({ endpoint, region }: DynamoConnection): DynamoDBClient {
  const client = new DynamoDBClient({
    region: region ?? process.env.AWS_REGION ?? "us-east-1",
    retryStrategy: new ConfiguredRetryStrategy(DYNAMO_MAX_ATTEMPTS, backoffMs),
    ...(endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
  // Outside the retries: throttling that outlasted them is the caller's to retry later, said plainly, not an internal error.
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error && THROTTLING.has(error.name))
          throw new DomainError("UPSTREAM_ERROR", "The database is busy (throttled); try again shortly.");
        throw error;
      }
    },
    { step: "initialize", name: "throttlingAsUpstreamError" },
  );
  return client;
}

export const documentClient = (client: DynamoDBClient) =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
