// text + now + business -> Reading. Combines the intent and entity readers with the date/time reader.

import type { Business } from '../domain/types';
import type { Reading } from './types';
import { readWhen } from './datetime';
import { readIntent } from './intent';
import { findService, findStaff } from './entities';
import { matchFaq } from './faq-index';
import { cleanText, foldWeekdayTypos } from './normalize';
import { foldWeekend } from './when/words';

export interface UnderstandContext {
  now: Date;
  business: Business;
}

export function understand(text: string, ctx: UnderstandContext): Reading {
  // "thrusday" is Thursday: a misspelt day must not silently become today.
  const cleaned = foldWeekend(foldWeekdayTypos(cleanText(typeof text === 'string' ? text : '')));
  const when = readWhen(cleaned, ctx);
  const service = findService(cleaned, ctx.business);
  const staff = findStaff(cleaned, ctx.business);
  const faq = matchFaq(cleaned, ctx.business);
  const hasWhen = when.date !== null || when.time !== null || when.window !== null;
  const intent = readIntent(cleaned, { hasWhen, service, staff, faq });
  return {
    intent,
    service,
    date: when.date,
    time: when.time,
    window: when.window,
    faq: intent === 'faq' ? faq : null,
    staff,
  };
}
