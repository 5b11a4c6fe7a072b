// One message is read by several parts of a turn (the consent middleware, a flow's interruption
// check, the step waiting for the reply). Reading is the costliest part of a turn, so the last
// reading is kept and handed back while the text, the instant and the business are the same.
import type { Business } from '../domain/types';
import type { Reading } from './types';

export type Reader = (text: string, ctx: { now: Date; business: Business }) => Reading;

export function rememberLastReading(read: Reader): Reader {
  let last: { text: string; now: number; business: Business; reading: Reading } | null = null;
  return (text, ctx) => {
    const now = ctx.now.getTime();
    if (last && last.text === text && last.now === now && last.business === ctx.business) return last.reading;
    const reading = read(text, ctx);
    // Shared between callers, so nobody may change it.
    Object.freeze(reading.window);
    Object.freeze(reading);
    last = { text, now, business: ctx.business, reading };
    return reading;
  };
}
