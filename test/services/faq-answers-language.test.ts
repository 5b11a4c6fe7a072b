// FAQ answers in the catalogue's language: the owner's Spanish answer filled with Spanish values, or
// the English answer (filled in English) after a short Spanish lead-in when there is no Spanish one.
import type { Business, Faq } from '../../bot/domain/types';
import { FaqAnswers } from '../../bot/services/faq-answers';
import { faqAnswerText, textsFor } from '../../bot/text';
import { demoBusiness } from '../helpers/business';

// Tuesday 2026-03-10, 10:00 in New York.
const NOW = new Date('2026-03-10T14:00:00Z');
const NO_ABOUT = { namedDay: null, date: null, serviceId: null };

function faq(business: Business, id: string): Faq {
  const found = business.faqs.find((f) => f.id === id);
  if (!found) throw new Error(`no FAQ ${id}`);
  return found;
}

/** The demo with the Spanish answer of one FAQ taken out, as an owner who has not written it yet. */
function withoutSpanishAnswer(id: string): Business {
  const business = demoBusiness();
  business.faqs = business.faqs.map((f) => {
    if (f.id !== id || !f.translations?.es) return f;
    const { answer: _dropped, ...rest } = f.translations.es;
    void _dropped;
    return { ...f, translations: { es: rest } };
  });
  return business;
}

describe('picking an FAQ answer by language', () => {
  it('gives the owner answer in the language asked for, with no lead-in', () => {
    const parking = faq(demoBusiness(), 'parking');
    expect(faqAnswerText(parking, 'es')).toEqual({
      template: 'Hay estacionamiento gratis en el lote detrás del salón (entrada por Elm Street) y con parquímetro en Maple Street.',
      language: 'es',
      leadIn: null,
    });
    expect(faqAnswerText(parking, 'en')).toEqual({ template: parking.answer, language: 'en', leadIn: null });
  });

  it('falls back to the English answer with the Spanish lead-in when there is no Spanish answer', () => {
    const parking = faq(withoutSpanishAnswer('parking'), 'parking');
    expect(faqAnswerText(parking, 'es')).toEqual({
      template: parking.answer,
      language: 'en',
      leadIn: textsFor('es').faqOnlyInEnglish(),
    });
    const bare: Faq = { id: 'wifi', questions: ['is there wifi'], keywords: ['wifi'], answer: 'Yes, ask for the password.' };
    expect(faqAnswerText(bare, 'es').leadIn).toMatch(/inglés/);
    expect(faqAnswerText(bare, 'en').leadIn).toBeNull();
  });

  it('treats a blank Spanish answer as none', () => {
    const blank: Faq = { id: 'wifi', questions: ['is there wifi'], keywords: [], answer: 'Yes.', translations: { es: { answer: '  ' } } };
    expect(faqAnswerText(blank, 'es')).toMatchObject({ template: 'Yes.', language: 'en' });
  });
});

describe('FAQ answers from a Spanish catalogue', () => {
  it('fills the Spanish template with Spanish values', () => {
    const business = demoBusiness();
    const answers = new FaqAnswers(business, textsFor('es'));
    expect(answers.answer(faq(business, 'prices'), NOW, NO_ABOUT).text).toBe(
      'Nuestros precios: Corte de pelo $45, Tinte $120, Secado y peinado $40, Arreglo de barba $20, Consulta gratis.',
    );
    expect(answers.answer(faq(business, 'hours'), NOW, NO_ABOUT).text).toBe(
      'Nuestro horario: mar–vie 9:00 a. m.–7:00 p. m., sáb 9:00 a. m.–5:00 p. m.; cerrado lun y dom. Ahora estamos abiertos, hasta las 7:00 p. m. de hoy.',
    );
  });

  it('answers in English, filled in English, after the Spanish lead-in when the owner wrote no Spanish', () => {
    const business = withoutSpanishAnswer('prices');
    const answers = new FaqAnswers(business, textsFor('es'));
    expect(answers.answer(faq(business, 'prices'), NOW, NO_ABOUT).text).toBe(
      'Esta respuesta la tenemos solo en inglés: Our prices: Haircut $45, Color $120, Blowout $40, Beard trim $20, Consultation free.',
    );
  });

  it('names closures and special days in Spanish', () => {
    const business = demoBusiness();
    const answers = new FaqAnswers(business, textsFor('es'));
    const thanksgivingEve = new Date('2026-11-25T15:00:00Z');
    expect(answers.dayHoursSentence('2026-11-26', thanksgivingEve)).toBe('Estamos cerrados mañana por Día de Acción de Gracias. Abrimos el viernes a las 9:00 a. m.');
    expect(answers.namedDaySentence({ name: 'Christmas Eve', date: '2026-12-24' }, new Date('2026-12-20T15:00:00Z'))).toBe(
      'En Nochebuena (jueves 24 de diciembre) abrimos 9:00 a. m.–2:00 p. m.',
    );
  });

  it('leaves English answers as they were', () => {
    const business = demoBusiness();
    const answers = new FaqAnswers(business, textsFor('en'));
    expect(answers.answer(faq(business, 'prices'), NOW, NO_ABOUT).text).toBe(
      'Our prices: Haircut $45, Color $120, Blowout $40, Beard trim $20, Consultation free.',
    );
  });
});
