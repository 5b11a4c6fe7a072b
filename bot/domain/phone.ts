// Phone numbers as every part of Frontdesk keeps them: E.164, a plus and up to 15 digits.

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(text: string): boolean {
  return E164.test(text);
}
