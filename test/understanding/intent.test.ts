import { loadBusinessConfig } from '../../bot/config/business-config';
import { understand } from '../../bot/understanding';
import { readIntent, type IntentClues } from '../../bot/understanding/intent';
import type { Intent } from '../../bot/understanding/types';

const business = loadBusinessConfig();
// Wednesday 2026-06-17, 10:00 in New York.
const now = new Date('2026-06-17T14:00:00Z');
const intentOf = (text: string): Intent => understand(text, { now, business }).intent;

const noClues: IntentClues = { hasWhen: false, service: null, staff: null, faq: null };

describe('reading the intent of a message', () => {
  const table: Array<[Intent, string[]]> = [
    [
      'stop',
      [
        'STOP',
        'Stop',
        'stop.',
        'STOPALL',
        'Unsubscribe',
        'END',
        'Quit',
        'revoke',
        'OPTOUT',
        'Stop please!',
        'stop it',
        'STOP sending me these',
        'please stop messaging me',
        'remove me from your list',
        'take my number off your list please',
        'do not text me again',
        'opt me out',
      ],
    ],
    ['start', ['START', 'Unstop', 'resubscribe', 'start texting me again', 'opt me back in']],
    ['help', ['HELP', 'info', 'help please', 'what can you do?', 'how does this work', 'what can i ask']],
    [
      'yes',
      [
        'YES',
        'y',
        'Yeah!',
        'yep',
        'yea sure',
        'ok',
        'Okay 👍',
        '👍',
        'k',
        'sure thing',
        'sounds great, thanks',
        'that works',
        'perfect thank you',
        'yes please',
        'go ahead',
        'book it',
        'alright',
        'confirm',
        "that's perfect",
        'sounds great',
      ],
    ],
    [
      'no',
      [
        'NO',
        'n',
        'Nah',
        'nope!',
        'no thanks',
        'No thank you.',
        'that does not work',
        "that won't work for me",
        'not really',
        'none of those',
        '👎',
        'nah, not interested',
        'no, sorry',
      ],
    ],
    [
      'human',
      [
        'human',
        'real person please',
        'can I talk to someone',
        'i want to speak to a human',
        'let me chat with a real person',
        'could somebody call me back',
        'have the manager call me',
        'can the owner text me',
        'are you a bot?',
        'put me through to a staff member',
      ],
    ],
    [
      'cancel',
      [
        'CANCEL',
        'cancel',
        'cancel my appointment',
        'cx my appt pls',
        'I need to cancel',
        'please cancel the haircut',
        "can't make it",
        "i won't be able to make it",
        "sorry, I can't come in anymore",
        'not going to make it today',
        'I have to cancel tomorrow',
      ],
    ],
    [
      'reschedule',
      [
        'reschedule',
        'i need to resched',
        'can I reschedule my color',
        'move my appointment',
        'could we push it back an hour',
        'I need to change my booking',
        'can you switch my appointment to another day',
        'bump me to later',
        'postpone my haircut',
        'I would like to rebook',
      ],
    ],
    [
      'list',
      [
        'when is my appointment',
        "when's my haircut?",
        'what day is my blowout',
        'do I have anything booked',
        'do i have any appointments coming up',
        'am i booked for friday',
        'show my appointments',
        'what appointments do I have',
        'my upcoming appointments',
        "what's my appointment time",
        'is my appointment still on?',
        'when am I supposed to come in',
      ],
    ],
    [
      'faq',
      [
        'what are your hours',
        'hours?',
        'what time do you close',
        'when do you open on saturday',
        'where are you located',
        'address please',
        'where do I park?',
        'is there a parking garage nearby',
        'how much is a beard trim',
        'what do you charge for highlights',
        'price list',
        'do you take cards',
        'can I pay with cash',
        'what is your cancellation policy',
        'is there a fee if I cancel late',
        'do you charge for no-shows',
        'do you take walk-ins',
        'can i just walk in',
        'do you sell gift cards?',
        'can I get a gift certificate for my sister',
      ],
    ],
    [
      'book',
      [
        'I want to book an appointment',
        'can I make an appointment',
        'haircut',
        'Balayage',
        'blow dry please',
        'can i stop by tomorrow',
        'can I stop in friday for a trim',
        'do you have any availability thursday',
        'any openings this week?',
        'can you fit me in for a beard trim',
        'i need a color',
        'kids cut for my son',
        'book me with the barber',
      ],
    ],
    [
      'other',
      [
        '',
        '   ',
        'thank you!',
        'thanks so much',
        'Thanks a lot!!',
        'lol what',
        'hmm',
        '🙂',
        '🎉🎉🎉',
        'who is this',
        'start over',
        'my lifestyle has changed a lot',
      ],
    ],
  ];

  describe.each(table)('%s', (intent, phrases) => {
    it.each(phrases)(`reads %j as ${intent}`, (text) => {
      expect(intentOf(text)).toBe(intent);
    });
  });
});

describe('intent rules that rest on the other readers', () => {
  it('reads a message that is only a time as a booking', () => {
    expect(readIntent('3pm', { ...noClues, hasWhen: true })).toBe('book');
  });

  it('reads a message with no service, time or keyword as other', () => {
    expect(readIntent('3pm', noClues)).toBe('other');
  });

  it('reads a time complaint followed by a new time as a reschedule', () => {
    const clues = { ...noClues, hasWhen: true };
    expect(readIntent("I can't make it friday, could we do saturday instead", clues)).toBe('reschedule');
    expect(readIntent("can't do the 3pm, how about 5", clues)).toBe('reschedule');
  });

  it('reads a new time offered "instead" as a reschedule', () => {
    expect(readIntent("let's do the 24th instead", { ...noClues, hasWhen: true })).toBe('reschedule');
    expect(readIntent('can we make my appointment a bit later', noClues)).toBe('reschedule');
  });

  it('reads a time complaint alone as a cancellation', () => {
    expect(readIntent("I can't make it friday", { ...noClues, hasWhen: true })).toBe('cancel');
  });

  it('keeps a question about cancelling apart from a cancellation', () => {
    const clues = { ...noClues, faq: 'cancellation-policy' };
    expect(readIntent('what happens if I cancel the same day', clues)).toBe('faq');
    expect(readIntent('cancel my haircut', clues)).toBe('cancel');
  });

  it('prefers booking over an FAQ when the message asks for a free time', () => {
    const clues = { ...noClues, faq: 'hours', hasWhen: true };
    expect(readIntent('any openings saturday morning', clues)).toBe('book');
    expect(readIntent('are you open saturday morning', clues)).toBe('faq');
  });
});
