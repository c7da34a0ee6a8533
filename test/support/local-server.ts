import { startScript } from "./processes.js";

export const START = "functions/local/start.ts";

/** `npm start` on its own data dir and a free port: its GraphiQL URL, the admin token it printed, and a GraphQL client. */
export async function bootLocalServer(dataDir: string, env: Record<string, string> = {}, options: { direct?: boolean } = {}) {
  const server = startScript(START, { DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", ...env }, options);
  const [, url] = await server.waitFor(/GraphiQL:\s+(http:\/\/127\.0\.0\.1:\d+\/graphql)/);
  const [, token] = await server.waitFor(/\n(eyJ[\w-]+\.[\w-]+\.[\w-]+)\n/);
  const gql = async (bearer: string, query: string, variables?: object) => {
    const response = await fetch(url!, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    return response.json() as Promise<{ data?: any; errors?: any[] }>;
  };
  return { server, url: url!, token: token!, gql };
}
