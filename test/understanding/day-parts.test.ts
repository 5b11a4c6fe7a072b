// Everyday words for parts of the day, placed on the business's hours of the day named, and a
// weekday named on that weekday: today while what it names is still ahead, else next week.

import { loadBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { check } from '../helpers/when-cases';

const demo: Business = loadBusinessConfig();

// Tuesday 16 June 2026, 10:00; the salon is open 09:00-19:00 Tuesday to Friday, 09:00-17:00 Saturday.
const TUESDAY = '2026-06-16T10:00';

describe('everyday words for parts of the day', () => {
  check(
    [
      ['after work', { date: null, time: null, window: { from: '17:00', to: '19:00' } }],
      ['thursday after work', { date: '2026-06-18', window: { from: '17:00', to: '19:00' } }],
      ['once im off work on friday', { date: '2026-06-19', window: { from: '17:00', to: '19:00' } }],
      ['first thing', { time: '09:00', window: null }],
      ['friday first thing in the morning', { date: '2026-06-19', time: '09:00' }],
      ['end of the day', { window: { from: '18:00', to: '19:00' } }],
      ['end of day thursday', { date: '2026-06-18', window: { from: '18:00', to: '19:00' } }],
      ['last thing on saturday', { date: '2026-06-20', window: { from: '16:00', to: '17:00' } }],
      ['end of tomorrow', { date: '2026-06-17', window: { from: '18:00', to: '19:00' } }],
      ['the end of this saturday', { date: '2026-06-20', window: { from: '16:00', to: '17:00' } }],
      ['end of june', { date: null, window: null }],
      ['lunchtime', { window: { from: '12:00', to: '13:30' } }],
      ['can i come in at lunch tomorrow', { date: '2026-06-17', window: { from: '12:00', to: '13:30' } }],
      ['over lunch', { window: { from: '12:00', to: '13:30' } }],
      ['i had lunch already', { date: null, time: null, window: null }],
    ],
    TUESDAY,
  );
});

describe('a day written short or first keeps its day next to a part of the day', () => {
  check(
    [
      ['sat first thing', { date: '2026-06-20', time: '09:00' }],
      ['tues after work', { date: '2026-06-23', window: { from: '17:00', to: '19:00' } }],
      ['fri lunchtime', { date: '2026-06-19', window: { from: '12:00', to: '13:30' } }],
      ['wed end of day', { date: '2026-06-17', window: { from: '18:00', to: '19:00' } }],
      ['thurs last thing', { date: '2026-06-18', window: { from: '18:00', to: '19:00' } }],
      ['we sat in the waiting room', { date: null }],
    ],
    // Tuesday at 19:30, after Tuesday's hours: "tues after work" is next Tuesday's.
    '2026-06-16T19:30',
  );
});

describe("today's weekday means next week once what it names is over", () => {
  check(
    [
      ['tuesday at 9', { date: '2026-06-23', time: '09:00' }],
      ['tuesday', { date: '2026-06-23' }],
      ['tuesday morning', { date: '2026-06-23' }],
      ['today at 9', { date: '2026-06-16', time: '09:00' }],
      ['this tuesday', { date: '2026-06-16' }],
    ],
    '2026-06-16T19:00',
  );
  check(
    [
      ['tuesday at 9', { date: '2026-06-16', time: '09:00' }],
      ['tuesday', { date: '2026-06-16' }],
      ['tuesday afternoon', { date: '2026-06-16', window: { from: '12:00', to: '17:00' } }],
    ],
    '2026-06-16T08:00',
  );
  check(
    [
      ['tuesday at 9', { date: '2026-06-23', time: '09:00' }],
      ['tuesday at 3', { date: '2026-06-16', time: '15:00' }],
      ['tuesday', { date: '2026-06-16' }],
    ],
    '2026-06-16T14:00',
  );
});

describe('daylight-saving Sundays in America/New_York, at a shop open Sundays 10:00-18:00', () => {
  const sundays: Business = { ...demo, hours: { ...demo.hours, sun: [{ from: '10:00', to: '18:00' }] } };
  describe('spring forward (2026-03-08)', () => {
    check(
      [
        ['sun first thing', { date: '2026-03-08', time: '10:00' }],
        ['sunday end of day', { date: '2026-03-08', window: { from: '17:00', to: '18:00' } }],
        ['sunday lunchtime', { date: '2026-03-08', window: { from: '12:00', to: '13:30' } }],
      ],
      '2026-03-07T15:00',
      sundays,
    );
    check(
      [
        ['sunday at 11', { date: '2026-03-15', time: '11:00' }],
        ['sunday', { date: '2026-03-15' }],
        ['today after work', { date: '2026-03-08', window: { from: '17:00', to: '18:00' } }],
      ],
      '2026-03-08T18:30',
      sundays,
    );
  });
  describe('fall back (2026-11-01)', () => {
    check(
      [
        ['sunday at 11', { date: '2026-11-01', time: '11:00' }],
        ['sun after work', { date: '2026-11-01', window: { from: '17:00', to: '18:00' } }],
        ['first thing sunday', { date: '2026-11-01', time: '10:00' }],
      ],
      '2026-11-01T01:30',
      sundays,
    );
    check(
      [
        ['sunday at 11', { date: '2026-11-08', time: '11:00' }],
        ['sunday last thing', { date: '2026-11-01', window: { from: '17:00', to: '18:00' } }],
      ],
      '2026-11-01T12:00',
      sundays,
    );
  });
});
