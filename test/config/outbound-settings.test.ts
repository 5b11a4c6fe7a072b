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

describe('SEND_TIMEOUT_MS', () => {
  it('gives every send 10 seconds by default', () => {
    expect(readSettings({}).sendTimeoutMs).toBe(10_000);
  });

  it.each([['100', 100], ['2500', 2500], ['120000', 120_000]])('reads %s', (text, ms) => {
    expect(readSettings({ SEND_TIMEOUT_MS: text }).sendTimeoutMs).toBe(ms);
  });

  it.each(['0', '99', '2.5', '10s', '120001'])('refuses %s and names the variable', (text) => {
    expect(() => readSettings({ SEND_TIMEOUT_MS: text })).toThrow(SettingsError);
    expect(() => readSettings({ SEND_TIMEOUT_MS: text })).toThrow(/SEND_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000/);
  });
});
