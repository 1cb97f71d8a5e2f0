/**
 * Starts and stops real `hearth` servers for the end-to-end tests:
 *
 *   $HEARTH_BIN demo  --data <tmp>                        load the demo program into a fresh db
 *   $HEARTH_BIN serve --data <tmp> --port 0 --static <web/dist> --log-level warn [extra flags]
 *
 * and reads the address from the line `Hearth is ready at http://localhost:<port>/`. The global
 * setup starts the one every test shares; a test that needs other flags (a short
 * `--session-idle-timeout`, say) starts its own with {@link startHearth}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readyLine = /Hearth is ready at (http:\/\/\S+?)\/?\s*$/;
// Guards against a server that hangs instead of failing; a healthy one is ready in well under
// a second (docs/benchmarks.md targets < 300 ms to /readyz).
const startDeadlineMs = 30_000;
const stopDeadlineMs = 15_000;

export interface RunningHearth {
  /** e.g. `http://localhost:41234`, without a trailing slash. */
  url: string;
  /** SIGTERM, expect a graceful exit with status 0, remove the data folder. */
  stop: () => Promise<void>;
}

/**
 * The server reads HEARTH_* variables as option defaults; drop them so a developer's own
 * settings (HEARTH_DB pointing at their database, say) cannot leak into the test server.
 */
function serverEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HEARTH_')));
}

export function hearthBinary(): string {
  return path.resolve(webDir, process.env.HEARTH_BIN ?? '../build/hearth');
}

/** A fresh demo database and a server on it, with `extraArgs` added to `serve`. */
export async function startHearth(extraArgs: string[] = []): Promise<RunningHearth> {
  const binary = hearthBinary();
  const staticDir = path.join(webDir, 'dist');
  requireExecutable(binary);
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`The built web app is missing: ${staticDir}/index.html. Run \`npm run build\` in web/ first.`);
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-'));
  try {
    await runToEnd(binary, ['demo', '--data', dataDir]);
    const server = spawn(
      binary,
      ['serve', '--data', dataDir, '--port', '0', '--static', staticDir, '--log-level', 'warn', ...extraArgs],
      { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment() },
    );
    const url = await waitUntilReady(server);
    return {
      url,
      stop: async () => {
        try {
          await stop(server);
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function requireExecutable(binary: string): void {
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    throw new Error(
      `The Hearth server binary is missing or not executable: ${binary}\n` +
        'Build it first (from the repository root: cmake -S . -B build && cmake --build build), ' +
        'or point HEARTH_BIN at it. The end-to-end tests run against the real server and are never skipped.',
    );
  }
}

function runToEnd(binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`\`hearth ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

function waitUntilReady(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      settle(() => {
        reject(
          new Error(`hearth serve printed no "Hearth is ready at …" line within ${startDeadlineMs} ms:\n${stderr}`),
        );
      });
    }, startDeadlineMs);

    // Keep both pipes drained for the server's whole life, or it blocks writing its log.
    server.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (!settled) stderr += text;
      else process.stderr.write(`[hearth] ${text}`);
    });
    const lines = createInterface({ input: server.stdout ?? process.stdin });
    lines.on('line', (line) => {
      const match = readyLine.exec(line);
      if (match?.[1]) {
        const url = match[1];
        settle(() => {
          resolve(url);
        });
      }
    });
    server.on('error', (error) => {
      settle(() => {
        reject(error);
      });
    });
    server.on('exit', (code, signal) => {
      settle(() => {
        reject(new Error(`hearth serve exited before it was ready (${signal ?? `exit ${code}`}):\n${stderr}`));
      });
    });
  });
}

/** SIGTERM, then wait for a graceful exit with status 0 (issue 2: graceful shutdown). */
function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) {
    return Promise.reject(
      new Error(`hearth serve had already exited (${server.signalCode ?? `exit ${server.exitCode}`})`),
    );
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      reject(new Error(`hearth serve did not exit within ${stopDeadlineMs} ms of SIGTERM`));
    }, stopDeadlineMs);
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`hearth serve exited with ${signal ?? `status ${code}`} after SIGTERM; expected 0`));
    });
    server.kill('SIGTERM');
  });
}
