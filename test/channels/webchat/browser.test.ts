// The web chat and the staff view in a real browser: Debian's Chromium driven by playwright-core,
// against the real server on a free port. A client books a haircut by typing and by clicking the
// bot's buttons, asks for a person; staff log in, see the booking on the day's timeline, take the
// conversation and reply; the reply reaches the client's chat over the stream. Screenshots of each
// view, phone-sized and desktop, go to test/output/webchat/ (with FRONTDESK_UPDATE_SCREENSHOTS=1
// the README's copies in channels/webchat/screenshots/ are made again too).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { readSettings } from '../../../bot/config/settings';
import { startServer, type RunningServer } from '../../../bot/index';
import { silentLogger } from '../../../bot/log';
import { at } from '../../helpers/frontdesk-harness';
import { openSession, say } from './webchat-client';

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const browserPath = BROWSERS.find((p) => existsSync(p)) ?? null;
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789';
const OUTPUT = path.resolve(__dirname, '../../output/webchat');
const DOCS = path.resolve(__dirname, '../../../channels/webchat/screenshots');
const updateDocs = process.env.FRONTDESK_UPDATE_SCREENSHOTS === '1';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

if (!browserPath) {
  // eslint-disable-next-line no-console
  console.warn(`browser test skipped: no Chromium at ${BROWSERS.join(', ')} (apt-get install chromium)`);
}
const describeWithBrowser = browserPath ? describe : describe.skip;

