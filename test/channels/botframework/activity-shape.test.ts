import { checkActivityShape, MAX_ID_LENGTH, MAX_MEMBERS } from '../../../channels/botframework/activity-shape';

const valid = {
  type: 'message',
  id: 'a1',
  channelId: 'webchat',
  serviceUrl: 'https://webchat.botframework.com/',
  from: { id: 'user-1', name: 'Robin' },
  recipient: { id: 'frontdesk', name: 'Frontdesk' },
  conversation: { id: 'conversation-1' },
  text: 'can I book a haircut friday?',
  timestamp: '2026-03-10T15:00:00.000Z',
};

const member = (n: number) => ({ id: `member-${n}` });

describe('checkActivityShape: what /api/messages hands to the bot', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a message as Web Chat sends it', {}],
    ['a message without text (an attachment only)', { text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'https://example.test/a.png' }] }],
    ['text that is null', { text: null }],
    ['a conversationUpdate naming who joined', { type: 'conversationUpdate', text: undefined, membersAdded: [member(1), member(2)] }],
    ['an event with any value', { type: 'event', name: 'handoff.status', value: { state: 'completed', nested: [1, { a: null }] } }],
    ['fields the schema does not name', { extra: { deep: ['junk'] }, channelData: { tenant: { id: 't' } } }],
    ['an http serviceUrl on this machine (the Emulator)', { serviceUrl: 'http://127.0.0.1:50123' }],
    ['unicode in names and text', { from: { id: 'user-ü', name: 'Zoë 🌸' }, text: 'ça va? 你好 👋🏽' }],
    ['an id of the longest allowed length', { conversation: { id: 'c'.repeat(MAX_ID_LENGTH) } }],
    ['the most members allowed', { type: 'conversationUpdate', membersAdded: Array.from({ length: MAX_MEMBERS }, (_, i) => member(i)) }],
  ])('accepts %s', (_label, overrides) => {
    expect(checkActivityShape({ ...valid, ...overrides })).toEqual({ ok: true });
  });

  it.each<[string, unknown, string]>([
    ['a body that is an array', [valid], '(body)'],
    ['a body that is a string', 'message', '(body)'],
    ['a body that is null', null, '(body)'],
    ['no type', { ...valid, type: undefined }, 'type'],
    ['a numeric type', { ...valid, type: 5 }, 'type'],
    ['an unknown type', { ...valid, type: 'banana' }, 'type'],
    ['a serviceUrl that is an object', { ...valid, serviceUrl: {} }, 'serviceUrl'],
    ['a serviceUrl that is not a URL', { ...valid, serviceUrl: 'not a url' }, 'serviceUrl'],
    ['a serviceUrl of another scheme', { ...valid, serviceUrl: 'file:///etc/passwd' }, 'serviceUrl'],
    ['a huge serviceUrl', { ...valid, serviceUrl: `https://example.test/${'a'.repeat(5000)}` }, 'serviceUrl'],
    ['no serviceUrl', { ...valid, serviceUrl: undefined }, 'serviceUrl'],
    ['a numeric from.id', { ...valid, from: { id: 5 } }, 'from.id'],
    ['an empty from.id', { ...valid, from: { id: '' } }, 'from.id'],
    ['from as a string', { ...valid, from: 'user-1' }, 'from'],
    ['from as an array', { ...valid, from: [{ id: 'user-1' }] }, 'from'],
    ['a numeric recipient.id', { ...valid, recipient: { id: 7 } }, 'recipient.id'],
    ['a conversation id that is too long', { ...valid, conversation: { id: 'c'.repeat(MAX_ID_LENGTH + 1) } }, 'conversation.id'],
    ['no conversation', { ...valid, conversation: undefined }, 'conversation'],
    ['isGroup as text', { ...valid, conversation: { id: 'c', isGroup: 'yes' } }, 'conversation.isGroup'],
    ['text that is an object', { ...valid, text: { a: 1 } }, 'text'],
    ['text that is a number', { ...valid, text: 42 }, 'text'],
    ['a numeric channelId', { ...valid, channelId: 4 }, 'channelId'],
    ['attachments that are an object', { ...valid, attachments: {} }, 'attachments'],
    ['an attachment without a content type', { ...valid, attachments: [{ contentUrl: 'https://example.test/a.png' }] }, 'attachments.0.contentType'],
    ['entities that are a string', { ...valid, entities: 'x' }, 'entities'],
    ['membersAdded that is a string', { ...valid, type: 'conversationUpdate', membersAdded: 'x' }, 'membersAdded'],
    ['too many members', { ...valid, type: 'conversationUpdate', membersAdded: Array.from({ length: MAX_MEMBERS + 1 }, (_, i) => member(i)) }, 'membersAdded'],
    ['a member with a numeric id', { ...valid, type: 'conversationUpdate', membersAdded: [{ id: 1 }] }, 'membersAdded.0.id'],
    ['a timestamp that is not a date', { ...valid, timestamp: 'yesterday-ish' }, 'timestamp'],
    ['a numeric timestamp', { ...valid, timestamp: 1773154800 }, 'timestamp'],
    ['an unknown delivery mode', { ...valid, deliveryMode: 'carrier-pigeon' }, 'deliveryMode'],
    ['channelData that is a string', { ...valid, channelData: 'x' }, 'channelData'],
  ])('refuses %s, naming the field', (_label, body, field) => {
    expect(checkActivityShape(body)).toEqual({ ok: false, field });
  });
});
