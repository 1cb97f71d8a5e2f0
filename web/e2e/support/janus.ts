/**
 * Starts and stops Janus for the end-to-end tests of Janus mode, with the project's script:
 *
 *   scripts/janus.sh start <tmp> --port 0     prints the API's URL last; writes <tmp>/janus-api-secret,
 *                                             <tmp>/janus-admin-key, <tmp>/janus-port, <tmp>/janus.log
 *   scripts/janus.sh stop <tmp>
 *
 * and the flags that make a `hearth serve` send every session through it (docs/deploy.md).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/janus.sh');

export interface RunningJanus {
  /** e.g. `http://127.0.0.1:23456/janus`. */
  url: string;
  /** `hearth serve` flags: every session through this Janus (`--mesh-limit 0`). */
  hearthArgs: string[];
  /** The end of Janus's log, for a failing test's report. */
  logTail: (lines?: number) => string;
  stop: () => Promise<void>;
}

export async function startJanus(): Promise<RunningJanus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-janus-'));
  let url: string;
  try {
    const { stdout } = await run('bash', [script, 'start', dir, '--port', '0'], { timeout: 30_000 });
    url = stdout.trim().split('\n').at(-1) ?? '';
    if (!url.startsWith('http://')) throw new Error(`scripts/janus.sh start printed no URL:\n${stdout}`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    hearthArgs: [
      '--janus-url',
      url,
      '--janus-secret-file',
      path.join(dir, 'janus-api-secret'),
      '--janus-admin-key-file',
      path.join(dir, 'janus-admin-key'),
      '--mesh-limit',
      '0',
    ],
    logTail: (lines = 60) => {
      try {
        return readFileSync(path.join(dir, 'janus.log'), 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '(no janus.log)';
      }
    },
    stop: async () => {
      try {
        await run('bash', [script, 'stop', dir], { timeout: 30_000 });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
