import { MessageFactory, type Activity } from 'botbuilder';
import { segmentCount } from '../../../channels/twilio/sms-encoding';
import { pickChoice, presentsChoices, renderReply } from '../../../channels/twilio/sms-render';
import { EMPTY_TWIML, escapeXml, toTwiml } from '../../../channels/twilio/twiml';
import { withChoices } from '../../../dialogs/book-dialog';
import { en } from '../../../bot/text/en';

const message = (text: string): Partial<Activity> => ({ type: 'message', text });

describe('rendering replies for SMS', () => {
  it('joins the texts of one turn into one message when they fit', () => {
    const reply = renderReply([message('Thanks, Jordan!'), { type: 'typing' }, message('Shall I book it? (yes / no)')], 'sms');
    expect(reply.messages).toEqual([{ body: 'Thanks, Jordan!\n\nShall I book it? (yes / no)', mediaUrls: [] }]);
  });

  it('does not number choices the dialog already numbered', () => {
    const times = ['9:00 AM', '1:45 PM', '6:30 PM'];
    const activity = withChoices(en.offerSlots('Fri Mar 13', times), times);
    const reply = renderReply([activity], 'sms');
    expect(reply.messages).toHaveLength(1);
    expect(reply.messages[0]?.body.match(/^1\) /gm)).toHaveLength(1);
    expect(reply.messages[0]?.body).toContain('Reply 1, 2 or 3');
    expect(reply.choiceValues).toBeNull();
  });

  it('does not number yes/no buttons when the text already says "(yes / no)"', () => {
    const activity = MessageFactory.suggestedActions(
      [
        { type: 'imBack', title: 'Yes, cancel it', value: 'yes' },
        { type: 'imBack', title: 'No, keep it', value: 'no' },
      ],
      'Cancel your Haircut, Fri Mar 13 at 1:45 PM? (yes / no)',
    );
    const reply = renderReply([activity], 'sms');
    expect(reply.messages[0]?.body).toBe('Cancel your Haircut, Fri Mar 13 at 1:45 PM? (yes / no)');
    expect(reply.choiceValues).toBeNull();
  });

  it('numbers buttons the text does not show, with the reply hint, and remembers their values', () => {
    const activity = MessageFactory.suggestedActions(
      [
        { type: 'imBack', title: 'Book a visit', value: 'book' },
        { type: 'imBack', title: 'Our hours', value: 'hours' },
        { type: 'imBack', title: 'Talk to a person', value: 'talk to a person' },
      ],
      'How can I help?',
    );
    const reply = renderReply([activity], 'sms');
    expect(reply.messages[0]?.body).toBe('How can I help?\n1) Book a visit\n2) Our hours\n3) Talk to a person\nReply 1, 2 or 3.');
    expect(reply.choiceValues).toEqual(['book', 'hours', 'talk to a person']);
  });

  it('prefers GSM-7 on SMS and keeps the typography on WhatsApp', () => {
    const text = 'Haircut, Fri Mar 13 at 1:45 PM — shall I book it? You’re all set 👍';
    expect(renderReply([message(text)], 'sms').messages[0]?.body).toBe("Haircut, Fri Mar 13 at 1:45 PM - shall I book it? You're all set");
    expect(renderReply([message(text)], 'whatsapp').messages[0]?.body).toBe(text);
  });

  it('splits a 400-character-plus answer into messages within three parts each', () => {
    const long = Array.from({ length: 12 }, (_, i) => `Point ${i + 1}: our stylists will happily talk you through it.`).join(' ');
    expect(long.length).toBeGreaterThan(459);
    const reply = renderReply([message(long)], 'sms');
    expect(reply.messages.length).toBeGreaterThan(1);
    for (const m of reply.messages) expect(segmentCount(m.body)).toBeLessThanOrEqual(3);
  });

  it('sends attachment URLs as media on the first message', () => {
    const reply = renderReply(
      [
        {
          type: 'message',
          text: 'Here is the map.',
          attachments: [
            { contentType: 'image/png', contentUrl: 'https://files.example.test/map.png' },
            { contentType: 'application/vnd.microsoft.card.hero', content: {} },
          ],
        },
      ],
      'sms',
    );
    expect(reply.messages).toEqual([{ body: 'Here is the map.', mediaUrls: ['https://files.example.test/map.png'] }]);
  });
});

describe('picking a numbered choice', () => {
  it.each([
    ['2', 'hours'],
    [' #3 ', 'talk to a person'],
    ['1.', 'book'],
    ['2)', 'hours'],
    ['4', null],
    ['0', null],
    ['2 please', null],
    ['book', null],
  ])('reads %j as %j', (text, expected) => {
    expect(pickChoice(text, ['book', 'hours', 'talk to a person'])).toBe(expected);
  });

  it('sees choices in the words to type as presented', () => {
    expect(presentsChoices('Shall I? (yes / no)', [{ type: 'imBack', title: 'Yes', value: 'yes' }, { type: 'imBack', title: 'No', value: 'no' }])).toBe(true);
    expect(presentsChoices('Shall I?', [{ type: 'imBack', title: 'Yes', value: 'yes' }, { type: 'imBack', title: 'No', value: 'no' }])).toBe(false);
    // "no" inside "know" is not the word no.
    expect(presentsChoices('Let me know', [{ type: 'imBack', title: 'No', value: 'no' }])).toBe(false);
  });
});

describe('TwiML', () => {
  it('escapes markup in message bodies', () => {
    expect(escapeXml('Tom & Jerry <3 "quotes"')).toBe('Tom &amp; Jerry &lt;3 "quotes"');
  });

  it('drops characters XML cannot carry', () => {
    expect(escapeXml('a\u0000b\u0008c\ud800d')).toBe('abcd');
  });

  it('writes one <Message> per message, with media as <Media>', () => {
    expect(toTwiml([{ body: 'Hi & bye', mediaUrls: [] }, { body: 'Photo', mediaUrls: ['https://x.example/a.jpg?x=1&y=2'] }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hi &amp; bye</Message>' +
        '<Message><Body>Photo</Body><Media>https://x.example/a.jpg?x=1&amp;y=2</Media></Message></Response>',
    );
  });

  it('answers nothing with an empty response', () => {
    expect(toTwiml([])).toBe(EMPTY_TWIML);
    expect(EMPTY_TWIML).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});
