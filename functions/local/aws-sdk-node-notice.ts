/** The Node major below which the AWS SDK prints its multi-line support banner when a client is made. */
const SDK_PREFERRED_NODE = 22;

/**
 * Turns off the AWS SDK's Node-version banner (`AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED`, read
 * by `@aws-sdk/core` each time a client is made) and returns the one line that says the same, or
 * nothing on a Node the SDK is happy with or when the banner is already off.
 */
export function replaceAwsSdkNodeBanner(version = process.version, env = process.env): string | undefined {
  const major = Number.parseInt(version.replace(/^v/, ""), 10);
  if (major >= SDK_PREFERRED_NODE || env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED !== undefined) return undefined;
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  return `Node ${version} works; AWS SDK releases from 2027 will need Node ${SDK_PREFERRED_NODE} or later.`;
}
