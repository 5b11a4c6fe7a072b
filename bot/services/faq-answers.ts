// Answers to questions about the business, computed from its config at `now` so they never go
// stale: the owner's FAQ templates ({hours}, {today}, {price:haircut}, ...), and answers made
// specific when the question names a day, a closure ("thanksgiving") or a service.
import { closureOn, nextOpening, openIntervalsOn } from '../domain/hours';
import { textIn } from '../domain/localized';
import { addDays, atLocal, localDateOf, weekdayOf } from '../domain/time';
import { WEEKDAYS, type Business, type ClockRange, type Faq, type Weekday } from '../domain/types';
import type { NamedDay } from '../understanding/types';
import type { Texts } from '../text/en';
import { faqAnswerText, textsFor } from '../text';

/** What the question was about, beyond which FAQ entry it matched. */
export interface QuestionAbout {
  /** A closure or special day the question names ("christmas eve"), as the reading found it. */
  namedDay: NamedDay | null;
  date: string | null;
  serviceId: string | null;
}

export interface FaqAnswer {
  text: string;
  /** The date the answer was about, for "ok book me at 10" right after. */
  date: string | null;
}

/** How far ahead a closure or special day named in a question is looked for. */
/** How far ahead `{closures}` lists closures and special days. */
const CLOSURES_HORIZON_DAYS = 90;

// An answer that fills in the hours, today's hours, closures or the next opening.
const HOURS_ANSWER = /\{\s*(hours|today|closures|next_opening)\s*\}/;

export class FaqAnswers {
  constructor(
    private readonly business: Business,
    private readonly texts: Texts,
  ) {}

  /** "Tue–Fri 9:00 AM–7:00 PM, Sat 9:00 AM–5:00 PM; closed Sun and Mon". */
  weeklyHoursSummary(): string {
    const groups: Array<{ days: Weekday[]; ranges: ClockRange[]; key: string }> = [];
    const closed: Weekday[] = [];
    for (const day of WEEKDAYS) {
      const ranges = this.business.hours[day] ?? [];
      if (ranges.length === 0) {
        closed.push(day);
        continue;
      }
      const key = ranges.map((r) => `${r.from}-${r.to}`).join(',');
      const last = groups[groups.length - 1];
      const adjacent = last && WEEKDAYS.indexOf(last.days[last.days.length - 1]) === WEEKDAYS.indexOf(day) - 1;
      if (last && adjacent && last.key === key) last.days.push(day);
      else groups.push({ days: [day], ranges, key });
    }
    return this.texts.weeklyHours(groups, closed);
  }

  /** When the business opens next after `after`, as words, or null when it never does. */
  private openingAfter(after: number, from: number, now: number = from): string | null {
    const next = nextOpening(this.business, after);
    return next === null ? null : this.texts.opening(next, from, this.business.zone, now);
  }

  private specialName(date: string): string | null {
    const special = this.business.specialHours.find((s) => s.date === date);
    return special?.name === undefined ? null : textIn(special, 'name', this.texts.language) ?? null;
  }

  /** A closure's or special day's name in the catalogue's language, found by its date and English name. */
  private dayName(date: string, name: string): string {
    const { language } = this.texts;
    const closure = this.business.closures.find((c) => c.date === date && c.name === name);
    if (closure) return textIn(closure, 'name', language);
    const special = this.business.specialHours.find((s) => s.date === date && s.name === name);
    return special ? (textIn(special, 'name', language) ?? name) : name;
  }

  /** What one day looks like: open when, or closed and why, and when we open again. */
  dayHoursSentence(date: string, now: Date): string {
    const { zone } = this.business;
    const t = now.getTime();
    const today = localDateOf(t, zone);
    const intervals = openIntervalsOn(this.business, date);
    const label = this.specialName(date);
    const dayText = this.texts.dayText(date, today, addDays(today, 1));
    if (intervals.length === 0) {
      const closure = closureOn(this.business, date);
      // Nothing starts on a closed date, so the next opening after its first instant is after it.
      const dayStart = Math.max(t, atLocal(date, '00:00', zone));
      // "We open Tuesday" is read from the day asked about, so it is named relative to that day.
      const opening = this.openingAfter(dayStart, dayStart, t);
      // A day the week never opens on reads as a rule ("closed on Sundays"), not as news.
      const weekly = (this.business.hours[weekdayOf(date)] ?? []).length === 0;
      if (!closure && weekly && date !== today) return this.texts.closedWeekday(date, opening);
      return this.texts.closedDay(dayText, closure ? textIn(closure, 'name', this.texts.language) : null, opening);
    }
    const ranges = this.texts.rangesLabel(intervals, zone);
    if (date === today) {
      const current = intervals.find((i) => i.start <= t && t < i.end);
      if (current) return this.texts.openNowUntil(current.end, zone, label);
      const later = intervals.find((i) => i.start > t);
      if (later) return this.texts.opensLaterToday(later.start, ranges, zone, label);
      return this.texts.closedRestOfToday(this.openingAfter(t, t));
    }
    return this.texts.openDay(dayText, ranges, label);
  }

