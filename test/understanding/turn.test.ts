// The reading of a turn: the same words read in the light of what the bot asked.
import { loadBusinessConfig } from '../../bot/config/business-config';
import { atLocal } from '../../bot/domain/time';
import { readTurn } from '../../bot/understanding/turn';
import type { Expectation } from '../../bot/understanding/types';

const business = loadBusinessConfig();
const zone = business.zone;
// A Tuesday morning in the salon's zone; the suite runs in another zone.
const now = new Date(atLocal('2026-03-10', '10:00', zone));
const read = (text: string, expecting: Expectation | null = null) => readTurn(text, { now, business, expecting });

describe('at a name prompt', () => {
  it.each(['Church', 'Summer Price', 'Hall', 'Parks', 'Cost', 'Early', 'Will', 'June Love', 'my name is Sam Day', "it's Hope Rich"])(
    '"%s" is a name',
    (text) => {
      const reading = read(text, { kind: 'name' });
      expect(reading.name).not.toBeNull();
      expect(reading.intent).toBe('other');
      expect(reading.faq).toBeNull();
    },
  );

  it.each(['what are your hours?', 'never mind', 'STOP', 'talk to a person', 'tomorrow at 4', 'yes', 'idk', '2'])('"%s" is not a name', (text) => {
    expect(read(text, { kind: 'name' }).name).toBeNull();
  });

  it('reads the same words as a question when no name was asked for', () => {
    expect(read('price').name).toBeNull();
  });
});

describe('at a read-back', () => {
  it.each([
    ['actually make it 4', '16:00'],
    ['wait no, can we do 1 instead', '13:00'],
    ['how about 3:30', '15:30'],
  ])('"%s" is a change to %s, not a no', (text, time) => {
    const reading = read(text, { kind: 'yes_no' });
    expect(reading.change).toBe(true);
    expect(reading.time).toBe(time);
  });

  it.each(['ok the other stylist then', 'anyone is fine', 'make it a beard trim instead', 'what about friday'])('"%s" is a change', (text) => {
    expect(read(text, { kind: 'yes_no' }).change).toBe(true);
  });

  it.each(['yes', 'no', 'no thanks', 'STOP'])('"%s" is no change', (text) => {
    expect(read(text, { kind: 'yes_no' }).change).toBe(false);
  });
});

describe('at offered times', () => {
  const starts = ['12:00', '14:30', '16:45'].map((t) => atLocal('2026-03-12', t, zone));
  const offer: Expectation = { kind: 'choice', count: 3, starts };
  it.each([
    ['2', 2],
    ['the second one', 2],
    ['the earlier one', 1],
    ['the later one', 3],
    ['the last one', 3],
    ['the 2:30 one', 2],
    ['4:45 please', 3],
  ])('"%s" picks %i', (text, choice) => {
    expect(read(text, offer).choice).toBe(choice);
  });

  it('takes positions by time, not by the order they were listed', () => {
    const unordered: Expectation = { kind: 'choice', count: 3, starts: [starts[1], starts[2], starts[0]] };
    expect(read('the earlier one', unordered).choice).toBe(3);
    expect(read('the later one', unordered).choice).toBe(2);
  });

  it('says a number out of range is one', () => {
    const reading = read('7', offer);
    expect(reading.choice).toBeNull();
    expect(reading.choiceOutOfRange).toBe(true);
  });

  it('reads a time no offer has as a new time', () => {
    const reading = read('friday at 10', offer);
    expect(reading.choice).toBeNull();
    expect(reading.change).toBe(true);
  });
});

describe('several requests in one text', () => {
  it('finds a question and a booking', () => {
    const reading = read('how much is color? and can I book one sat at 10');
    expect(reading.faqs.length).toBeGreaterThanOrEqual(1);
    expect(reading.parts.map((p) => p.intent)).toEqual(['faq', 'book']);
    expect(reading.date).toBe('2026-03-14');
    expect(reading.time).toBe('10:00');
  });

  it('finds two questions', () => {
    expect(read('address and is there parking').faqs).toHaveLength(2);
  });

  it('finds every service named', () => {
    expect(read('a haircut and a beard trim thurs at 2').services).toEqual(['haircut', 'beard-trim']);
  });

  it('finds one request in a plain booking', () => {
    expect(read('haircut friday at 3').parts).toEqual([]);
  });
});

