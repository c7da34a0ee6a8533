// The linked resources of sst.config.ts as `Resource.X` sees them (SST generates the same
// augmentation into sst-env.d.ts on deploy; this copy keeps typecheck offline and deterministic).
import "sst";

declare module "sst" {
  export interface Resource {
    Table: { name: string; type: "sst.aws.Dynamo" };
    SecretsKey: { id: string; arn: string; type: "sst.sst.Linkable" };
    Socket: { url: string; managementEndpoint: string; type: "sst.aws.ApiGatewayWebSocket" };
    // A Linkable naming the Deliver function (linking the Function itself would be a cycle through PUBLIC_URL).
    Deliver: { name: string; type: "sst.sst.Linkable" };
    // Checks a server just created or changed (functions/jobs/check-server.ts), invoked asynchronously.
    CheckServer: { name: string; type: "sst.aws.Function" };
  }
}
