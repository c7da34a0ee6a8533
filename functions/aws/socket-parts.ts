import { Resource } from "sst";
import { ApiGatewayConnections } from "../../adapters/aws/api-gateway-connections.js";
import { lambdaEventRelay } from "../../adapters/aws/lambda-event-relay.js";
import { lambdaServerChecks } from "../../adapters/aws/lambda-server-checks.js";
import { createDynamoClient, documentClient } from "../../adapters/dynamo/client.js";
import { DynamoSubscriptionStore } from "../../adapters/dynamo/subscription-store.js";
import type { SubscriptionStore } from "../../domain/ports/subscription-store.js";

const region = () => process.env.AWS_REGION ?? "us-east-1";

/** The WebSocket subscriptions in the linked table (its own client: `$connect` and `$disconnect` need nothing else). */
export const awsSubscriptionStore = (dynamo = createDynamoClient({ region: region() })) =>
  new DynamoSubscriptionStore(documentClient(dynamo), Resource.Table.name);

/** The linked WebSocket API's management endpoint. */
export const awsSockets = () => new ApiGatewayConnections({ endpoint: Resource.Socket.managementEndpoint, region: region() });

/** Checks of new and changed servers, handed to the linked checking function. */
export const awsServerChecks = () => lambdaServerChecks({ functionName: Resource.CheckServer.name, region: region() });

/** For functions without GraphQL: events for watched topics go to the linked delivering function. */
export const awsRelay = (store: Pick<SubscriptionStore, "hasSubscribers">) =>
  lambdaEventRelay(store, { functionName: Resource.Deliver.name, region: region() });
