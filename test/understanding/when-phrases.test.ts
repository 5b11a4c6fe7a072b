// Ways of writing a date or a clock time the reader learned from the public benchmarks, each as a
// kind (a spaced "p . m .", a 24-hour hour in words, compound amounts of time), with pinned clocks.

import { check } from '../helpers/when-cases';

// Wednesday 17 June 2026, 10:00 at the salon (open 09:00-19:00).
const JUNE = '2026-06-17T10:00';

describe('clock times', () => {
  check(
    [
      ['dinner at seven p . m .', { time: '19:00' }],
      ['at 3 p. m.', { time: '15:00' }],
      ['fifteen thirty p m', { time: '15:30' }],
      ['at sixteen fifteen', { time: '16:15' }],
      ['at twenty one fifteen', { time: '21:15' }],
      ['at eleven five', { time: '11:05' }],
      ['half three', { time: '15:30' }],
      ['around half ten', { time: '10:30' }],
      ['15 to noon', { time: '11:45' }],
      ['15 minutes past 15h', { time: '15:15' }],
      ['15 minutes from 1pm', { time: '13:15' }],
      ['at 10 H 10 pm', { time: '22:10' }],
      ['three mins to five thirty', { time: '17:27' }],
      ['three min past 10 h 10 pm', { time: '22:13' }],
      ['we are 15 to 20 people', { time: null, window: null }],
      ['it took half an hour', { time: null }],
      ['two three', { time: null }],
    ],
    JUNE,
  );
});

describe('clock times on daylight-saving days', () => {
  check([['tomorrow at half ten', { date: '2026-03-08', time: '10:30' }]], '2026-03-07T12:00');
  check([['today at fifteen thirty', { date: '2026-11-01', time: '15:30' }]], '2026-11-01T09:00');
});

describe('amounts of time', () => {
  check(
    [
      ['2 years 1 month 21 days later', { date: '2028-08-07' }],
      ['in 1 day and 2 hours', { date: '2026-06-18', time: '12:00' }],
      ['in four business days', { date: '2026-06-23' }],
      ['in 2 and a half hours', { date: '2026-06-17', time: '12:30' }],
      ['be there in 15', { date: '2026-06-17', time: '10:15' }],
      ['upcoming 2 days', { date: '2026-06-19' }],
      ['two monday later', { date: '2026-06-29' }],
      ['monday two weeks from now', { date: '2026-06-29' }],
      ['in a week on friday', { date: '2026-06-26' }],
      ['in 2026', { date: null, time: null }],
    ],
    JUNE,
  );
  // Friday 6 March 2026, 10:00: four working days on is Thursday 12 March, across the spring-forward Sunday.
  check([['in four business days', { date: '2026-03-12' }]], '2026-03-06T10:00');
  // 01:00 EDT on the fall-back night plus a day and two hours is 03:00 the next night.
  check([['1 day 2 hours from now', { date: '2026-11-02', time: '03:00' }]], '2026-11-01T01:00');
});

describe('days named by words', () => {
  check(
    [
      ['christmas eve', { date: '2026-12-24' }],
      ['are you open on thanksgiving', { date: '2026-11-26' }],
      ["st patrick's day 2027", { date: '2027-03-17' }],
      ["new year's eve", { date: '2026-12-31' }],
      ['easter sunday', { date: '2027-03-28' }],
      ["International Workers' Day", { date: '2027-05-01' }],
      ['the last day of the month', { date: '2026-06-30' }],
      ['last day in october 2015', { date: '2015-10-31' }],
      ['the 5th last day of may', { date: '2027-05-27' }],
      ['asap', { date: '2026-06-17' }],
      ["i'm free for the day", { date: '2026-06-17' }],
      ["what's open the day after?", { date: '2026-06-18' }],
      ['the day after my appointment', { date: null }],
      ['tomorrows fine', { date: '2026-06-18' }],
    ],
    JUNE,
  );
  check([['memorial day', { date: '2026-05-25' }], ['labor day', { date: '2026-09-07' }]], '2026-03-08T09:00');
});

describe('dates written in other orders and forms', () => {
  check(
    [
      ['january first two thousand and thirty two', { date: '2032-01-01' }],
      ['sunday jan twenty one two thousand and eighteen', { date: '2018-01-21' }],
      ['september-2027-23', { date: '2027-09-23' }],
      ['2027/23/sep', { date: '2027-09-23' }],
      ['23-2027-september', { date: '2027-09-23' }],
      ['16. Nov. 2026 10:38', { date: '2026-11-16', time: '10:38' }],
      ['-20270701-', { date: '2027-07-01' }],
      ['23.04.2027 14:55', { date: '2027-04-23', time: '14:55' }],
      ['done on 5.12', { date: '2027-05-12' }],
      ['at 715ampm', { time: '07:15' }],
      ['see you on 9.30am', { date: null, time: '09:30' }],
    ],
    JUNE,
  );
  // Sent at 01:30 on the fall-back night: the business's day is still 1 November.
  check(
    [
      ['done on 11.2', { date: '2026-11-02' }],
      ['2026/01/nov at 3pm', { date: '2026-11-01', time: '15:00' }],
      ['the last day of the month', { date: '2026-11-30' }],
    ],
    '2026-11-01T01:30',
  );
});

describe('a weekday written after a date with its month belongs to that date', () => {
  check(
    [
      ['jul 18, fri', { date: '2026-07-18' }],
      ['7/20 (mon)', { date: '2026-07-20' }],
      ["can't do tomorrow, friday?", { date: '2026-06-19' }],
      ['jul 18 or friday', { date: '2026-06-19' }],
    ],
    JUNE,
  );
});
