import { describe, expect, it } from "vitest";
import { replaceAwsSdkNodeBanner } from "../../functions/local/aws-sdk-node-notice.js";

describe("replaceAwsSdkNodeBanner", () => {
  it("below Node 22, turns the SDK's banner off (the variable @aws-sdk/core reads) and returns one line instead", () => {
    const env: NodeJS.ProcessEnv = {};
    expect(replaceAwsSdkNodeBanner("v20.19.0", env)).toBe("Node v20.19.0 works; AWS SDK releases from 2027 will need Node 22 or later.");
    expect(env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe("true");
  });

  it.each([
    ["v22.0.0", {}],
    ["v24.1.0", {}],
    ["v20.19.0", { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" }],
  ])("says nothing on %s with %j (no banner to replace)", (version, env: NodeJS.ProcessEnv) => {
    expect(replaceAwsSdkNodeBanner(version, env)).toBeUndefined();
  });
});
