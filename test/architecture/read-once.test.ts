// Each message is read once per turn, whatever reads it: consent, the line for a person, a flow's
// interruption check, the step waiting for the answer and the router all share that one reading.
import { readTurn, type TurnReader } from '../../bot/understanding/turn';
import { createHarness, type Harness } from '../helpers/frontdesk-harness';

describe('one reading per turn', () => {
  let h: Harness;
  const read: string[] = [];
  const counting: TurnReader = (text, ctx) => {
    read.push(text);
    return readTurn(text, ctx);
  };

  beforeEach(() => {
    read.length = 0;
    h = createHarness('2026-03-10T10:00', undefined, { read: counting });
  });
  afterEach(() => h.close());

  it('reads each message of a booking with asides, a change of mind and a name exactly once', async () => {
    const sam = h.client('sam');
    const said = [
      'hi',
      'can I get a haircut thursday at 3?',
      'how much is it?',
      'actually make it 4',
      'Sam Church',
      'yes',
      'thanks',
    ];
    for (const text of said) await sam.say(text);
    expect(read).toEqual(said);
    const [booked] = await h.stores.appointments.list();
    expect(booked?.serviceId).toBe('haircut');
  });

  it('reads a message once when it ends one flow and starts another', async () => {
    const sam = h.client('sam');
    const said = ['book a haircut', 'cancel my appointment', 'never mind', 'help', 'talk to a person', 'leave the queue'];
    for (const text of said) await sam.say(text);
    expect(read).toEqual(said);
  });
});
