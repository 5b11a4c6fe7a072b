// Which language a client writes in: short replies never switch it, a request for a language
// always does, and otherwise a clear majority of one language's words decides.
import { detectLanguage } from '../../bot/understanding/languages';

describe('detecting the language of a text', () => {
  it.each(['si', 'sí', 'ok', 'OK', 'no', '3pm', '3', '2', 'Sam', 'María José', 'gracias', 'hola', 'k', '👍', '', '15:30', 'Y', 'C', 'X'])(
    '%j says nothing about the language',
    (text) => {
      expect(detectLanguage(text)).toBeNull();
      expect(detectLanguage(text, 'en')).toBeNull();
      expect(detectLanguage(text, 'es')).toBeNull();
    },
  );

  it.each([
    ['en español', 'es'],
    ['en español por favor', 'es'],
    ['Español por favor', 'es'],
    ['¿habla español?', 'es'],
    ['do you speak spanish?', 'es'],
    ['spanish please', 'es'],
    ['english please', 'en'],
    ['in English', 'en'],
    ['en inglés por favor', 'en'],
    ['do you speak english', 'en'],
  ] as const)('%j asks for a language, whatever the conversation is in', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
    expect(detectLanguage(text, 'en')).toBe(language);
    expect(detectLanguage(text, 'es')).toBe(language);
  });

  it.each([
    ['quiero reservar un corte para mañana', 'es'],
    ['¿a qué hora abren el sábado?', 'es'],
    ['necesito cambiar mi cita', 'es'],
    ['can I book a haircut for tomorrow at 3?', 'en'],
    ['what time do you open on saturday', 'en'],
    ['I need to move my appointment', 'en'],
  ] as const)('%j is written in %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  test('leaving the conversation’s language takes more than one or two words of the other', () => {
    expect(detectLanguage('el sabado', null)).toBe('es');
    expect(detectLanguage('el sabado', 'en')).toBeNull();
    expect(detectLanguage('mañana a las 3', 'en')).toBe('es');
    expect(detectLanguage('quiero un corte para mañana', 'en')).toBe('es');
    expect(detectLanguage('the lead stylist', 'es')).toBeNull();
    expect(detectLanguage('can I book it for tomorrow please', 'es')).toBe('en');
  });

  test('a mixed text, or a name with a time, decides nothing', () => {
    expect(detectLanguage('quiero un haircut tomorrow')).toBeNull();
    expect(detectLanguage('Ana 3pm')).toBeNull();
    expect(detectLanguage(undefined as unknown as string)).toBeNull();
  });
});
