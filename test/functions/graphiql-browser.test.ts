import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { type Browser, findBrowser, type Page, screenshotDir } from "../support/browser.js";
import { type RunningProcess, startScript } from "../support/processes.js";

const browser = findBrowser();
if ("reason" in browser) process.stderr.write(`Skipping the GraphiQL browser test: ${browser.reason}\n`);
const WAIT = { timeout: 30_000 };

/** The text a GraphiQL editor shows (Monaco renders spaces as no-break spaces). */
function editorText(page: Page, selector: string) {
  return page.evaluate((s) => (document.querySelector(s)?.textContent ?? "").replace(/\u00a0/g, " "), selector);
}
function waitForText(page: Page, selector: string, text: string) {
  return page.waitForFunction(
    (s, t) => (document.querySelector(s)?.textContent ?? "").replace(/\u00a0/g, " ").includes(t),
    WAIT,
    selector,
    text,
  );
}
/** Clicks a GraphiQL tab until it is the active one (a click while GraphiQL is still settling can be lost). */
async function openTab(page: Page, title: string) {
  await page.waitForFunction(
    (t) => {
      const button = document.querySelector<HTMLButtonElement>(`button.graphiql-tab-button[title="${t}"]`);
      if (button?.closest("li")?.getAttribute("aria-selected") === "true") return true;
      button?.click();
      return false;
    },
    WAIT,
    title,
  );
  // An edit, as a person makes before running: GraphiQL reads the tab's operation again (on a busy machine a
  // tab opened and run at once can still carry the previous tab's operation name).
  await page.click(".graphiql-query-editor .view-lines");
  await page.keyboard.press("End");
  await page.keyboard.sendCharacter(" ");
  await page.keyboard.press("Backspace");
}
/**
 * Runs the active tab. GraphiQL settles a tab's operation a moment after showing it (on a busy
 * machine, a click can go out with the previous tab's operation name and be refused as "Cannot
 * infer operation"): such a run is run again, as a person would click again.
 */
async function execute(page: Page) {
  await page.click(".graphiql-execute-button");
  void page
    .waitForFunction(
      () => {
        if (!(document.querySelector(".graphiql-response")?.textContent ?? "").includes("Cannot infer operation")) return false;
        document.querySelector<HTMLButtonElement>(".graphiql-execute-button")?.click();
        return false;
      },
      { timeout: 20_000, polling: 300 },
    )
    .catch(() => undefined);
}
/** Replaces the text of one of GraphiQL's JSON editors (variables or headers), as a person would. */
async function typeInto(page: Page, editor: "variables" | "headers", json: string) {
  await page.click(`.graphiql-editor-tools button[data-name="${editor}"]`);
  await page.click(`.monaco-editor[data-uri$="-${editor}.json"] .view-lines`);
  await page.keyboard.down("Control");
  await page.keyboard.press("KeyA");
  await page.keyboard.up("Control");
  await page.keyboard.sendCharacter(json);
  // Monaco closed the first brace and quote itself: drop what it added after the cursor.
  await page.keyboard.down("Shift");
  await page.keyboard.down("Control");
  await page.keyboard.press("End");
  await page.keyboard.up("Control");
  await page.keyboard.up("Shift");
  await page.keyboard.press("Delete");
}

