/**
 * Headless Chromium from Debian (`/usr/bin/chromium`, installed by .ci/run) driven by playwright-core,
 * with a fresh profile per launch. Playwright's own browser download is never used.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Uncaught errors of the page, for the test to assert none. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(url: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'vpcep-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 860 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(url);
  return {
    page,
    context,
    pageErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
