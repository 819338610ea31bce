/**
 * The playground, as a person uses it in Chromium: `npm start` with no Slack token, then the whole product
 * through the page only: create a service, ask to connect as the consumer, be refused as an engineer,
 * approve as the owner, list, Home, and the workflow step. Things are found by role and label.
 * Screenshots for the README are taken on the way (`npm run screenshots` writes them to docs/screenshots).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { PERSONAS } from '#src/playground/workspace.js';
import { type Browser, openBrowser } from '../../helpers/browser.js';
import { type PlaygroundProcess, startPlayground } from '../../helpers/playground-process.js';
import { testRedisUrl, uniquePrefix } from '../../helpers/redis-test.js';

const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'vpcep-playground-screenshots'));
/** Page updates arrive within a second; slow steps wait for the sandbox (~3 s) or the 5 s approval poll. */
const SOON = { timeout: 10_000, interval: 100 };
const SLOW = { timeout: 25_000, interval: 200 };

/** Waits until the locator matches `count` elements. */
async function seeCount(locator: Locator, count: number, wait = SOON): Promise<void> {
  await expect.poll(() => locator.count(), wait).toBe(count);
}

/** Waits until the locator's text contains `text`. */
async function seeText(locator: Locator, text: string | RegExp, wait = SOON): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text;
  await expect.poll(async () => (await locator.allTextContents()).join('\n'), wait).toMatch(pattern);
}

async function seeValue(locator: Locator, value: string): Promise<void> {
  await expect.poll(() => locator.inputValue(), SOON).toBe(value);
}

let playground: PlaygroundProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  playground = await startPlayground({
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: uniquePrefix('playground'),
  });
  browser = await openBrowser(playground.url);
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
});

/** A screenshot for the README, with the pointer out of the way (no hover highlight). */
async function shot(name: string): Promise<void> {
  await page.mouse.move(1, 1);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function actAs(name: string): Promise<void> {
  const persona = PERSONAS.find((p) => p.name === name);
  if (!persona) throw new Error(`no persona ${name}`);
  await page.getByLabel('Acting as').selectOption(persona.id);
  // The page has switched once the sidebar states this person's rights.
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByText(persona.rights)
    .waitFor({ timeout: 10_000 });
}

async function open(place: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: place, exact: true })
    .click();
}

function message(text: string | RegExp): Locator {
  return page.getByRole('article').filter({ hasText: text });
}

async function send(line: string, channel = '#general'): Promise<void> {
  const box = page.getByRole('textbox', { name: `Message ${channel}` });
  await box.fill(line);
  await box.press('Enter');
}