  /** The sentence for a named closure or special day. */
  namedDaySentence(day: { name: string; date: string }, now: Date): string {
    const intervals = openIntervalsOn(this.business, day.date);
    const t = now.getTime();
    if (intervals.length === 0) {
      const dayStart = Math.max(t, atLocal(day.date, '00:00', this.business.zone));
      const opening = this.openingAfter(dayStart, dayStart, t);
      return this.texts.closedFor(this.dayName(day.date, day.name), day.date, opening);
    }
    return this.texts.specialDay(this.dayName(day.date, day.name), day.date, this.texts.rangesLabel(intervals, this.business.zone));
  }

  /** Closures and special days in the coming weeks. */
  upcomingClosures(now: Date): string {
    const today = localDateOf(now.getTime(), this.business.zone);
    const last = addDays(today, CLOSURES_HORIZON_DAYS);
    const items = [
      ...this.business.closures
        .filter((c) => c.from === undefined)
        .map((c) => ({ name: textIn(c, 'name', this.texts.language), date: c.date, ranges: null })),
      ...this.business.specialHours
        .filter((s) => s.name)
        .map((s) => ({
          name: textIn(s, 'name', this.texts.language) as string,
          date: s.date,
          ranges: s.hours.length === 0 ? null : this.texts.rangesLabel(openIntervalsOn(this.business, s.date), this.business.zone),
        })),
    ]
      .filter((c) => c.date >= today && c.date <= last)
      .sort((a, b) => a.date.localeCompare(b.date));
    return this.texts.upcomingClosures(items);
  }

  /**
   * The owner's answer in the catalogue's language with every `{value}` filled in from the config at
   * `now`; an answer written only in English is filled in English, after the catalogue's lead-in.
   */
  render(faq: Faq, now: Date): string {
    const picked = faqAnswerText(faq, this.texts.language);
    const filled = picked.language === this.texts.language ? this.fill(picked.template, now) : this.inEnglish().fill(picked.template, now);
    return picked.leadIn ? `${picked.leadIn} ${filled}` : filled;
  }

  private english: FaqAnswers | null = null;
  private inEnglish(): FaqAnswers {
    this.english ??= new FaqAnswers(this.business, textsFor('en'));
    return this.english;
  }

  private fill(template: string, now: Date): string {
    const { business, texts } = this;
    const today = localDateOf(now.getTime(), business.zone);
    const t = now.getTime();
    const values: Record<string, () => string> = {
      name: () => business.name,
      address: () => business.address,
      phone: () => business.phone,
      website: () => business.website,
      hours: () => this.weeklyHoursSummary(),
      today: () => this.dayHoursSentence(today, now),
      prices: () => texts.priceList(business.services, business.currency),
      services: () => texts.serviceList(business.services, business.currency),
      late_cancel_hours: () => String(business.policy.lateCancelHours),
      closures: () => this.upcomingClosures(now),
      next_opening: () => this.openingAfter(t, t) ?? '',
    };
    return template.replace(/\{\s*([a-z_]+)\s*(?::\s*([a-z0-9-]+)\s*)?\}/g, (whole, name: string, arg?: string) => {
      if (arg !== undefined) {
        const service = business.services.find((s) => s.id === arg);
        if (!service) return whole;
        if (name === 'price') return texts.servicePriceOnly(service, business.currency);
        if (name === 'duration') return texts.minutes(service.minutes);
        return whole;
      }
      const value = values[name];
      return value ? value() : whole;
    });
  }

  /**
   * The answer to a matched FAQ entry, made specific where the question allows: a named closure
   * or special day, a date for an hours question, a service for a price question.
   */
  /** Whether the entry's answer speaks of our hours (and so of when we next open). */
  isAboutHours(faqId: string): boolean {
    const faq = this.business.faqs.find((f) => f.id === faqId);
    return faq !== undefined && HOURS_ANSWER.test(faq.answer);
  }

  answer(faq: Faq, now: Date, about: QuestionAbout): FaqAnswer {
    const aboutHours = HOURS_ANSWER.test(faq.answer);
    if (aboutHours) {
      const named = about.namedDay;
      if (named) return { text: this.namedDaySentence(named, now), date: named.date };
      if (about.date) return { text: this.dayHoursSentence(about.date, now), date: about.date };
    }
    const service = about.serviceId ? this.business.services.find((s) => s.id === about.serviceId) : undefined;
    if (service && /\{\s*(prices|services|price:[a-z0-9-]+|duration:[a-z0-9-]+)\s*\}/.test(faq.answer)) {
      return { text: this.texts.servicePrice(service, this.business.currency), date: about.date };
    }
    return { text: this.render(faq, now), date: about.date };
  }

  /** "what services do you have": the catalogue. */
  catalogue(): string {
    return this.texts.catalogue(this.business.services, this.business.currency);
  }
}
