/**
 * Starts the real server for the whole run and stops it afterwards (the function returned here
 * is Playwright's global teardown); see support/server.ts for how. The tests find its address
 * in process.env.HEARTH_E2E_URL (workers inherit the environment set here). Without the binary
 * or the built app the run fails with a message saying what to do; it never skips.
 */
import { startHearth } from './support/server';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startHearth();
  process.env.HEARTH_E2E_URL = server.url;
  return server.stop;
}
