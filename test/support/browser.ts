import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { installChromium } from "../../scripts/install-chromium.mjs";
import { ROOT } from "./processes.js";

/** The parts of puppeteer-core the browser tests use (loaded by name, so typechecking does not need the package). */
export interface Page {
  goto(url: string): Promise<unknown>;
  url(): string;
  setViewport(viewport: { width: number; height: number }): Promise<void>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  waitForFunction<A extends unknown[]>(
    fn: (...args: A) => unknown,
    options: { timeout?: number; polling?: number },
    ...args: A
  ): Promise<unknown>;
  waitForResponse(predicate: (response: Response) => boolean, options?: { timeout?: number }): Promise<Response>;
  click(selector: string): Promise<void>;
  evaluate<T, A extends unknown[]>(fn: (...args: A) => T, ...args: A): Promise<T>;
  screenshot(options: { path: string }): Promise<unknown>;
  keyboard: {
    down(key: string): Promise<void>;
    up(key: string): Promise<void>;
    press(key: string): Promise<void>;
    sendCharacter(text: string): Promise<void>;
  };
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}
interface Response {
  url(): string;
  status(): number;
  headers(): Record<string, string>;
  text(): Promise<string>;
  request(): { method(): string; headers(): Record<string, string>; postData(): string | undefined };
}
interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
export interface Browser extends BrowserContext {
  createBrowserContext(): Promise<BrowserContext>;
}
interface Puppeteer {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser>;
}

/**
 * Headless Chromium through puppeteer-core, or why there is none (the test then skips, saying so).
 * Loaded with require, so NODE_PATH can point at a puppeteer-core installed elsewhere.
 */
export function findBrowser(): { launch: () => Promise<Browser> } | { reason: string } {
  let puppeteer: Puppeteer;
  try {
    puppeteer = createRequire(import.meta.url)("puppeteer-core") as Puppeteer;
  } catch {
    return { reason: "puppeteer-core is not installed (npm install)" };
  }
  const chromium = installChromium();
  if ("reason" in chromium) return { reason: chromium.reason };
  const executablePath = chromium.path;
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return { launch: () => puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] }) };
}

/** Where a test's screenshots go (gitignored). */
export function screenshotDir(name: string): string {
  const dir = join(ROOT, "test-output", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