describe('other readings', () => {
  it('reads the appointment named in a move apart from the new time', () => {
    const reading = read('push my 3pm to 4');
    expect(reading.intent).toBe('reschedule');
    expect(reading.from).toEqual({ date: null, time: '15:00' });
    expect(reading.time).toBe('16:00');
  });

  it('reads carrier keywords once, for everyone', () => {
    expect(read('STOP').keyword).toBe('stop');
    expect(read('stop texting me').keyword).toBe('stop');
    expect(read('help').keyword).toBe('help');
    expect(read('help me book a haircut').keyword).toBeNull();
    expect(read('can I stop by tomorrow at 3').keyword).toBeNull();
  });

  it('reads a follow-up and staff preferences', () => {
    expect(read('what about saturday?').followUp).toBe(true);
    expect(read('anyone is fine').anyStaff).toBe(true);
    expect(read('the other stylist').otherStaff).toBe(true);
  });

  it('reads a reply to a reminder', () => {
    expect(read('C').reminderReply).toEqual({ kind: 'confirm' });
    expect(read('running 10 min late').reminderReply).toEqual({ kind: 'late', minutes: 10 });
  });
});

describe('held-out phrasings', () => {
  const readBack: Expectation = { kind: 'yes_no', at: atLocal('2026-03-14', '13:00', zone) };
  it.each([
    ['could we go an hour later', '2026-03-14', '14:00'],
    ['how about 30 mins earlier', '2026-03-14', '12:30'],
    ['same time next week instead', '2026-03-21', '13:00'],
    ['hmm actually sun would be better', '2026-03-15', null],
  ])('"%s" at a read-back of Sat 1 PM is %s %s', (text, date, time) => {
    const reading = read(text, readBack);
    expect(reading.change).toBe(true);
    expect(reading.date).toBe(date);
    if (time) expect(reading.time).toBe(time);
  });

  it('keeps the same wall-clock time a week on across the spring change of clocks', () => {
    const beforeChange: Expectation = { kind: 'yes_no', at: atLocal('2026-03-07', '10:00', zone) };
    expect(read('same time next week', beforeChange)).toMatchObject({ date: '2026-03-14', time: '10:00' });
  });

  it.each([
    ['haircutt thrusday at 2', '2026-03-12'],
    ['blowout on fridya', '2026-03-13'],
    ['anything this wknd for a beard trim?', '2026-03-14'],
  ])('reads the day in "%s" as %s', (text, date) => {
    expect(read(text).date).toBe(date);
  });

  it('leaves real words that look like days alone', () => {
    expect(read('someday I will book').date).toBeNull();
  });

  it('reads a move by an amount from the appointment it names', () => {
    expect(read('can you push my 2pm back half an hour')).toMatchObject({ intent: 'reschedule', from: { date: null, time: '14:00' }, time: '14:30' });
  });

  it('reads "the day after" as counted from the day discussed, and "also" as adding', () => {
    expect(read('and the day after?')).toMatchObject({ followUp: true, dayAfter: 1 });
    expect(read('can i also get a beard trim right after')).toMatchObject({ also: true, service: 'beard-trim' });
    expect(read('oh wait can u make that 4 instead')).toMatchObject({ changeCue: true, time: '16:00' });
  });

  it('reads a pick with words around it', () => {
    const starts = ['10:30', '11:30'].map((t) => atLocal('2026-03-13', t, zone));
    const offer: Expectation = { kind: 'choice', count: 2, starts };
    expect(read('1st one is good', offer).choice).toBe(1);
    expect(read('the latest one u have', offer).choice).toBe(2);
    expect(read('earliest pls', offer).choice).toBe(1);
  });

  it('takes a name written in lower case that sounds like a service near a typo', () => {
    expect(read('rob banks', { kind: 'name' }).name).toBe('Rob Banks');
    expect(read('hiarcut', { kind: 'name' }).name).toBeNull();
    expect(read('Tuesday Hall', { kind: 'name' }).name).toBe('Tuesday Hall');
  });
});
