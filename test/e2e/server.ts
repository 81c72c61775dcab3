/**
 * Starts the registry the way `npm start` does (assets, local migrations, wrangler dev) on a free
 * port, in its own process group so that stopping it also stops wrangler and workerd.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const READY_TIMEOUT_MS = 120_000;

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/v1/roster`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the registry did not answer GET /v1/roster within ${READY_TIMEOUT_MS / 1000} s:\n${log()}`);
}

/** `cwd`: the project directory to start in (default this repository); its .wrangler/state is the one used. */
export async function startServer({ cwd = ROOT }: { cwd?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn("npm", ["start"], {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = once(child, "exit");
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig); // the whole group: npm, wrangler, workerd
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    signal("SIGKILL"); // anything in the group that outlived npm
  };

  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
