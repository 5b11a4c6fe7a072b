// Cleans what clients type before anything reads it: control characters out, surrounding space
// trimmed, and a hard cap on length so a 5,000-character paste cannot slow the turn down.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

export const MAX_TEXT_LENGTH = 1000;

export function cleanText(raw: string): string {
  // Keep newlines and tabs (as spaces); drop other C0/C1 controls and zero-width marks.
  return raw
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .trim();
}

/** What the bot reads of a message, on every channel and in `frontdesk understand`: cleaned, then capped. */
export function guardText(raw: unknown): { text: string; truncated: boolean } {
  const text = cleanText(typeof raw === 'string' ? raw : '');
  return text.length > MAX_TEXT_LENGTH ? { text: text.slice(0, MAX_TEXT_LENGTH), truncated: true } : { text, truncated: false };
}

export class InputGuardMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message) activity.text = guardText(activity.text).text;
    await next();
  }
}