describe.skipIf("reason" in browser)("GraphiQL in headless Chromium", () => {
  let server: RunningProcess;
  let chromium: Browser;
  let url: string;
  let prefilled: string;
  let token: string;
  const shots = screenshotDir("graphiql");
  let step = 0;
  const shoot = async (page: Page, name: string) =>
    page.screenshot({ path: join(shots, `${String(++step).padStart(2, "0")}-${name}.png`) });

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "graphiql-browser-"));
    server = startScript("functions/local/start.ts", { DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1" });
    [prefilled = "", url = "", token = ""] = await server.waitFor(/(http:\/\/127\.0\.0\.1:\d+\/graphql)#token=(eyJ[\w.-]+)/);
    chromium = await (browser as { launch: () => Promise<Browser> }).launch();
    process.stdout.write(`GraphiQL screenshots: ${shots}\n`);
  });
  afterAll(async () => {
    await chromium?.close();
    // SIGTERM, which tsx passes on: a SIGKILL would kill tsx and leave the server running.
    await server?.stop("SIGTERM");
  });

  it("works first time: token from the printed URL, schema, example tabs, a query, the approvals subscription and approve", async () => {
    const page = await chromium.newPage();
    onTestFailed(async () => void (await shoot(page, "failed-first-tab")));
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(prefilled);
    await page.waitForSelector(".graphiql-tab", WAIT);
    expect(page.url()).toBe(url); // the token left the address bar
    await waitForText(page, ".graphiql-editor-tool", "Bearer eyJ");
    const titles = await page.evaluate(() =>
      [...document.querySelectorAll("button.graphiql-tab-button")].map((b) => b.getAttribute("title")),
    );
    expect(titles).toEqual(["ServersAndTools", "RegisterServer", "SetToolSettings", "CallTool", "ApprovalRequested", "ApproveToolCall"]);
    await shoot(page, "token-prefilled");

    await page.click('button[aria-label="Show Documentation Explorer"]');
    await waitForText(page, ".graphiql-doc-explorer", "Subscription");
    expect(await editorText(page, ".graphiql-doc-explorer")).not.toContain("Error fetching schema");
    await shoot(page, "schema-loaded");

    await execute(page);
    await waitForText(page, ".graphiql-response", "mcp__demo_orders__refund_order");
    await shoot(page, "servers-and-tools");

    // The subscription's own request must pass the CSRF check with no header typed.
    await openTab(page, "ApprovalRequested");
    const opened = page.waitForResponse(
      (r) => r.url().startsWith(url) && (r.request().headers()["accept"] ?? "").includes("text/event-stream"),
      WAIT,
    );
    await execute(page);
    const stream = await opened;
    expect(stream.status()).toBe(200);
    await shoot(page, "approvals-subscribed");

    // A second browser tab (switching GraphiQL tabs would stop the subscription); the token comes from storage.
    const other = await chromium.newPage();
    onTestFailed(async () => void (await shoot(other, "failed-second-tab")));
    await other.setViewport({ width: 1400, height: 900 });
    await other.goto(url);
    await other.waitForSelector(".graphiql-tab", WAIT);
    await openTab(other, "CallTool");
    const called = other.waitForResponse(
      (r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes("CallTool"),
      WAIT,
    );
    await execute(other);
    const call = JSON.parse(await (await called).text()) as { data: { callTool: { id: string; status: string } } };
    expect(call.data.callTool.status).toBe("PENDING_APPROVAL");
    await waitForText(other, ".graphiql-response", "PENDING_APPROVAL");
    await shoot(other, "call-pending");

    await page.bringToFront(); // back to the first browser tab, as a person would: background tabs do not paint
    await waitForText(page, ".graphiql-response", call.data.callTool.id);
    expect(await editorText(page, ".graphiql-response")).toContain("mcp__demo_orders__refund_order");
    await shoot(page, "approval-event");

    await other.bringToFront();
    await openTab(other, "ApproveToolCall");
    await typeInto(other, "variables", JSON.stringify({ id: call.data.callTool.id }));
    await execute(other);
    await waitForText(other, ".graphiql-response", "SUCCEEDED");
    expect(await editorText(other, ".graphiql-response")).toContain("Refunded A-1001");
    await shoot(other, "approved");
  }, 180_000);

  it("loads the schema once a token is typed, without the refresh icon", async () => {
    const context = await chromium.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      await page.goto(url);
      await page.waitForSelector(".graphiql-tab", WAIT);
      await page.click('button[aria-label="Show Documentation Explorer"]');
      await shoot(page, "no-token-yet");
      expect(await editorText(page, ".graphiql-doc-explorer")).not.toContain("Subscription");
      await typeInto(page, "headers", JSON.stringify({ Authorization: `Bearer ${token}` }));
      await waitForText(page, ".graphiql-doc-explorer", "Subscription");
      expect(await editorText(page, ".graphiql-doc-explorer")).not.toContain("Error fetching schema");
      await shoot(page, "schema-after-typed-token");
    } finally {
      await context.close();
    }
  }, 120_000);
});
