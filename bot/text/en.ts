// Every sentence the bot says to a client, in English. Kept in one place so it can be reviewed and
// translated; dialogs and services never build user-facing sentences themselves.
import { DateTime } from 'luxon';
import type { Business, ClockRange, Language, Service, StaffMember, Weekday } from '../domain/types';
import type { QueuePlace, Rejection } from '../domain/outcomes';
import { escapeMrkdwn, slackTime } from './mrkdwn';
import {
  formatClock,
  formatDay,
  formatMoney,
  formatWallClock,
  formatWeekday,
  formatWeekdayAt,
  formatWhen,
  listAnd,
  listOr,
  monthName,
  shortWeekday,
} from './format';

export { formatClock, formatDay, formatWeekday, formatWhen, listAnd, listOr };

const ROLE_WORDS = /\b(stylist|barber|colou?rist|technician|tech|therapist|consultant|coach|assistant|manager|owner|specialist|artist|groomer|mechanic|trainer)\b/i;

/** "Lead stylist" reads as "the lead stylist"; a person's name ("Ana") stays as it is. */
export function staffLabel(staff: Pick<StaffMember, 'name'>): string {
  const name = staff.name.trim();
  if (ROLE_WORDS.test(name) && !/^the\s/i.test(name) && name.split(/\s+/).slice(1).every((w) => w === w.toLowerCase())) {
    return `the ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  }
  return name;
}

export function formatPrice(service: Pick<Service, 'price'>, currency: string): string {
  if (service.price === null) return 'price on request';
  if (service.price === 0) return 'free';
  return formatMoney(service.price, currency, 'en');
}

export function serviceLine(service: Service, currency: string): string {
  return `${service.name} (${service.minutes} min, ${formatPrice(service, currency)})`;
}

/** Numbered choices, one a line, with the reply hint ("Reply 1, 2 or 3"). */
export function numbered(choices: string[], tail?: string): string {
  const lines = choices.map((c, i) => `${i + 1}) ${c}`);
  const digits = listOr(choices.map((_, i) => String(i + 1)));
  const hint = choices.length === 1 ? 'Reply 1' : `Reply ${digits}`;
  return `${lines.join('\n')}\n${hint}${tail ? `, ${tail}` : '.'}`;
}

/** "a 90-minute color" / "an 8-minute check". */
function serviceOfLength(service: Service): string {
  const phrase = `${service.minutes}-minute ${service.name.toLowerCase()}`;
  return `${/^(8|11|18)\b|^8\d/.test(String(service.minutes)) ? 'an' : 'a'} ${phrase}`;
}

function noticeLabel(minutes: number): string {
  if (minutes % 60 === 0) {
    const h = minutes / 60;
    return h === 1 ? '1 hour' : `${h} hours`;
  }
  return `${minutes} minutes`;
}

export const en = {
  /** The language this catalogue speaks: the business's own words (service names, FAQ answers) are picked in it. */
  language: 'en' as Language,
  /** Instants and dates as this catalogue writes them, for the choices a dialog lists. */
  when: (at: number, zone: string) => formatWhen(at, zone),
  clock: (at: number, zone: string) => formatClock(at, zone),
  day: (date: string) => formatDay(date),

  greeting: (b: Business) =>
    `Hi! This is ${b.name}'s text assistant. I can book, move or cancel appointments and answer questions. What can I do for you?`,
  /** The greeting after hours, with the after-hours notice in it: one text message. */
  greetingClosed: (b: Business, opening: string | null) =>
    `Hi! ${b.name}'s text assistant here. We're closed now${opening ? ` and open ${opening}` : ''}, but I can book, move or cancel and answer questions. What can I do?`,
  help: (b: Business) =>
    `I can book an appointment ("haircut Friday at 3"), move or cancel one ("move my appointment to Saturday", "cancel"), ` +
    `show what you have booked ("when's my appointment?") and answer questions about ${b.name} (hours, prices, parking). ` +
    `Say "never mind" to start over, or "talk to a person" to reach our team.`,
  fallback: () =>
    `Sorry, I didn't catch that. You can ask me to book, move or cancel an appointment, or ask about our hours and prices. Say "help" for more, or "talk to a person".`,
  fallbackTwice: () =>
    `I'm still not following, sorry. Would you like me to have someone from our team get back to you? Reply "talk to a person", or tell me what you'd like to book.`,
  emptyMessage: () => `I got an empty message. What can I help you with?`,
  tooLong: () => `That's a long message! I read the first part of it.`,
  thanks: () => `You're welcome! Anything else, just text me.`,
  cancelledFlow: () => `No problem, I've stopped there. What else can I do for you?`,
  nothingToCancel: () => `There's nothing in progress. What can I do for you?`,

  // Booking
  whichService: (services: Service[], currency: string) =>
    `What would you like to book?\n${numbered(services.map((s) => serviceLine(s, currency)), 'or type the service.')}`,
  unknownService: (services: Service[]) =>
    `Sorry, I don't know that service. We offer ${listOr(services.map((s) => s.name))}. Which one would you like?`,
  whatTime: (service: Service) => `When would you like to come in for your ${service.name.toLowerCase()}? A day and time is perfect ("Friday at 3").`,
  whatTimeReschedule: () => `What day and time would you like instead?`,
  askDay: () => `Which day would you like?`,
  offerSlots: (dayLabel: string, times: string[]) =>
    `On ${dayLabel} I have:\n${numbered(times, 'or tell me another time.')}`,
  offerAlternatives: (times: string[]) => `The nearest free times are:\n${numbered(times, 'or tell me another time.')}`,
  noSlotsSoon: () => `I couldn't find a free time in the booking window. Would you like me to have someone from our team get back to you? Reply "talk to a person".`,
  noSlotsInWindow: (dayLabel: string) => `Nothing is free then on ${dayLabel}.`,
  rejection: (r: Rejection, zone?: string): string => {
    void zone;
    switch (r.reason) {
      case 'past':
        return `That time has already passed.`;
      case 'too_soon':
        return `We need at least ${noticeLabel(r.minNoticeMinutes)}' notice to book, so that time is too soon.`;
      case 'too_far':
        return r.lastDate
          ? `We only book up to ${r.horizonDays} days ahead (through ${formatDay(r.lastDate)}), so that's a bit too far out.`
          : `We only book up to ${r.horizonDays} days ahead, so that's a bit too far out.`;
      case 'closed':
        if (r.closure) return `We're closed on ${formatDay(r.date)} for ${r.closure.name}.`;
        return r.weekly === false ? `We're closed on ${formatDay(r.date)}.` : `We're closed on ${formatWeekday(r.date)}s.`;
      case 'before_opening':
        return `That's before we open — on ${formatDay(r.date)} we open at ${formatClock(r.opensAt, r.zone)}.`;
      case 'after_closing':
        return `That's after we close — on ${formatDay(r.date)} we close at ${formatClock(r.closesAt, r.zone)}.`;
      case 'runs_past_close': {
        const why = r.closure ? ` (we close early for ${r.closure.name})` : '';
        return `${capitalize(serviceOfLength(r.service))} at ${formatClock(r.at, r.zone)} would run past our ${formatClock(r.closesAt, r.zone)} close${why}.`;
      }
      case 'runs_into_break': {
        const into = r.closure ? `our ${r.closure.name} closure at` : 'our break at';
        return `${capitalize(serviceOfLength(r.service))} at ${formatClock(r.at, r.zone)} would run into ${into} ${formatClock(r.breakAt, r.zone)}.`;
      }
      case 'outside_hours':
        if (r.closure?.from && r.closure.to) {
          return `We're closed ${formatWallClock(r.closure.from)}–${formatWallClock(r.closure.to)} on ${formatDay(r.date)} for ${r.closure.name}.`;
        }
        if (r.reopensAt !== undefined && r.zone) {
          return `We're closed then on ${formatDay(r.date)} — we reopen at ${formatClock(r.reopensAt, r.zone)} (hours ${r.hours}).`;
        }
        return `That's outside our hours on ${formatDay(r.date)} (${r.hours}).`;
      case 'staff_off':
        return `${capitalize(staffLabel(r.staff))} isn't working then.`;
      case 'nobody_in':
        return `No one who does ${r.service.name.toLowerCase()} appointments is working then.`;
      case 'staff_does_not_offer':
        return `${capitalize(staffLabel(r.staff))} doesn't do ${r.service.name.toLowerCase()} appointments.`;
      case 'taken':
        return `That time is already booked.`;
      case 'just_taken':
        return `Sorry, that time was just taken by someone else.`;
      case 'own_overlap':
        return r.moveTo === null
          ? `You already have a ${r.service.name.toLowerCase()} at ${formatClock(r.at, r.zone)} that day, and I can't book you twice at once.`
          : `You already have a ${r.service.name.toLowerCase()} at ${formatClock(r.at, r.zone)} that day — want to move it to ${formatClock(r.moveTo, r.zone)} instead? Reply yes, or pick another time.`;
    }
  },
  didNotGetTime: () => `Sorry, I didn't catch a day or time there. Try something like "Saturday at 10" or "tomorrow afternoon".`,
  notAChoice: (count: number) => `Please reply with a number from 1 to ${count}, or tell me another time.`,
  askName: () => `Almost done! What name should I put the appointment under?`,
  badName: () => `Sorry, what name should I put it under? Just your first name is fine.`,
  niceToMeet: (name: string) => `Thanks, ${name}!`,
  /** The staff member asked for can't do it; another is free at that very time. */
  butFreeThen: (cannot: string, other: StaffMember) => `${cannot.replace(/\.$/, '')}, but ${staffLabel(other)} is free then.`,
  /** Before the first read-back of several services asked for in one message. */
  oneAfterAnother: (first: Service, then: Service[]) =>
    `I'll book them back to back: your ${first.name.toLowerCase()} first, then ${then.map((s) => `your ${s.name.toLowerCase()}`).join(' and ')}.`,
  /** Said before the read-back of the next of several services asked for in one message. */
  nextService: (service: Service) => `Next, your ${service.name.toLowerCase()}, right after:`,
  /** Names a staff member only when the client asked for one: who takes it is chosen at booking. */
  readBack: (service: Service, staff: StaffMember | null, at: number, zone: string) =>
    `${service.name} with ${staff ? staffLabel(staff) : 'one of our team'}, ${formatWhen(at, zone)} — shall I book it? (yes / no)`,
  readBackReschedule: (service: Service, fromAt: number, toAt: number, staff: StaffMember | null, zone: string) =>
    `Move your ${service.name.toLowerCase()} from ${formatWhen(fromAt, zone)} to ${formatWhen(toAt, zone)}${staff ? ` with ${staffLabel(staff)}` : ''}? (yes / no)`,
  yesOrNo: () => `Please reply yes or no.`,
  notBooked: () => `Okay, I haven't booked it. Tell me another time, or say "never mind".`,
  /** One read-back for several services back to back: "Haircut at 2:00 PM, then beard trim at 2:30 PM, ..." */
  readBackSeveral: (items: { service: Service; at: number }[], staff: StaffMember | null, zone: string) =>
    `${items.map((it, i) => `${i === 0 ? it.service.name : it.service.name.toLowerCase()} at ${formatClock(it.at, zone)}`).join(', then ')}, ` +
    `${formatDay(DateTime.fromMillis(items[0]!.at, { zone }).toISODate()!)}, with ${staff ? staffLabel(staff) : 'one of our team'} — shall I book them? (yes / no)`,
  bookedSeveral: (items: { service: Service; staff: StaffMember; at: number }[], b: Business) =>
    items.length === 1
      ? `You're booked: ${items[0]!.service.name} with ${staffLabel(items[0]!.staff)}, ${formatWhen(items[0]!.at, b.zone)} at ${b.name}. See you then!`
      : `You're booked at ${b.name}: ${items.map((it) => `${it.service.name.toLowerCase()} with ${staffLabel(it.staff)} at ${formatClock(it.at, b.zone)}`).join(', then ')}, ` +
        `${formatDay(DateTime.fromMillis(items[0]!.at, { zone: b.zone }).toISODate()!)}. See you then! Text me any time to move or cancel.`,
  booked: (service: Service, staff: StaffMember, at: number, b: Business) =>
    `You're booked: ${service.name} with ${staffLabel(staff)}, ${formatWhen(at, b.zone)} at ${b.name}. See you then! Text me any time to move or cancel.`,
  rescheduled: (service: Service, staff: StaffMember, at: number, zone: string) =>
    `Done! Your ${service.name.toLowerCase()} is now ${formatWhen(at, zone)} with ${staffLabel(staff)}. Your old time has been released.`,
  notRescheduled: () => `Okay, I've left your appointment as it was.`,

  // Appointments of the client
  noUpcoming: () => `You don't have any upcoming appointments. Want to book one?`,
  upcomingList: (lines: string[]) =>
    lines.length === 1 ? `Your next appointment: ${lines[0]}.` : `Your upcoming appointments:\n${lines.map((l) => `- ${l}`).join('\n')}`,
  appointmentLine: (service: Service, staff: StaffMember, at: number, zone: string) =>
    `${service.name} with ${staffLabel(staff)}, ${formatWhen(at, zone)}`,
  whichAppointment: (lines: string[], verb: 'move' | 'cancel') =>
    `Which appointment would you like to ${verb}?\n${numbered(lines)}`,
  nothingToChange: (verb: 'move' | 'cancel') =>
    `I don't see any upcoming appointments to ${verb}. Want to book one?`,
  confirmCancel: (line: string, late: boolean, lateCancelHours: number) =>
    `Cancel your ${lowerFirst(line)}?${late ? ` Heads up: that's less than ${lateCancelHours} hours away, so a late-cancellation fee may apply.` : ''} (yes / no)`,
  cancelled: (line: string) => `Your ${lowerFirst(line)} is cancelled. Hope to see you another time!`,
  keptAppointment: () => `Okay, your appointment stays as it is.`,

  // People
  callbackRecorded: (b: Business) =>
    `I've asked the team at ${b.name} to get back to you; someone will text you soon. Anything I can help with in the meantime?`,
  stopAcknowledged: (b: Business) => `Okay, I'll stop here. Text ${b.name} any time if you need us.`,
  startAcknowledged: (b: Business) => `Welcome back to ${b.name}! What can I do for you?`,

  // Consent (carrier keywords) and reminders
  optedOut: (b: Business) => `You're unsubscribed from ${b.name} texts. Reply START to resubscribe.`,
  optedIn: (b: Business) =>
    `You're resubscribed to ${b.name} texts. Reply STOP to unsubscribe, HELP for help. What can I do for you?`,
  /** The answer to HELP / INFO that carriers require: who we are, how to reach a person, how to stop. */
  keywordHelp: (b: Business) =>
    `${b.name}: I can book, move or cancel appointments by text and answer questions. ` +
    `To reach a person call ${b.phone} or visit ${b.website}. Msg & data rates may apply. Reply STOP to unsubscribe.`,
  /** "Reminder: Haircut tomorrow (Thu Mar 12) at 3:00 PM at Maple Street Salon. Reply C to confirm, R to reschedule, X to cancel." */
  reminder: (service: Service, at: number, now: number, b: Business) => {
    const day = DateTime.fromMillis(at, { zone: b.zone });
    const today = DateTime.fromMillis(now, { zone: b.zone }).startOf('day');
    const label = formatDay(day.toISODate()!);
    const offset = Math.round(day.startOf('day').diff(today, 'days').days);
    const when = offset === 0 ? `today (${label})` : offset === 1 ? `tomorrow (${label})` : `on ${label}`;
    return `Reminder: ${service.name} ${when} at ${formatClock(at, b.zone)} at ${b.name}. Reply C to confirm, R to reschedule, X to cancel.`;
  },
  reminderConfirmed: (line: string) => `Thanks, you're confirmed: ${line}. See you then!`,
  runningLateNoted: () => `Thanks for letting us know — we'll tell the team.`,
  notSure: () => `I'm not sure about that — want me to ask someone? Reply "talk to a person".`,
  error: () => `Sorry, something went wrong on our side. Please try again in a moment.`,
  /** The store could not save the turn (disk full, data file gone): nothing the client did was kept. */
  storeUnavailable: () => `Sorry — we couldn't save that just now. Please try again in a minute.`,
  flooding: () => `You're sending a lot of messages; I'll pause for a few minutes.`,

  // Talking to a person (the take-a-number queue)
  queueJoined: (q: QueuePlace, b: Business) => {
    const place = q.ahead === 0 ? `You're number ${q.number}, next in line` : `You're number ${q.number} in line (${q.ahead} ahead of you)`;
    const wait = q.afterHours && q.opensAt !== null
      ? `. We're closed right now and open ${formatWhen(q.opensAt, b.zone)}, so it'll be about ${waitLabel(q.estimateMinutes)}`
      : q.ahead === 0 ? '' : `, about ${waitLabel(q.estimateMinutes)}`;
    return `${place}${wait}. You can keep texting here; a person will reply. Say "never mind" to go back to our assistant.`;
  },
  queueAlreadyIn: (q: QueuePlace) =>
    q.state === 'claimed'
      ? `You're already with our team; they'll reply here.`
      : `You're already in line: number ${q.number}, ${q.ahead === 0 ? `next up` : `${q.ahead} ahead of you, about ${waitLabel(q.estimateMinutes)}`}. A person will reply here.`,
  queueMovedUp: (q: QueuePlace) =>
    q.ahead === 0
      ? `Good news: you're next in line. A person will reply here soon.`
      : `You've moved up: ${q.ahead} ahead of you now, about ${waitLabel(q.estimateMinutes)}.`,
  queueTakingLonger: () => `Sorry, this is taking longer than usual. You're still in line and someone will reply here as soon as they can.`,
  queueClaimed: (staffName: string | null, b: Business) =>
    `${staffName ? `${staffName} from ${b.name}` : `Someone from ${b.name}`} is here and will reply in this chat.`,
  queueLeft: () => `Okay, you've left the line. You're back with our assistant. What can I do for you?`,
  queueBackWithAssistant: () => `You're back with our assistant. Anything else I can do for you?`,
  queueTimedOut: (b: Business) =>
    `Sorry, no one from ${b.name} could get to you in time. You're back with our assistant; text "talk to a person" to get back in line.`,
  complaintHeard: () => `I'm sorry to hear that. I'm getting someone from our team to help.`,
  handoffNotUnderstood: () => `I'm still not following, sorry, so I'm getting a person to help.`,

  // Hours, closures and computed answers
  /** "Tue–Fri 9:00 AM–7:00 PM, Sat 9:00 AM–5:00 PM; closed Sun and Mon". */
  weeklyHours: (groups: Array<{ days: Weekday[]; ranges: ClockRange[] }>, closed: Weekday[]) => {
    const span = (days: Weekday[]) => (days.length === 1 ? shortWeekday(days[0]) : `${shortWeekday(days[0])}–${shortWeekday(days[days.length - 1])}`);
    const parts = groups.map((g) => `${span(g.days)} ${g.ranges.map((r) => `${formatWallClock(r.from)}–${formatWallClock(r.to)}`).join(', ')}`);
    return `${parts.join(', ')}${closed.length > 0 ? `; closed ${listAnd(closed.map((d) => shortWeekday(d)))}` : ''}`;
  },
  /** "9:00 AM–2:00 PM and 4:00 PM–7:00 PM" for instants in the business zone. */
  rangesLabel: (ranges: Array<{ start: number; end: number }>, zone: string) =>
    ranges.map((r) => `${formatClock(r.start, zone)}–${formatClock(r.end, zone)}`).join(' and '),
  /**
   * When the business opens next: "today at 9:00 AM", "tomorrow at ...", a weekday within six days
   * of `from` (the day talked about), else the date.
   */
  opening: (at: number, from: number, zone: string, now: number = from) => {
    const day = DateTime.fromMillis(at, { zone });
    const today = DateTime.fromMillis(now, { zone }).startOf('day');
    const offset = Math.round(day.startOf('day').diff(today, 'days').days);
    if (offset === 0) return `today at ${formatClock(at, zone)}`;
    if (offset === 1) return `tomorrow at ${formatClock(at, zone)}`;
    return at - from < 6 * 86_400_000 ? formatWeekdayAt(at, zone) : formatWhen(at, zone);
  },
  openNowUntil: (until: number, zone: string, label: string | null) =>
    `We're open now, until ${formatClock(until, zone)} today${label ? ` (${label} hours)` : ''}.`,
  opensLaterToday: (at: number, ranges: string, zone: string, label: string | null) =>
    `We open at ${formatClock(at, zone)} today (${label ? `${label} hours: ` : 'hours '}${ranges}).`,
  closedRestOfToday: (opening: string | null) => `We're closed for the rest of today.${opening ? ` We open ${opening}.` : ''}`,
  closedWeekday: (date: string, opening: string | null) =>
    `We're closed on ${formatWeekday(date)}s.${opening ? ` We open ${opening}.` : ''}`,
  closedDay: (dayText: string, closureName: string | null, opening: string | null) =>
    `We're closed ${dayText}${closureName ? ` for ${closureName}` : ''}.${opening ? ` We open ${opening}.` : ''}`,
  openDay: (dayText: string, ranges: string, label: string | null) =>
    `We're open ${dayText}${label ? ` (${label})` : ''}, ${ranges}.`,
  dayText: (date: string, today: string, tomorrow: string) =>
    date === today ? 'today' : date === tomorrow ? 'tomorrow' : `on ${formatDay(date)}`,
  closedFor: (name: string, date: string, opening: string | null) =>
    `We're closed on ${name} (${formatDay(date)}).${opening ? ` We open ${opening}.` : ''}`,
  specialDay: (name: string, date: string, ranges: string) => `On ${name} (${formatDay(date)}) we're open ${ranges}.`,
  upcomingClosures: (items: Array<{ name: string; date: string; ranges: string | null }>) =>
    items.length === 0
      ? 'no closures coming up'
      : listAnd(items.map((c) => `${c.name} (${formatDay(c.date)}${c.ranges ? `, ${c.ranges}` : ', closed'})`)),
  servicePrice: (service: Service, currency: string) =>
    service.price === null
      ? `${service.name} takes about ${service.minutes} minutes; ask us for the price.`
      : `${service.name} is ${formatPrice(service, currency)} and takes about ${service.minutes} minutes.`,
  servicePriceOnly: (service: Service, currency: string) => formatPrice(service, currency),
  priceList: (services: Service[], currency: string) => services.map((s) => `${s.name} ${formatPrice(s, currency)}`).join(', '),
  catalogue: (services: Service[], currency: string) =>
    `We offer ${listAnd(services.map((s) => serviceLine(s, currency)))}. Want to book one?`,
  serviceList: (services: Service[], currency: string) => services.map((s) => serviceLine(s, currency)).join(', '),
  minutes: (n: number) => `${n} minutes`,
  faqMissOffer: () => `I'm not sure about that — want me to ask someone?`,
  /**
   * Said before an FAQ answer the owner wrote only in English, by a catalogue of another language;
   * the English catalogue never needs it.
   */
  faqOnlyInEnglish: () => '',
  offerDeclined: () => `Okay! Anything else I can help with?`,

  // Norms: after hours, first contact, urgent messages
  afterHoursNotice: (opening: string | null) =>
    `We're closed now${opening ? ` and open ${opening}` : ''}; I can still help by text.`,
  personAfterHours: (opening: string | null) =>
    `We're closed now.${opening ? ` We open ${opening};` : ''} I've put you in line and someone will text you then.`,
  urgentOnCallAlerted: (name: string) => `I've alerted our on-call person, ${name}; they'll contact you shortly.`,
  urgentNobodyReached: (opening: string | null, b: Business) =>
    `I couldn't reach anyone on call right now, sorry. I've marked your message urgent so it's the first thing our team sees${opening ? ` when we open ${opening}` : ''}. If it can't wait, call ${b.phone}.`,
  urgentInHours: (b: Business) =>
    `I've marked this urgent and put you at the front of the line; someone from ${b.name} will text you right away.`,
  /** What the on-call person gets (SMS or Slack). */
  onCallAlert: (b: Business, who: string, text: string) => `Urgent message for ${b.name} from ${who}: "${text}". Please contact them.`,

  // Entering the line while closed: said after personAfterHours (or an urgent message's own wording).
  queuePlaceAfterHours: (q: QueuePlace) =>
    `${q.ahead === 0 ? `You're number ${q.number}, next in line` : `You're number ${q.number} in line (${q.ahead} ahead of you)`}. Say "never mind" to go back to our assistant.`,
  /** For staff (the staff console): a reminder reply saying the client is late. */

  // Odd replies inside a flow
  /** A number that is none of the numbered choices, when the choices are not times. */
  pickANumber: (count: number) => `Please reply with a number from 1 to ${count}.`,
  /** A booking in progress set aside because the client asked for something else. */
  bookingDropped: () => `Okay, I've dropped that booking.`,
  /** Asked to move an appointment to the time it already has. */
  sameTimeAsBefore: () => `That's the time you already have.`,
  /** A reply to "what name should I put it under?" that is not a name. */
  notAName: () => `Sorry, I need a name to put the appointment under (just your first name is fine).`,

  // A day or time the client wrote that does not exist
  /** "There's no February 30"; with a year when that is what rules it out; no month: "the 32nd". */
  noSuchDay: (month: number | null, day: number, year: number | null) =>
    month === null
      ? `No month has a ${enStaff.ordinal(day)} — which day did you mean?`
      : `There's no ${monthName(month)} ${day}${year === null ? '' : ` in ${year}`} — which day did you mean?`,
  /** "25:00", "10:75" as the client wrote it. */
  noSuchTime: (written: string) => `${written} isn't a time on the clock — what time works?`,

  // Switching language
  /**
   * A message that only asked to be answered in this language; `continuing`: a question of the
   * flow in progress is asked again right after.
   */
  languageSwitched: (continuing: boolean): string => (continuing ? `Sure, English it is.` : `Sure, English it is. What can I do for you?`),

  // Buttons and choices, for channels that show them (Web Chat, Teams) and as numbered lines on SMS
  choiceList: (choices: string[]) => numbered(choices),
  yesButton: (): string => `Yes`,
  noButton: (): string => `No`,
  cancelItButton: (): string => `Yes, cancel it`,
  keepItButton: (): string => `No, keep it`,
  /** A service as a button or choice names it. */
  serviceTitle: (service: Service) => service.name,
};

