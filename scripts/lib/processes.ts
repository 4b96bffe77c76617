import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { azuriteConnectionString } from '../../src/storage/client';

/**
 * Starting the local parts as child processes: Azurite (table service), the bot, and the
 * Microsoft 365 Agents Playground. Used by `npm start` and by the test setup alike.
 */
export interface Running {
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(killTimer);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** Collects a child's output so that a failed start can say why. */
function captureOutput(child: ChildProcess, onLine?: (line: string) => void): () => string {
  let output = '';
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    if (onLine) for (const line of text.split('\n')) if (line.trim()) onLine(line);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => output;
}

export interface AzuriteOptions {
  port?: number;
  /** A folder to keep data in; in memory when absent. */
  location?: string;
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<Running & { port: number; connectionString: string }> {
  const port = options.port ?? (await freePort());
  const args = [
    path.join(projectRoot, 'node_modules/azurite/dist/src/table/main.js'),
    '--tableHost', '127.0.0.1', '--tablePort', String(port), '--disableTelemetry', '--silent', '--skipApiVersionCheck',
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  try {
    await waitFor(() => portOpen(port), 'Azurite', child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  return { process: child, port, connectionString: azuriteConnectionString(port), stop: stopper(child) };
}

export interface BotOptions {
  port?: number;
  env: Record<string, string>;
  /** Called with each line the bot logs. */
  onLog?: (line: string) => void;
}

/** The bot from its TypeScript sources (tsx), as `npm start` runs it. */
export async function startBot(options: BotOptions): Promise<Running & { port: number; endpoint: string }> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/index.ts')], {
    cwd: projectRoot,
    env: { ...process.env, APP_ENV: 'local', HOST: '127.0.0.1', ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child, options.onLog);
  try {
    await waitFor(() => httpOk(`http://127.0.0.1:${port}/healthz`), 'The bot', child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  return { process: child, port, endpoint: `http://127.0.0.1:${port}/api/messages`, stop: stopper(child) };
}

export interface PlaygroundOptions {
  port?: number;
  botEndpoint: string;
  configFile: string;
  /** Working folder: the Playground writes devTools/m365agentsplayground.log there. */
  workDir?: string;
}

export async function startPlayground(options: PlaygroundOptions): Promise<Running & { port: number; url: string }> {
  const requested = options.port ?? (await freePort());
  const workDir = options.workDir ?? path.join(projectRoot, '.local/playground');
  mkdirSync(workDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      '-r', path.join(projectRoot, 'scripts/lib/loopback-only.cjs'),
      path.join(projectRoot, 'node_modules/@microsoft/m365agentsplayground/cli.js'),
      '-e', options.botEndpoint, '-c', 'msteams', '--disable-telemetry',
      '-p', String(requested), '--service-url', `http://127.0.0.1:${requested}/_connector`,
    ],
    {
      cwd: workDir,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: '1',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let port = requested;
  const output = captureOutput(child, (line) => {
    const match = /Listening on (\d+)/i.exec(line);
    if (match) port = Number(match[1]);
  });
  try {
    await waitFor(async () => (await httpOk(`http://127.0.0.1:${port}/_debug/ping`)) && child.exitCode === null, 'The Agents Playground', child);
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (child.exitCode !== null) throw new Error(`The Agents Playground exited with code ${child.exitCode} (is its config file valid?)`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  if (port !== requested) {
    child.kill('SIGKILL');
    throw new Error(`The Agents Playground took port ${port} instead of ${requested}; the service URL would be wrong`);
  }
  return { process: child, port, url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}
