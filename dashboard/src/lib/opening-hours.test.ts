import { describe, expect, it } from 'vitest';
import { frenchList, frenchOpeningHours as wordHours, hoursLabel as labelHours } from './opening-hours';

// Times keep their no-break spaces (« 9 h 30 » never breaks); compared here with plain spaces.
const plain = (text: string | null): string | null => text?.replaceAll('\u00a0', ' ') ?? null;
const frenchOpeningHours = (value: string | null): string | null => plain(wordHours(value));
const hoursLabel = (value: string | null): string | null => plain(labelHours(value));

describe('frenchOpeningHours', () => {
  it('keeps an hour and its minutes together with no-break spaces', () => {
    expect(wordHours('Mo 08:30-12:00')).toBe('le lundi, 8\u00a0h\u00a030–12\u00a0h');
  });

  it('words weekday ranges, times and public holidays as French listings do', () => {
    expect(frenchOpeningHours('Mo-Fr 09:00-12:00,14:00-17:00; PH off')).toBe('du lundi au vendredi, 9 h–12 h et 14 h–17 h ; fermé les jours fériés');
    expect(frenchOpeningHours('Mo-Fr 08:30-12:00,13:30-17:00')).toBe('du lundi au vendredi, 8 h 30–12 h et 13 h 30–17 h');
    expect(frenchOpeningHours('Mo-Fr 09:00-18:00')).toBe('du lundi au vendredi, 9 h–18 h');
  });

  it('words single days, lists of days and several rules', () => {
    expect(frenchOpeningHours('Tu 09:00-12:00')).toBe('le mardi, 9 h–12 h');
    expect(frenchOpeningHours('Tu,Th 14:00-17:00')).toBe('le mardi et le jeudi, 14 h–17 h');
    expect(frenchOpeningHours('Mo,We,Fr 09:00-12:00')).toBe('le lundi, le mercredi et le vendredi, 9 h–12 h');
    expect(frenchOpeningHours('Mo-We,Fr 09:00-12:00; Sa 10:00-12:00')).toBe('du lundi au mercredi et le vendredi, 9 h–12 h ; le samedi, 10 h–12 h');
  });

  it('words the nth weekday of the month, as permanences use it', () => {
    expect(frenchOpeningHours('Th[1] 14:00-17:00')).toBe('le 1er jeudi du mois, 14 h–17 h');
    expect(frenchOpeningHours('Mo[2] 09:00-12:00')).toBe('le 2e lundi du mois, 9 h–12 h');
    expect(frenchOpeningHours('We[1,3] 09:00-12:00')).toBe('les 1er et 3e mercredis du mois, 9 h–12 h');
    expect(frenchOpeningHours('Fr[-1] 14:00-16:00')).toBe('le dernier vendredi du mois, 14 h–16 h');
  });

  it('words every day, round the clock, closed days and comments', () => {
    expect(frenchOpeningHours('24/7')).toBe('tous les jours, 24 h sur 24');
    expect(frenchOpeningHours('Mo-Su 00:00-24:00')).toBe('tous les jours, 24 h sur 24');
    expect(frenchOpeningHours('Mo-Su 09:00-17:00')).toBe('tous les jours, 9 h–17 h');
    expect(frenchOpeningHours('09:00-17:00')).toBe('tous les jours, 9 h–17 h');
    expect(frenchOpeningHours('Mo-Sa 09:00-12:00; Sa off')).toBe('du lundi au samedi, 9 h–12 h ; fermé le samedi');
    expect(frenchOpeningHours('off')).toBe('fermé');
    expect(frenchOpeningHours('Mo-Fr 09:00-12:00 "sur rendez-vous"')).toBe('du lundi au vendredi, 9 h–12 h (sur rendez-vous)');
    expect(frenchOpeningHours('"sur rendez-vous"')).toBe('sur rendez-vous');
  });

  it('gives up on syntax the listings do not use, rather than word it wrongly', () => {
    for (const value of ['Jan-Jun Mo-Fr 09:00-12:00', 'Mo-Fr 09:00+', 'Mo 10:00-12:00 || "sur rendez-vous"', 'week 1-53/2 Fr 09:00-12:00', 'Mo 25:00-26:00', 'Mo[0] 09:00-12:00', 'Lu-Ve 9h-12h']) {
      expect(frenchOpeningHours(value), value).toBeNull();
    }
    expect(frenchOpeningHours(null)).toBeNull();
    expect(frenchOpeningHours('  ')).toBeNull();
  });

  it('names the raw value as OpenStreetMap hours when it cannot word it', () => {
    expect(hoursLabel('Mo-Fr 09:00-12:00')).toBe('du lundi au vendredi, 9 h–12 h');
    expect(hoursLabel('Jan-Jun Mo 09:00-12:00')).toBe('Jan-Jun Mo 09:00-12:00 (horaires au format OpenStreetMap)');
    expect(hoursLabel(null)).toBeNull();
  });
});

describe('frenchList', () => {
  it('joins with commas and a final « et »', () => {
    expect(frenchList([])).toBe('');
    expect(frenchList(['a'])).toBe('a');
    expect(frenchList(['a', 'b'])).toBe('a et b');
    expect(frenchList(['a', 'b', 'c'])).toBe('a, b et c');
  });
});
