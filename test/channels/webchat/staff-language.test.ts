// The web staff view shows each client's language, over real HTTP: the queue and a ticket carry it,
// the page's own scripts (served by the server, run against its API) put "Language: Spanish" in
// the queue line and the conversation's heading, and a claim, a reply and a resolve from the view
// reach a Spanish-speaking web chat client with the bot's notices in Spanish and staff's words as
// written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInNewContext } from 'node:vm';
import { readSettings } from '../../../bot/config/settings';
import { startServer, type RunningServer } from '../../../bot/index';
import { silentLogger } from '../../../bot/log';
import { at } from '../../helpers/frontdesk-harness';
import { openSession, openStream, say, staffCall, staffLogin, type StaffLogin } from './webchat-client';

const ADMIN_TOKEN = 'staff-token-for-tests-0123456789';

/** Just enough of a DOM element for the staff page's script: text, children, attributes, listeners. */
class PageElement {
  textContent = '';
  hidden = false;
  className = '';
  scrollTop = 0;
  scrollHeight = 0;
  readonly dataset: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  readonly children: PageElement[] = [];
  readonly listeners = new Map<string, Array<(event: unknown) => void>>();
  readonly style = {};
  constructor(readonly tag: string) {}
  set text(_v: string) {}
  appendChild(child: PageElement): PageElement {
    if (this.textContent !== '' && this.children.length === 0) this.textContent = '';
    this.children.push(child);
    return child;
  }
  insertBefore(child: PageElement, before: PageElement | null): PageElement {
    const index = before ? this.children.indexOf(before) : -1;
    this.children.splice(index < 0 ? this.children.length : index, 0, child);
    return child;
  }
  get firstChild(): PageElement | null {
    return this.children[0] ?? null;
  }
  get childNodes(): PageElement[] {
    return this.children;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
    if (name.startsWith('data-')) this.dataset[name.slice(5)] = value;
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  querySelector(): null {
    return null;
  }
  focus(): void {}
  /** Everything the element shows, its own text and its children's. */
  shown(): string {
    return [this.textContent, ...this.children.map((c) => c.shown())].filter((t) => t !== '').join(' ');
  }
  all(): PageElement[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
}

/** Loads the staff page's scripts as the server serves them, logged in with `staff`'s cookie. */
async function loadStaffPage(server: RunningServer, staff: StaffLogin): Promise<{ byId: (id: string) => PageElement }> {
  const elements = new Map<string, PageElement>();
  const byId = (id: string) => {
    if (!elements.has(id)) elements.set(id, new PageElement('div'));
    return elements.get(id) as PageElement;
  };
  const document = {
    getElementById: byId,
    createElement: (tag: string) => new PageElement(tag),
    querySelectorAll: () => [],
  };
  const pageFetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
    fetch(`${server.url}${url}`, { method: init.method, headers: { ...init.headers, cookie: staff.cookie ?? '' }, body: init.body });
  const window: Record<string, unknown> = { setInterval: () => 0, clearInterval: () => undefined, setTimeout: () => 0 };
  const context = { window, document, fetch: pageFetch, Date, Math, console };
  for (const file of ['strings.js', 'staff.js']) {
    const res = await fetch(`${server.url}/webchat/${file}`);
    expect(res.status).toBe(200);
    runInNewContext(await res.text(), context, { filename: file });
  }
  return { byId };
}

async function until<T>(what: string, probe: () => T | null | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`the page never showed ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the web staff view and the client's language", () => {
  let dataDir: string;
  let server: RunningServer;
  const now = at('2026-03-10T10:00');
  let spanish: { token: string; ticketId: string };
  let english: { ticketId: string };
  let staff: StaffLogin;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-staff-language-'));
    server = await startServer({ settings: readSettings({ FRONTDESK_ADMIN_TOKEN: ADMIN_TOKEN }, { dataDir, port: 0 }), clock: () => now, logger: silentLogger() });
    const handOff = async (text: string) => {
      const chat = await openSession(server);
      await say(server, chat.body.token, text);
      const client = await server.frontdesk.stores.clients.findByAddress(`webchat:${chat.body.userId}`);
      const ticket = await server.frontdesk.handoff.activeFor(client!.id);
      return { token: chat.body.token, ticketId: ticket!.id };
    };
    spanish = await handOff('hola, quiero hablar con una persona por favor');
    english = await handOff('hi, I want to talk to a person');
    staff = await staffLogin(server, ADMIN_TOKEN, 'Dana');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the language of each waiting client in the queue, and of the client in a ticket', async () => {
    const queue = await staffCall(server, 'GET', '/api/staff/queue', staff);
    const waiting = queue.body.waiting as Array<{ id: string; language: string; languageName: string }>;
    expect(waiting.find((w) => w.id === spanish.ticketId)).toMatchObject({ language: 'es', languageName: 'Spanish' });
    expect(waiting.find((w) => w.id === english.ticketId)).toMatchObject({ language: 'en', languageName: 'English' });
    const ticket = await staffCall(server, 'GET', `/api/staff/tickets/${spanish.ticketId}`, staff);
    expect(ticket.body.ticket).toMatchObject({ language: 'es', languageName: 'Spanish' });
  });

  it('shows "Language: Spanish" in the queue line and in the heading of the opened conversation', async () => {
    const page = await loadStaffPage(server, staff);
    const lines = await until('the waiting list', () => {
      const items = page.byId('waiting').children.filter((c) => c.tag === 'li');
      return items.length >= 2 ? items : null;
    });
    const lineOf = (ticketId: string) => lines.find((li) => li.all().some((e) => e.dataset.ticket === ticketId)) as PageElement;
    expect(lineOf(spanish.ticketId).shown()).toMatch(/· webchat · .*Language: Spanish/);
    expect(lineOf(english.ticketId).shown()).toContain('Language: English');

    const open = lineOf(spanish.ticketId).all().find((e) => e.tag === 'button') as PageElement;
    for (const click of open.listeners.get('click') ?? []) click({});
    const heading = await until('the conversation heading', () => page.byId('conversation-heading').textContent || null);
    expect(heading).toMatch(/^#\d+ · .* · Language: Spanish$/);
  });

  it('claims, replies and resolves from the view: the client reads the notices in Spanish and the reply as staff wrote it', async () => {
    const stream = await openStream(server, spanish.token);
    try {
      const reply = 'Hi, this is Dana. I only speak a little Spanish, but I can help.';
      expect((await staffCall(server, 'POST', `/api/staff/tickets/${spanish.ticketId}/claim`, staff, {})).status).toBe(200);
      expect((await staffCall(server, 'POST', `/api/staff/tickets/${spanish.ticketId}/reply`, staff, { text: reply })).status).toBe(200);
      expect((await staffCall(server, 'POST', `/api/staff/tickets/${spanish.ticketId}/resolve`, staff, {})).status).toBe(200);
      const events = await stream.waitFor(3);
      expect(events.map((e) => e.data.text)).toEqual([
        `Dana, de ${server.frontdesk.deps.business.name}, ya está aquí y te contestará en este chat.`,
        reply,
        'Estás otra vez con el asistente. ¿Te ayudo con algo más?',
      ]);
    } finally {
      stream.close();
    }
  });
});