describe('the playground in a browser', () => {
  it('should take a person from /vpcep create to an approved connection, a list, Home and the workflow step', async () => {
    onTestFailed(async () => {
      await shot('failure').catch(() => undefined);
    });
    // 1. The start-up output gives the URL in plain text for a person (on stderr, beside the JSON log
    //    line on stdout; the two pipes arrive in either order).
    await expect
      .poll(() => playground.output().split('\n'), SOON)
      .toContain(`playground: open ${playground.url}`);
    // The page opens in #general as the platform admin, with the guided welcome from the Playground app.
    await page
      .getByRole('article', { name: /^Playground, / })
      .getByRole('heading', { name: 'Welcome to the vpcep-bot playground' })
      .waitFor({ timeout: 10_000 });
    await seeValue(page.getByLabel('Acting as'), 'UPLAYADMIN');
    const box = page.getByRole('textbox', { name: 'Message #general' });
    await box.fill('/vpcep cr');
    await page.getByRole('option', { name: /\/vpcep create/ }).waitFor();
    await box.press('Tab');
    await seeValue(box, '/vpcep create ');
    await box.press('Enter');

    // 2. Pick a VPC: its load balancers appear.
    const form = page.getByRole('dialog', { name: 'Create endpoint service' });
    const vpc = form.getByLabel('VPC', { exact: true });
    await seeCount(vpc.getByRole('option', { name: /vpc-demo-a/ }), 1);
    await vpc.selectOption({
      label: (await vpc.getByRole('option', { name: /vpc-demo-a/ }).textContent()) ?? '',
    });
    const balancer = form.getByLabel('Load Balancer', { exact: true });
    await seeCount(balancer.getByRole('option', { name: /elb-dedicated-a/ }), 1);
    await balancer.selectOption({
      label: (await balancer.getByRole('option', { name: /elb-dedicated-a/ }).textContent()) ?? '',
    });
    await form.getByLabel('Name', { exact: true }).fill('orders-api');
    await form.getByLabel('Owners', { exact: true }).selectOption('UPLAYOWNER');
    // An external select: the options come from the bot as the person types (block_suggestion).
    await form.getByRole('combobox', { name: 'Owner groups' }).fill('platform');
    await form.getByRole('option', { name: /platform-team/ }).click();
    await seeCount(form.getByRole('button', { name: /^Remove .*platform-team/ }), 1);
    await form.getByLabel('Approval channel', { exact: true }).selectOption({ label: '#vpcep-approvals' });

    // 3. Break a rule (a terminal port twice): the error shows under Port Mapping; fix it.
    const ports = form.getByLabel('Port Mapping', { exact: true });
    await ports.fill('8080:80\n8081:80');
    await form.getByRole('button', { name: 'Review' }).click();
    await seeText(form.getByRole('alert'), 'terminal port 80 is already used');
    await expect.poll(() => ports.getAttribute('aria-invalid'), SOON).toBe('true');
    await form.getByRole('alert').scrollIntoViewIfNeeded();
    await shot('create-modal');
    await ports.fill('8080:80');
    await form.getByRole('button', { name: 'Review' }).click();

    // 4. Review, then Create, and see the result.
    const review = page.getByRole('dialog', { name: 'Review endpoint service' });
    await seeText(review, 'TCP: service port 8080, terminal port 80');
    await seeText(review, /Owner groups\s*@platform-team/);
    await shot('create-review');
    // Back to the form (a button in a block the bot gives no block_id): the form again, values kept.
    await review.getByRole('button', { name: 'Back to the form' }).click();
    await seeValue(form.getByLabel('Name', { exact: true }), 'orders-api');
    // Close it; `/vpcep create` again offers the unfinished draft, and Resume draft brings it back.
    await form.getByRole('button', { name: 'Close' }).click();
    await seeCount(page.getByRole('dialog'), 0);
    await send('/vpcep create');
    // The offer to resume has only buttons: the focus is inside the dialog, Tab never leaves it for the
    // page behind (inert), and Escape closes it.
    const offer = page.getByRole('dialog', { name: 'Create endpoint service' });
    await offer.getByRole('button', { name: 'Resume draft' }).waitFor();
    await seeCount(offer.getByRole('button', { name: 'Resume draft' }).and(page.locator(':focus')), 1);
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('Tab');
      expect(await page.getByRole('navigation', { name: 'Workspace' }).locator(':focus').count()).toBe(0);
      expect(await page.getByRole('main').locator(':focus').count()).toBe(0);
    }
    await page.keyboard.press('Escape');
    await seeCount(page.getByRole('dialog'), 0);
    await send('/vpcep create');
    await page.getByRole('dialog').getByRole('button', { name: 'Resume draft' }).click();
    await seeValue(form.getByLabel('Name', { exact: true }), 'orders-api');
    await seeValue(form.getByLabel('Port Mapping', { exact: true }), '8080:80');
    await seeCount(vpc.getByRole('option', { name: /vpc-demo-a/, selected: true }), 1);
    await form.getByRole('button', { name: 'Review' }).click();
    await seeText(review, /Owner groups\s*@platform-team/);
    await review.getByRole('button', { name: 'Create' }).click();
    await seeText(
      page.getByRole('dialog'),
      /The endpoint service eu-de\.orders-api\.\S+ is available\./,
      SLOW,
    );
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await seeCount(page.getByRole('dialog'), 0);
    await seeCount(message(/created the endpoint service eu-de\.orders-api/), 1);

    // 5. As the consumer, ask to connect in the cloud panel.
    await actAs('Carl Consumer');
    await open('Cloud (sandbox)');
    await page.getByRole('button', { name: /Ask to connect to eu-de\.orders-api\./ }).click();
    const table = page.getByRole('table', { name: /Connections of eu-de\.orders-api\./ });
    await seeText(table, 'pendingAcceptance');

    // 6. The engineer with no rights clicks Approve: refused, privately.
    await actAs('Erin Engineer');
    await open('#vpcep-approvals');
    const request = message(/orders-api/).filter({ has: page.getByRole('button', { name: 'Approve' }) });
    await seeCount(request, 1, SLOW);
    await shot('approval-request');
    await request.getByRole('button', { name: 'Approve' }).click();
    const refusal = message('Only visible to you').filter({ hasText: 'Nothing was changed' });
    await seeText(refusal, 'Only the owners of');
    // As in Slack, "Only visible to you" heads the message, above the sender and the text.
    await seeText(refusal, /^\W*Only visible to you/);

    // 7. The owner approves: the message changes for everyone.
    await actAs('Omar Owner');
    await seeCount(refusal, 0);
    await message(/orders-api/)
      .getByRole('button', { name: 'Approve' })
      .click();
    await seeCount(message(/orders-api/).getByRole('button', { name: 'Approve' }), 0, SLOW);
    await seeText(message(/orders-api/), /approved/i);
    await actAs('Ada Admin');
    await seeText(message(/orders-api/), /approved/i);
    await seeCount(message(/orders-api/).getByRole('button', { name: 'Approve' }), 0);
    await shot('approval-approved');

    // 8. `/vpcep list` (with more services than one page holds: the Cloud panel adds demo services) and
    //    page through it.
    await open('Cloud (sandbox)');
    await page.getByRole('button', { name: 'Add demo services' }).click();
    await seeText(
      page.getByRole('status').filter({ hasText: 'demo services' }),
      /Added 12 demo services in eu-de/,
    );
    await open('#general');
    await send('/vpcep list');
    const summary = message(/endpoint services/i).filter({ has: page.getByRole('button', { name: /Next/ }) });
    await seeCount(summary, 1, SLOW);
    await summary.getByRole('button', { name: /Next/ }).click();
    await seeCount(message(/endpoint services/i).getByRole('button', { name: /Previous/ }), 1);
    await shot('list-summary');

    // 9. Open the bot's Home tab.
    await open('Home');
    const home = page.getByRole('region', { name: 'Home' });
    await home.getByRole('button', { name: 'Refresh' }).waitFor({ timeout: 25_000 });
    await seeText(home, 'orders-api');
    await shot('app-home');

    // 10. Run the workflow step for a new pending connection; the owner decides; see decision and approver.
    await actAs('Carl Consumer');
    await open('Cloud (sandbox)');
    await page.getByRole('button', { name: /Ask to connect to eu-de\.orders-api\./ }).click();
    await seeText(
      page.getByRole('table', { name: /Connections of eu-de\.orders-api\./ }),
      'pendingAcceptance',
    );
    await open('Workflow');
    const pending = page.getByLabel('Pending connection');
    await seeCount(pending.getByRole('option', { name: /orders-api/ }), 1, SLOW);
    await pending.selectOption({ index: 1 });
    await page.getByLabel('requester').selectOption('UPLAYCONSUMER');
    await page.getByLabel('reason').fill('orders dashboard');
    await page.getByRole('button', { name: 'Run step' }).click();
    await seeText(page.getByRole('article', { name: /^Run / }), 'waiting for a decision');
    await actAs('Omar Owner');
    await open('#vpcep-approvals');
    const second = message(/orders-api/).filter({ has: page.getByRole('button', { name: 'Approve' }) });
    await seeCount(second, 1, SLOW);
    await second.getByRole('button', { name: 'Approve' }).click();
    await seeCount(second, 0, SLOW);
    await open('Workflow');
    const outputs = page.getByRole('definition');
    await seeText(page.getByRole('article', { name: /^Run / }), 'approved', SLOW);
    await seeText(outputs.nth(1), 'Omar Owner');
    await shot('workflow-step');
    expect(browser.pageErrors).toEqual([]);
  }, 240_000);

  it('should show what a person types as text: no script runs, no mention fires, no javascript: link', async () => {
    await actAs('Erin Engineer');
    await open('#platform');
    const typed = "<script>document.title='owned'</script> <!channel> <javascript:alert(1)|click> *bold*";
    await send(typed, '#platform');
    const shown = message("<script>document.title='owned'</script>");
    await seeCount(shown, 1);
    await seeText(
      shown,
      "<script>document.title='owned'</script> <!channel> <javascript:alert(1)|click> bold",
    );
    const live = await shown.evaluate((article) => ({
      scripts: article.querySelectorAll('script').length,
      links: [...article.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      bold: article.querySelectorAll('strong').length,
    }));
    expect(live).toEqual({ scripts: 0, links: [], bold: 1 });
    expect(await shown.textContent()).not.toContain('@channel');
    expect(await page.title()).toBe('vpcep-bot playground');
    expect(browser.pageErrors).toEqual([]);
  });

  it('should drop an open modal when the page is reloaded, as Slack does', async () => {
    await actAs('Ada Admin');
    await open('#general');
    await send('/vpcep create');
    await page.getByRole('dialog', { name: 'Create endpoint service' }).waitFor({ timeout: 10_000 });
    await page.reload();
    // The conversation and the modal are drawn together: once the welcome is back, so would a modal be.
    await page
      .getByRole('heading', { name: 'Welcome to the vpcep-bot playground' })
      .waitFor({ timeout: 10_000 });
    await seeCount(page.getByRole('dialog'), 0);
    await send('hello again');
    await seeCount(message('hello again'), 1);
    expect(browser.pageErrors).toEqual([]);
  });
});
