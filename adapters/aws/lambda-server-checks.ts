import type { ServerChecks } from "../../domain/ports/server-checks.js";
import type { McpServer } from "../../domain/servers/server.js";

/** What the checking function receives: which server to check (it reads the server itself). */
export interface ServerCheckEvent {
  tenantId: string;
  serverId: string;
}

export interface LambdaServerChecksOptions {
  /** The function that checks one server (functions/jobs/check-server.ts). */
  functionName: string;
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * On Lambda, work left running after a response is frozen with the container: a check is
 * handed to the checking function, invoked asynchronously, and the mutation answers at once.
 */
export function lambdaServerChecks(options: LambdaServerChecksOptions): ServerChecks & { settled(): Promise<void> } {
  const { functionName, ...client } = options;
  // Loaded on the first change to a server: most invocations never make one.
  let invoker: Promise<(event: ServerCheckEvent) => Promise<unknown>> | undefined;
  const load = async () => {
    const { InvokeCommand, LambdaClient } = await import("@aws-sdk/client-lambda");
    const lambda = new LambdaClient(client);
    return (event: ServerCheckEvent) =>
      lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: "Event", Payload: JSON.stringify(event) }));
  };
  return {
    async request({ tenantId, id }: McpServer) {
      await (
        await (invoker ??= load())
      )({ tenantId, serverId: id });
    },
    // Nothing runs here: the checking function does the work.
    settled: () => Promise.resolve(),
  };
}
