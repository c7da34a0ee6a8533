import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface DynamoConnection {
  /** A local endpoint (dynalite, DynamoDB Local); unset on AWS. */
  endpoint?: string;
  region?: string;
}

export function createDynamoClient({ endpoint, region }: DynamoConnection): DynamoDBClient {
  return new DynamoDBClient({
    region: region ?? process.env.AWS_REGION ?? "us-east-1",
    ...(endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
}

export const documentClient = (client: DynamoDBClient) =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
