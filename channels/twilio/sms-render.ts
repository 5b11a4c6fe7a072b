// Activities the bot sends, rendered for a text message: plain text, choices as numbered lines
// (SMS has no buttons), media as links for MMS, and the whole reply cut into messages that each
// fit a few SMS parts.
import type { Activity, CardAction } from 'botbuilder';
import type { Texts } from '../../bot/text/en';
import { turnTexts } from '../../bot/text/speaking';
import { preferGsm } from './sms-encoding';
import { DEFAULT_MAX_SEGMENTS, splitByLength, splitForSms } from './sms-split';

export type TextChannel = 'sms' | 'whatsapp';

export interface RenderedMessage {
  body: string;
  mediaUrls: string[];
}

export interface RenderedReply {
  messages: RenderedMessage[];
  /**
   * What a digit reply means, when this reply numbered choices the text did not already number:
   * the value of choice n is at index n - 1.
   */
  choiceValues: string[] | null;
}

/**
 * The catalogue choices are numbered in: the language of the turn the reply is sent in (a Spanish
 * client reads "Responde 1 o 2"), English outside any turn.
 */
const TURN_TEXTS = turnTexts('en');

/** Twilio refuses a WhatsApp body over 1,600 characters. */
const WHATSAPP_MAX_CHARS = 1600;
/** Twilio accepts at most ten media per message. */
const MAX_MEDIA_PER_MESSAGE = 10;

function actionValue(action: CardAction): string {
  return typeof action.value === 'string' && action.value.trim() !== '' ? action.value : action.title;
}

function mentions(text: string, word: string): boolean {
  const escaped = word.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return escaped !== '' && new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}

/**
 * Whether the text already shows the client how to answer: the dialogs write numbered choices
 * ("1) 3:00 PM") or the words to type ("(yes / no)") into their questions, for channels without
 * buttons. Numbering them again would repeat the list.
 */
export function presentsChoices(text: string, actions: CardAction[]): boolean {
  const numberedAlready = actions.every((_, i) => new RegExp(`(^|\\n)\\s*${i + 1}[).]\\s`).test(text));
  if (numberedAlready) return true;
  return actions.every((a) => mentions(text, actionValue(a)) || mentions(text, a.title ?? ''));
}

function mediaOf(activity: Partial<Activity>): string[] {
  return (activity.attachments ?? [])
    .map((a) => a.contentUrl)
    .filter((url): url is string => typeof url === 'string' && /^https?:\/\//i.test(url));
}

/**
 * Renders the message activities of one turn (or one proactive send) as text messages. Consecutive
 * texts are joined into one reply and then split where needed, so two short sentences cost one
 * SMS, not two.
 */
export function renderReply(
  activities: Partial<Activity>[],
  channel: TextChannel,
  maxSegments = DEFAULT_MAX_SEGMENTS,
  catalogue: Pick<Texts, 'choiceList'> = TURN_TEXTS,
): RenderedReply {
  const texts: string[] = [];
  const media: string[] = [];
  let choiceValues: string[] | null = null;
  for (const activity of activities) {
    if (activity.type !== 'message') continue;
    let text = (activity.text ?? '').trim();
    const actions = (activity.suggestedActions?.actions ?? []).filter((a) => (a.title ?? '').trim() !== '');
    if (actions.length > 0 && !presentsChoices(text, actions)) {
      const list = catalogue.choiceList(actions.map((a) => a.title));
      text = text === '' ? list : `${text}\n${list}`;
      choiceValues = actions.map(actionValue);
    } else if (actions.length > 0) {
      // A later question replaces any earlier choices: digits now answer this one.
      choiceValues = null;
    }
    if (text !== '') texts.push(text);
    media.push(...mediaOf(activity));
  }

  const joined = texts.join('\n\n');
  const bodies =
    channel === 'sms'
      ? splitForSms(preferGsm(joined), { maxSegments })
      : splitByLength(joined, WHATSAPP_MAX_CHARS);
  const messages: RenderedMessage[] = bodies.map((body) => ({ body, mediaUrls: [] }));
  // Media ride on the first message (a picture with the first words), ten per message at most.
  for (let i = 0; i < media.length; i += MAX_MEDIA_PER_MESSAGE) {
    const batch = media.slice(i, i + MAX_MEDIA_PER_MESSAGE);
    const index = i / MAX_MEDIA_PER_MESSAGE;
    const target = messages[index];
    if (target) target.mediaUrls = batch;
    else messages.push({ body: '', mediaUrls: batch });
  }
  return { messages, choiceValues };
}

/**
 * A bare digit reply ("2", "#2", "2.") mapped to the value of the choice it numbers, or null when
 * the text is not such a reply or the number is out of range.
 */
export function pickChoice(text: string, values: readonly string[]): string | null {
  const match = /^\s*(?:#|no\.?\s*)?(\d{1,2})\s*[.)]?\s*$/i.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  return n >= 1 && n <= values.length ? (values[n - 1] ?? null) : null;
}