function waitLabel(minutes: number): string {
  if (minutes < 60) return minutes <= 1 ? `a minute` : `${minutes} minutes`;
  const hours = Math.round(minutes / 30) / 2;
  return hours === 1 ? `an hour` : `${hours} hours`;
}

export type Texts = typeof en;

// What the staff console (Slack) says to staff.
const ORDINAL_SUFFIX: Record<number, string> = { 1: 'st', 2: 'nd', 3: 'rd' };

const REASONS: Record<string, string> = {
  asked_for_person: 'asked for a person',
  not_understood: 'the assistant did not understand twice',
  faq_miss: 'a question the assistant could not answer',
  complaint: 'a complaint',
  named_staff: 'asked for a staff member by name',
  urgent: 'urgent',
};

/** Staff read the client's language by its English name. */
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish' };

export const enStaff = {
  staffRunningLate: (who: string, service: string, when: string, minutes: number | null) =>
    `${who} is running ${minutes === null ? 'late' : `${minutes} min late`} for ${service} on ${when}.`,

  reason: (reason: string) => REASONS[reason] ?? reason.replace(/_/g, ' '),
  /** The language the client is answered in, as staff read it ("Spanish"). */
  languageName: (language: Language) => LANGUAGE_NAMES[language],
  ordinal: (n: number) => {
    const tens = n % 100;
    if (tens >= 11 && tens <= 13) return `${n}th`;
    return `${n}${ORDINAL_SUFFIX[n % 10] ?? 'th'}`;
  },
  minutes: (m: number) => (m === 1 ? '1 min' : `${m} min`),

  cardFallback: (number: number, who: string, channel: string, reason: string) =>
    `New conversation #${number}: ${who} on ${channel} (${reason})`,
  cardTitle: (number: number, who: string, urgent: boolean) => `${urgent ? '🚨 ' : ''}#${number} · ${who}`,
  unknownClient: 'Unnamed client',
  placeInLine: (position: number, estimateMinutes: number | null) =>
    estimateMinutes === null ? enStaff.ordinal(position) : `${enStaff.ordinal(position)} (about ${enStaff.minutes(estimateMinutes)})`,
  waitingSince: (iso: string) => `Waiting since ${slackTime(iso)}`,
  claimedBy: (who: string) => `Claimed by ${who} — reply in this thread to talk to the client. Start with \`note:\` to keep a reply internal.`,
  closed: (state: string, by: string | null) => {
    switch (state) {
      case 'resolved':
        return by ? `Resolved by ${by}. The assistant is back with the client.` : 'Resolved. The assistant is back with the client.';
      case 'abandoned':
        return 'The client left the line (or the conversation went back to the assistant).';
      case 'timed_out':
        return 'Nobody picked this up in time; the client was told and the assistant took over again.';
      default:
        return state;
    }
  },
  claimButton: 'Claim',
  resolveButton: 'Resolve',
  lastMessages: 'Latest messages',
  author: (author: string) => (author === 'client' ? 'Client' : author === 'staff' ? 'Staff' : 'Assistant'),
  picture: 'Picture from the client',

  clientSays: (text: string) => (text.trim() === '' ? '*Client* sent a picture' : `*Client:* ${escapeMrkdwn(text)}`),
  nudge: (number: number, who: string, waited: number) =>
    `<!here> #${number} (${who}) has waited ${enStaff.minutes(waited)} and nobody has claimed it yet.`,

  alreadyClaimed: (by: string | null) => `This conversation is already claimed${by ? ` by ${by}` : ''}.`,
  notWaiting: 'This conversation is no longer waiting.',
  notFound: 'That conversation no longer exists.',
  alreadyClosed: 'This conversation is already closed.',
  claimToReply: 'Claim this conversation to reply to the client.',
  closedNoReply: 'This conversation is closed, so your reply was not sent. The client is back with the assistant.',
  sendFailed: (detail: string | undefined) => `Your reply could not be delivered to the client${detail ? ` (${detail})` : ''}.`,
  privateFile: (name: string) =>
    `“${name}” is private to Slack, so it was not sent. Share a public link to the file (Share → Copy public link) and paste it in your reply.`,

  commandUsage: [
    '*/frontdesk* commands:',
    '• `queue` — who is waiting, in order',
    '• `resolve [number]` — close a conversation (without a number: the one you hold)',
    '• `history <phone or name>` — a client’s recent messages',
    '• `history words <terms>` — messages containing these words',
    '• `text <phone> <message>` — send a client an update on their usual channel',
  ].join('\n'),
  commandStaffChannelOnly: (channel: string) => `Use /frontdesk in <#${channel}>, where the team works the queue.`,
  queueEmpty: 'Nobody is waiting.',
  queueHeader: (n: number) => (n === 1 ? '*1 client waiting:*' : `*${n} clients waiting:*`),
  queueLine: (position: number, number: number, who: string, masked: string, channel: string, waited: number, urgent: boolean) =>
    `${position}. #${number} ${urgent ? '🚨 ' : ''}${who}${masked ? ` (${masked})` : ''} on ${channel} — waiting ${enStaff.minutes(waited)}`,
  inProgressHeader: '*With staff:*',
  inProgressLine: (number: number, who: string, staff: string | null) => `• #${number} ${who} — ${staff ?? 'staff'}`,
  resolveWhich: 'Which conversation? Give its number (`/frontdesk resolve 12`); you hold none or several.',
  resolveNoSuch: (number: number) => `There is no open conversation #${number}.`,
  resolved: (number: number) => `Conversation #${number} is resolved; the client is back with the assistant.`,
  historyUsage: 'Usage: `/frontdesk history <phone or name>` or `/frontdesk history words <terms>`.',
  historyNoClient: (query: string) => `No client matches “${escapeMrkdwn(query)}”.`,
  historyNone: (who: string) => `No messages with ${who} yet.`,
  historyHeader: (who: string, masked: string) => `*Recent messages with ${who}*${masked ? ` (${masked})` : ''}:`,
  searchHeader: (terms: string, n: number) => `*${n === 0 ? 'No' : n} message${n === 1 ? '' : 's'} containing “${escapeMrkdwn(terms)}”*${n === 0 ? '.' : ':'}`,
  historyLine: (at: string, author: string, text: string, internal: boolean) =>
    `${slackTime(at)} · ${author}${internal ? ' (note)' : ''}: ${escapeMrkdwn(text)}`,
  textUsage: 'Usage: `/frontdesk text <phone> <message>`.',
  textNoClient: (query: string) => `No client with the number ${escapeMrkdwn(query)}.`,
  textSending: (who: string) => `Sending your update to ${who}…`,
  textQueued: (who: string, detail: string) => `Your update to ${who} ${detail}.`,
  textNotSent: (who: string, reason: string) => `Your update to ${who} was not sent: ${reason}.`,
  textUnavailable: 'Updates cannot be sent: no outbound channel is configured.',
};

export type StaffTexts = typeof enStaff;

/** "Haircut with …" reads "your haircut with …" mid-sentence. */
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
