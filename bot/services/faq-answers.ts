// FAQ answers from the owner's templates, with values computed from the config at `now` so they
// never go stale ({hours}, {today}, {price:haircut}, ...).
import { closureOn, nextOpening, openIntervalsOn } from '../domain/hours';
import { addDays, localDateOf } from '../domain/time';
import { WEEKDAYS, type Business, type Faq, type Weekday } from '../domain/types';
import { formatClock, formatDay, formatPrice, formatWhen, listAnd, serviceLine } from '../text/en';

const DAY_NAMES: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

function clock(time: string): string {
  const [h, m] = time.split(':').map(Number);
  const hour = h % 24;
  const suffix = hour < 12 ? 'AM' : 'PM';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}:${String(m).padStart(2, '0')} ${suffix}`;
}

/** "Tue–Fri 9:00 AM–7:00 PM, Sat 9:00 AM–5:00 PM; closed Sun and Mon". */
export function weeklyHoursSummary(business: Business): string {
  const label = (d: Weekday) => (business.hours[d] ?? []).map((r) => `${clock(r.from)}–${clock(r.to)}`).join(', ');
  const groups: Array<{ days: Weekday[]; hours: string }> = [];
  for (const day of WEEKDAYS) {
    const hours = label(day);
    const last = groups[groups.length - 1];
    if (last && last.hours === hours) last.days.push(day);
    else groups.push({ days: [day], hours });
  }
  const open = groups.filter((g) => g.hours !== '');
  const closed = groups.filter((g) => g.hours === '').flatMap((g) => g.days);
  const span = (days: Weekday[]) => (days.length === 1 ? DAY_NAMES[days[0]] : `${DAY_NAMES[days[0]]}–${DAY_NAMES[days[days.length - 1]]}`);
  const parts = open.map((g) => `${span(g.days)} ${g.hours}`);
  const closedText = closed.length > 0 ? `; closed ${listAnd(closed.map((d) => DAY_NAMES[d]))}` : '';
  return `${parts.join(', ')}${closedText}`;
}

/** What a given day looks like: "We're open Sat Jun 20, 9:00 AM–5:00 PM." or why not. */
export function dayHoursSentence(business: Business, date: string, now: Date): string {
  const zone = business.zone;
  const today = localDateOf(now.getTime(), zone);
  const intervals = openIntervalsOn(business, date);
  const dayText = date === today ? 'today' : date === addDays(today, 1) ? 'tomorrow' : `on ${formatDay(date)}`;
  if (intervals.length === 0) {
    const closure = closureOn(business, date);
    const next = nextOpening(business, Math.max(now.getTime(), Date.parse(`${date}T23:59:59Z`)));
    const why = closure ? ` for ${closure.name}` : '';
    const reopen = next ? ` We open ${formatWhen(next, zone)}.` : '';
    return `We're closed ${dayText}${why}.${reopen}`;
  }
  const ranges = intervals.map((i) => `${formatClock(i.start, zone)}–${formatClock(i.end, zone)}`).join(' and ');
  if (date === today) {
    const t = now.getTime();
    const current = intervals.find((i) => i.start <= t && t < i.end);
    if (current) return `We're open now, until ${formatClock(current.end, zone)} today.`;
    const later = intervals.find((i) => i.start > t);
    if (later) return `We open at ${formatClock(later.start, zone)} today (hours ${ranges}).`;
    const next = nextOpening(business, t);
    return `We're closed for the rest of today.${next ? ` We open ${formatWhen(next, zone)}.` : ''}`;
  }
  return `We're open ${dayText}, ${ranges}.`;
}

export function renderFaqAnswer(business: Business, faq: Faq, now: Date): string {
  const today = localDateOf(now.getTime(), business.zone);
  const values: Record<string, () => string> = {
    name: () => business.name,
    address: () => business.address,
    phone: () => business.phone,
    website: () => business.website,
    hours: () => weeklyHoursSummary(business),
    today: () => dayHoursSentence(business, today, now),
    prices: () => business.services.map((s) => `${s.name} ${formatPrice(s, business.currency)}`).join(', '),
    services: () => business.services.map((s) => serviceLine(s, business.currency)).join(', '),
    late_cancel_hours: () => String(business.policy.lateCancelHours),
  };
  return faq.answer.replace(/\{([a-z_]+)(?::([a-z0-9-]+))?\}/g, (whole, name: string, arg?: string) => {
    if (name === 'price' && arg) {
      const service = business.services.find((s) => s.id === arg);
      return service ? formatPrice(service, business.currency) : whole;
    }
    const value = values[name];
    return value ? value() : whole;
  });
}

/** The answer to an FAQ, made specific when the question named a day or a service. */
export function answerFaq(business: Business, faq: Faq, now: Date, about: { date: string | null; serviceId: string | null }): string {
  const usesHours = /\{(hours|today)\}/.test(faq.answer);
  if (usesHours && about.date) return dayHoursSentence(business, about.date, now);
  const service = about.serviceId ? business.services.find((s) => s.id === about.serviceId) : undefined;
  if (service && /\{(prices|services|price:[a-z0-9-]+)\}/.test(faq.answer)) {
    return `${service.name} is ${formatPrice(service, business.currency)} and takes about ${service.minutes} minutes.`;
  }
  return renderFaqAnswer(business, faq, now);
}
