// A second, unrelated business for matchers: nothing in them may depend on the salon's ids or words.
import type { Business } from '../../bot/domain/types';

export function dentalPractice(base: Business): Business {
  return {
  ...base,
  name: 'Harbor Dental',
  services: [
    { id: 'cleaning', name: 'Cleaning', minutes: 45, price: 95, aliases: ['teeth cleaning', 'hygiene visit', 'checkup'] },
    { id: 'whitening', name: 'Whitening', minutes: 60, price: 250, aliases: ['teeth whitening', 'bleaching'] },
    { id: 'filling', name: 'Filling', minutes: 30, price: 150, aliases: ['cavity', 'tooth filling'] },
  ],
  staff: [
    { id: 'dr-okafor', name: 'Dr. Okafor', aliases: ['okafor', 'the dentist'], services: ['filling'], hours: {} },
    { id: 'maya', name: 'Maya', aliases: ['hygienist', 'the hygienist'], services: ['cleaning', 'whitening'], hours: {} },
  ],
  faqs: [
    {
      id: 'insurance',
      questions: ['do you take my insurance', 'are you in network with delta', 'which insurance plans do you accept'],
      keywords: ['insurance', 'in network', 'coverage', 'dental plan'],
      answer: 'We take most plans.',
    },
    {
      id: 'emergencies',
      questions: ['do you see emergencies', 'i have a toothache what do i do', 'my tooth broke'],
      keywords: ['emergency', 'toothache', 'pain', 'broken tooth'],
      answer: 'Call us right away.',
    },
    {
      id: 'kids',
      questions: ['do you see children', 'what age can kids start coming'],
      keywords: ['kids', 'children', 'child', 'pediatric'],
      answer: 'From age 3.',
    },
  ],
};
}
