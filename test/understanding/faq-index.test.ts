import { loadBusinessConfig } from '../../bot/config/business-config';
import { FAQ_THRESHOLD, matchFaq, scoreFaqs } from '../../bot/understanding/faq-index';
import type { Business } from '../../bot/domain/types';
import { dentalPractice } from '../helpers/dental-practice';

const salon = loadBusinessConfig();

// A second, unrelated business: nothing in the matchers may depend on the salon's ids or words.
const dentist = dentalPractice(salon);

describe('matching a question to an FAQ entry', () => {
  const table: Array<[string, string | null]> = [
    ['what are your hours?', 'hours'],
    ['when do you close today', 'hours'],
    ['opening hours', 'hours'],
    ['where is the salon', 'location'],
    ["what's your address", 'location'],
    ['directions please', 'location'],
    ['where should i park my car', 'parking'],
    ['is there a parking lot', 'parking'],
    ['how much is a cut', 'prices'],
    ['what does a blowout cost', 'prices'],
    ['your rates?', 'prices'],
    ['do you take venmo', 'payment'],
    ['can I pay by debit card', 'payment'],
    ['can i leave a tip on my card', 'payment'],
    ['what is the cancellation fee', 'cancellation-policy'],
    ['do you charge for a no show', 'cancellation-policy'],
    ['walk ins ok?', 'walk-ins'],
    ['do I need an appointment', 'walk-ins'],
    ['gift cards?', 'gift-cards'],
    ['can I buy a voucher for my mom', 'gift-cards'],
    ['thanks a lot', null],
    ['thank you so much', null],
    ['can i get a haircut tomorrow', null],
    ['lol what', null],
    ['', null],
  ];

  it.each(table)('matches %j to %j', (text, faq) => {
    expect(matchFaq(text, salon)).toBe(faq);
  });

  it("matches another business's questions from its own entries", () => {
    expect(matchFaq('are you in network with aetna', dentist)).toBe('insurance');
    expect(matchFaq('i have a really bad toothache', dentist)).toBe('emergencies');
    expect(matchFaq('do you treat children?', dentist)).toBe('kids');
    expect(matchFaq('what are your hours', dentist)).toBeNull();
  });

  it('ranks the entry sharing the most specific words first', () => {
    const [first, second] = scoreFaqs('can i buy a gift card', salon);
    expect(first.id).toBe('gift-cards');
    expect(first.score).toBeGreaterThan(second.score);
  });
});

describe('typos, run-together keywords and questions nobody wrote an entry for', () => {
  const table: Array<[string, string | null]> = [
    ['is parkng free', 'parking'],
    ['whats ur adress', 'location'],
    ['cancelation fee?', 'cancellation-policy'],
    ['giftcard?', 'gift-cards'],
    ['walkins ok', 'walk-ins'],
    ['noshow fee', 'cancellation-policy'],
    ['do you do eyebrow waxing?', null],
    ['do you sell shampoo', null],
    ['can i bring my dog', null],
    ['my lifestyle has changed a lot', null],
  ];

  it.each(table)('matches %j to %j', (text, faq) => {
    expect(matchFaq(text, salon)).toBe(faq);
  });

  it('scores a near miss below the threshold rather than not at all', () => {
    const [best] = scoreFaqs('do you sell shampoo', salon);
    expect(best.score).toBeGreaterThan(0);
    expect(best.score).toBeLessThan(FAQ_THRESHOLD);
  });

  it('builds the index once per business object and again for a changed copy', () => {
    const edited: Business = {
      ...salon,
      faqs: [...salon.faqs, { id: 'pets', questions: ['can i bring my dog'], keywords: ['dog', 'pets'], answer: 'Dogs are welcome.' }],
    };
    expect(matchFaq('can i bring my dog', salon)).toBeNull();
    expect(matchFaq('can i bring my dog', edited)).toBe('pets');
    expect(matchFaq('is my dog allowed', edited)).toBe('pets');
  });

  it('matches nothing for a business without FAQs, or for empty text', () => {
    expect(matchFaq('what are your hours', { ...salon, faqs: [] })).toBeNull();
    expect(scoreFaqs('', salon).every((s) => s.score === 0)).toBe(true);
  });
});
