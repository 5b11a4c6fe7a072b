// What a client is told was saved is on disk when they are told. The store commits bookkeeping
// without an fsync (synchronous=NORMAL in WAL mode) and presses a booking, a consent change, a place
// in the queue and a message queued to go out with synchronous=FULL. Tested twice: the statements
// a booking runs, in order, and a real `frontdesk start` killed with SIGKILL the moment it answers
// "You're booked", whose file, reopened, holds the booking.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { DATA_FILE_NAME, openSqliteStores } from '../../bot/store/sqlite';
import type { Stores } from '../../bot/ports/stores';
import { AUTH_TOKEN, BUSINESS_NUMBER, encodeForm, messagesOf, newMessageSid, PUBLIC_URL, sign } from '../channels/twilio/twilio-test-server';

const ROOT = path.resolve(__dirname, '../..');

describe('durability of what a client is told', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-durable-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the statements a store runs', () => {
    let stores: Stores;
    const trace: string[] = [];
    beforeEach(() => {
      trace.length = 0;
      stores = openSqliteStores({ file: path.join(dir, DATA_FILE_NAME), trace: (sql) => trace.push(sql) });
    });
    afterEach(async () => {
      await stores.close();
    });

    const now = new Date('2026-03-10T15:00:00.000Z');
    const pragmas = () => trace.filter((sql) => /PRAGMA synchronous/i.test(sql));

    it('starts every connection without an fsync per commit', async () => {
      expect(pragmas()).toEqual(['PRAGMA synchronous = NORMAL']);
    });

    it('books, moves, confirms and cancels with synchronous=FULL around the commit, and back to NORMAL after', async () => {
      const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', now);
      trace.length = 0;
      const booked = await stores.appointments.book(
        { clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-12T15:00:00.000Z', end: '2026-03-12T15:30:00.000Z' },
        now,
      );
      expect(booked.ok).toBe(true);
      const full = trace.indexOf('PRAGMA synchronous = FULL');
      const insert = trace.findIndex((sql) => sql.trim().startsWith('INSERT INTO appointments'));
      const commit = trace.findIndex((sql, i) => i > insert && /^\s*COMMIT/i.test(sql));
      const normal = trace.lastIndexOf('PRAGMA synchronous = NORMAL');
      expect([full >= 0, insert > full, commit > insert, normal > commit]).toEqual([true, true, true, true]);
      if (!booked.ok) return;
      let moved = booked.appointment.id;
      for (const change of [
        () => stores.appointments.markConfirmed(booked.appointment.id, now),
        async () => {
          const result = await stores.appointments.reschedule(booked.appointment.id, { start: '2026-03-12T16:00:00.000Z', end: '2026-03-12T16:30:00.000Z', staffId: 'lead' }, now);
          if (result.ok) moved = result.appointment.id;
        },
        () => stores.appointments.cancel(moved, now),
        () => stores.consent.optOut('+15555550101', 'keyword', now),
        () => stores.consent.optIn('+15555550101', 'keyword', now),
      ]) {
        trace.length = 0;
        await change();
        expect(pragmas()).toEqual(['PRAGMA synchronous = FULL', 'PRAGMA synchronous = NORMAL']);
      }
    });

    it('writes the message log and a webhook claim without pressing them to disk one by one', async () => {
      const client = await stores.clients.findOrCreateByAddress('+15555550102', 'sms', now);
      trace.length = 0;
      await stores.messageLog.append({ clientId: client.id, channel: 'sms', direction: 'in', text: 'hi', media: [], at: now.toISOString(), author: 'client' });
      await stores.inboundMessages.claim({ messageId: 'SM1', channel: 'sms', address: '+15555550102', media: [] }, now, 60_000);
      expect(pragmas()).toEqual([]);
    });
  });

  describe('a server killed the moment it says "booked"', () => {
    let child: ChildProcess | null = null;
    afterEach(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });

    it('holds the booking in the file when it is reopened', async () => {
      child = spawn(process.execPath, [path.join(ROOT, 'bot/frontdesk.cjs'), 'start'], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'info', TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const port = await new Promise<number>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 30_000);
        child!.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const listening = /"port":(\d+)[^\n]*frontdesk listening|frontdesk listening[^\n]*"port":(\d+)/.exec(output);
          if (listening) {
            clearTimeout(timer);
            resolve(Number(listening[1] ?? listening[2]));
          }
        });
        child!.once('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)));
      });

      // A Wednesday at least a week ahead, so the time is open and far enough out whenever this runs.
      let day = DateTime.now().setZone('America/New_York').plus({ days: 7 }).startOf('day');
      while (day.weekday !== 3) day = day.plus({ days: 1 });
      const text = async (body: string): Promise<string> => {
        const params = { MessageSid: newMessageSid(), AccountSid: `AC${'1'.repeat(32)}`, From: '+15555550177', To: BUSINESS_NUMBER, Body: body, NumMedia: '0' };
        const res = await fetch(`http://127.0.0.1:${port}/api/twilio/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign(`${PUBLIC_URL}/api/twilio/messages`, params) },
          body: encodeForm(params),
        });
        return messagesOf(await res.text()).join('\n');
      };
      expect(await text(`haircut on ${day.toFormat('LLLL d yyyy')} at 11am`)).toMatch(/What name/);
      expect(await text('Sam Durable')).toMatch(/shall I book it/);
      const told = await text('yes');
      child.kill('SIGKILL');
      expect(told).toMatch(/You're booked/);
      await new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve() : child!.once('exit', () => resolve())));
      expect(child.signalCode).toBe('SIGKILL');

      const db = new Database(path.join(dir, DATA_FILE_NAME));
      try {
        const rows = db
          .prepare("SELECT a.service_id, a.starts_at, c.name FROM appointments a JOIN clients c ON c.id = a.client_id WHERE a.status = 'booked'")
          .all() as Array<{ service_id: string; starts_at: string; name: string }>;
        expect(rows).toEqual([
          { service_id: 'haircut', starts_at: day.set({ hour: 11 }).toUTC().toISO({ suppressMilliseconds: false }), name: 'Sam Durable' },
        ]);
      } finally {
        db.close();
      }
    }, 60_000);
  });
});
