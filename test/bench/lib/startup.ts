/**
 * Time from `npm start` to the first 200 of /v1/roster: what a developer waits for after a clone
 * (assets copy, local migrations, wrangler dev). The whole process group is stopped afterwards.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { ROOT } from "./build";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH")
      process.stderr.write(`[bench] cannot signal ${pid}: ${error}\n`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function timeStartup(timeoutMs = 120_000): Promise<{ ms: number | null; detail: string }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true, // its own process group, so wrangler and workerd are stopped with it
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  let exited = false;
  child.on("exit", () => (exited = true));
  try {
    while (performance.now() - started < timeoutMs && !exited) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/v1/roster`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) return { ms: Math.round(performance.now() - started), detail: `port ${port}` };
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    return { ms: null, detail: exited ? `npm start exited: ${output.slice(-500)}` : "timed out" };
  } finally {
    // The group may outlive npm itself (wrangler, workerd): signal the group, not just the child.
    if (child.pid) {
      signalGroup(child.pid, "SIGTERM");
      await sleep(1000);
      signalGroup(child.pid, "SIGKILL");
    }
  }
}