describeWithBrowser('the web chat and the staff view in Chromium', () => {
  let dataDir: string;
  let profile: string;
  let server: RunningServer;
  let context: BrowserContext;
  /** Two other sites embedding the widget: one on FRONTDESK_ALLOWED_ORIGINS, one not. */
  let allowedSite: HttpServer;
  let otherSite: HttpServer;
  const siteUrl = (site: HttpServer) => `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

  /** A page of another site with the widget's one tag. */
  async function startSite(): Promise<HttpServer> {
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>Maple Street Salon</title></head><body><h1>Welcome to Maple Street</h1><script src="${server.url}/widget.js" defer></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()));
    return site;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-browser-'));
    profile = mkdtempSync(path.join(tmpdir(), 'frontdesk-chromium-'));
    mkdirSync(OUTPUT, { recursive: true });
    // The bot needs the site's origin in its settings, the site the bot's URL only when a page is asked for.
    allowedSite = await startSite();
    otherSite = await startSite();
    server = await startServer({
      settings: readSettings({ FRONTDESK_ADMIN_TOKEN: ADMIN_TOKEN, FRONTDESK_ALLOWED_ORIGINS: siteUrl(allowedSite) }, { dataDir, port: 0 }),
      clock: () => at('2026-03-10T10:00'),
      logger: silentLogger(),
    });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: browserPath!,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: PHONE,
    });
    // A wait that fails says what it waited for, well before the test's own timeout.
    context.setDefaultTimeout(10_000);
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    for (const site of [allowedSite, otherSite]) {
      if (!site) continue;
      site.closeAllConnections();
      await new Promise<void>((resolve) => site.close(() => resolve()));
    }
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  async function shot(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
    if (updateDocs) {
      mkdirSync(DOCS, { recursive: true });
      await page.screenshot({ path: path.join(DOCS, `${name}.jpg`), type: 'jpeg', quality: 60 });
    }
  }

  /** A message in the transcript (Web Chat also writes each one into its screen-reader labels). */
  const said = (page: Page, text: string | RegExp) => page.locator('.webchat__text-content', { hasText: text }).last().waitFor();
  /** One of the bot's suggested actions, in the toolbar under the transcript. */
  const action = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name, exact: true });
  const sendBox = (page: Page) => page.locator('#chat input[type="text"], #chat textarea').first();

  async function send(page: Page, text: string): Promise<void> {
    await sendBox(page).fill(text);
    await sendBox(page).press('Enter');
  }

  it('books by typing and by a button, hands off, and a staff reply from the page reaches the chat', async () => {
    const errors: string[] = [];
    const chat = await context.newPage();
    chat.on('pageerror', (e) => errors.push(e.message));
    await chat.goto(`${server.url}/`);
    expect(await chat.locator('h1').textContent()).toBe('Chat with Maple Street Salon');
    await said(chat, 'What can I do for you?');
    await chat.getByText('Connected').waitFor();
    // The page opens with the send box focused: a keyboard user can type at once.
    expect(await sendBox(chat).evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);

    // Typing, then the bot's buttons: a time, a name, and "Yes".
    await send(chat, 'book a haircut tomorrow afternoon');
    await action(chat, '2:30 PM').click();
    await said(chat, 'What name should I put the appointment under?');
    await send(chat, 'Ana Lopez');
    await action(chat, 'Yes').click();
    await said(chat, /You're booked: Haircut .* Wed Mar 11 at 2:30 PM/);
    await shot(chat, 'chat-phone', PHONE);
    await shot(chat, 'chat-desktop', DESKTOP);
    await chat.setViewportSize(PHONE);

    await send(chat, 'I want to talk to a person');
    await said(chat, /You're number 1/);
    const booked = await server.frontdesk.stores.appointments.list({ status: 'booked' });
    expect(booked.map((a) => [a.serviceId, a.start])).toEqual([['haircut', at('2026-03-11T14:30').toISOString()]]);

    // Staff: log in, the day with the booking on its timeline, the week.
    const staff = await context.newPage();
    staff.on('pageerror', (e) => errors.push(e.message));
    await staff.setViewportSize(DESKTOP);
    await staff.goto(`${server.url}/staff`);
    await staff.getByLabel('Admin token').fill('not the token');
    await staff.getByRole('button', { name: 'Log in' }).click();
    await staff.getByText('That is not the admin token.').waitFor();
    // By keyboard alone: the token field has the focus again, Tab goes to the name, Enter logs in.
    expect(await staff.getByLabel('Admin token').evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    await staff.keyboard.press('Control+A');
    await staff.keyboard.type(ADMIN_TOKEN);
    await staff.keyboard.press('Tab');
    await staff.keyboard.type('Dana');
    await staff.keyboard.press('Enter');
    await staff.getByText('Logged in as Dana').waitFor();
    await staff.getByRole('heading', { name: 'Tuesday, March 10' }).waitFor();
    await staff.getByRole('button', { name: 'Next' }).click();
    await staff.getByRole('heading', { name: 'Wednesday, March 11' }).waitFor();
    const appointment = staff.locator('.appointment', { hasText: 'Haircut · Ana Lopez' });
    await appointment.waitFor();
    expect(await appointment.getAttribute('title')).toBe('2:30 PM – 3:00 PM: Haircut with Ana Lopez');
    await shot(staff, 'staff-day-desktop', DESKTOP);
    await shot(staff, 'staff-day-phone', PHONE);
    await staff.setViewportSize(DESKTOP);
    await staff.getByRole('button', { name: 'Week' }).click();
    await staff.locator('.day-block.compact').nth(6).waitFor();
    await shot(staff, 'staff-week-desktop', DESKTOP);

    // The queue: the new conversation, claimed and answered from the page.
    await staff.getByRole('button', { name: /^Queue/ }).click();
    await staff.getByRole('button', { name: 'Open #1' }).click();
    await staff.getByRole('heading', { name: /^#1 · Ana Lopez/ }).waitFor();
    await staff.getByRole('button', { name: 'Claim' }).click();
    await staff.getByLabel(/Reply to the client/).waitFor();
    await staff.getByLabel(/Reply to the client/).fill('Hi Ana, this is Dana. How can I help?');
    await staff.getByRole('button', { name: 'Send' }).click();
    await staff.locator('#messages .message.staff', { hasText: 'this is Dana' }).waitFor();
    await shot(staff, 'staff-queue-desktop', DESKTOP);
    await shot(staff, 'staff-queue-phone', PHONE);

    // A conversation that starts while the page is open shows up on its own, and is announced.
    const other = await openSession(server);
    await say(server, other.body.token, 'can I talk to someone please');
    await staff.getByRole('button', { name: 'Open #2' }).waitFor({ timeout: 10_000 });
    expect(await staff.locator('#announce').textContent()).toBe('1 new conversation is waiting.');

    // The reply arrives in the client's chat over the stream.
    await chat.bringToFront();
    await said(chat, 'Hi Ana, this is Dana. How can I help?');
    await shot(chat, 'chat-reply-phone', PHONE);
    expect(errors).toEqual([]);
  }, 60_000);

  it("puts the chat on an allowed site with one script tag, and on no other site", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize(DESKTOP);
    await page.goto(`${siteUrl(allowedSite)}/`);
    const open = page.getByRole('button', { name: 'Chat with us' });
    await open.click();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const panel = page.getByRole('dialog', { name: 'Chat with Maple Street Salon' });
    await panel.waitFor();
    await said(page, 'What can I do for you?');
    await page.locator('.fd-widget-chat input[type="text"], .fd-widget-chat textarea').first().fill('book a haircut tomorrow afternoon');
    await page.locator('.fd-widget-chat input[type="text"], .fd-widget-chat textarea').first().press('Enter');
    await said(page, /Reply 1, 2 or 3/);
    await shot(page, 'widget-desktop', DESKTOP);
    await page.keyboard.press('Escape');
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual([]);

    // A site not on FRONTDESK_ALLOWED_ORIGINS gets the button, but the bot answers it nothing.
    const elsewhere = await context.newPage();
    await elsewhere.goto(`${siteUrl(otherSite)}/`);
    await elsewhere.getByRole('button', { name: 'Chat with us' }).click();
    await elsewhere.getByText('Connection lost. Trying again…').waitFor();
    expect(await elsewhere.locator('.webchat__text-content').count()).toBe(0);
  }, 30_000);
});
