// TwiML for replies made during a webhook's turn. Twilio sends each <Message> as its own text.
import type { RenderedMessage } from './sms-render';

// XML 1.0 forbids most control characters and lone surrogates even when escaped; Twilio rejects
// the whole document if one slips in, so they are dropped.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for an XML text node (TwiML has no attributes here, so quotes stay as they are). */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** A reply that sends nothing. */
export const EMPTY_TWIML = `${XML_DECLARATION}<Response></Response>`;

export function toTwiml(messages: RenderedMessage[]): string {
  const parts = messages.map((m) => {
    if (m.mediaUrls.length === 0) return `<Message>${escapeXml(m.body)}</Message>`;
    const body = m.body === '' ? '' : `<Body>${escapeXml(m.body)}</Body>`;
    return `<Message>${body}${m.mediaUrls.map((url) => `<Media>${escapeXml(url)}</Media>`).join('')}</Message>`;
  });
  return `${XML_DECLARATION}<Response>${parts.join('')}</Response>`;
}
