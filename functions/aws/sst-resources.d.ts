// The linked resources of sst.config.ts as `Resource.X` sees them (SST generates the same
// augmentation into sst-env.d.ts on deploy; this copy keeps typecheck offline and deterministic).
import "sst";

declare module "sst" {
  export interface Resource {
    Table: { name: string; type: "sst.aws.Dynamo" };
    SecretsKey: { id: string; arn: string; type: "sst.sst.Linkable" };
    Socket: { url: string; managementEndpoint: string; type: "sst.aws.ApiGatewayWebSocket" };
    Deliver: { name: string; type: "sst.aws.Function" };
  }
}
