/** The baseline: a handler that imports nothing and answers at once, bundled like the others. */
export const handler = async () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' });
