/**
 * Real processes for fault tests: `supplygraph worker` children, and the
 * Redis/Neo4j that scripts/test.sh started, stopped and restarted through the
 * repo's own scripts.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

const run = promisify(execFile);

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  kill9(): void;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

export function spawnWorker(env: Record<string, string>, args: string[] = []): WorkerProcess {
  return spawnCli('worker', env, args);
}

/** `supplygraph serve` as a real child process (the embedded default: Kuzu + in-process queue unless env says otherwise). */
export function spawnServer(env: Record<string, string>, args: string[] = []): WorkerProcess {
  return spawnCli('serve', env, args);
}

function spawnCli(command: 'worker' | 'serve', env: Record<string, string>, args: string[]): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', command, ...args], {
    env: { ...process.env, SUPPLYGRAPH_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    kill9: () => child.kill('SIGKILL'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    exited,
  };
}

function requireDir(variable: 'SUPPLYGRAPH_REDIS_DIR' | 'SUPPLYGRAPH_NEO4J_DIR'): string {
  const dir = process.env[variable];
  if (!dir) throw new Error(`${variable} is not set: fault tests restart the Redis/Neo4j that scripts/test.sh started; run them with \`npm test\``);
  return dir;
}

const script = (name: string): string => path.join(process.cwd(), 'scripts', name);

export async function stopRedis(): Promise<void> {
  await run('bash', [script('redis/stop.sh'), requireDir('SUPPLYGRAPH_REDIS_DIR'), '--keep']);
}

export async function startRedis(): Promise<void> {
  await run('bash', [script('redis/start.sh'), requireDir('SUPPLYGRAPH_REDIS_DIR')]);
}

export async function stopNeo4j(): Promise<void> {
  await run('bash', [script('neo4j/stop.sh'), requireDir('SUPPLYGRAPH_NEO4J_DIR'), '--keep']);
}

export async function startNeo4j(): Promise<void> {
  await run('bash', [script('neo4j/start.sh'), requireDir('SUPPLYGRAPH_NEO4J_DIR')], { timeout: 180_000 });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
