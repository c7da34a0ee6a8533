import { vi } from "vitest";

/**
 * Everything written to stdout and stderr while `run` runs, one entry per line, for adapters
 * that write there themselves (Powertools' loggers print through their own Console).
 */
export function captureOutput(run: () => void): string[] {
  const written: string[] = [];
  const keep = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(keep);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(keep);
  try {
    run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return written
    .join("")
    .split("\n")
    .filter((line) => line.trim() !== "");
}
