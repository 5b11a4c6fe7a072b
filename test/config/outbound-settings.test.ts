import { readSettings, SettingsError } from '../../bot/config/settings';

describe('OUTBOUND_RATE_PER_SECOND', () => {
  it('is unset by default, so the config file or the default of 1 applies', () => {
    expect(readSettings({}).outboundRatePerSecond).toBeUndefined();
  });

  it.each([['2', 2], ['0.5', 0.5], ['100', 100]])('reads %s', (text, rate) => {
    expect(readSettings({ OUTBOUND_RATE_PER_SECOND: text }).outboundRatePerSecond).toBe(rate);
  });

  it.each(['0', 'fast', '-1', '1000'])('refuses %s and names the variable', (text) => {
    expect(() => readSettings({ OUTBOUND_RATE_PER_SECOND: text })).toThrow(SettingsError);
    expect(() => readSettings({ OUTBOUND_RATE_PER_SECOND: text })).toThrow(/OUTBOUND_RATE_PER_SECOND must be a number from 0.01 to 100/);
  });
});
