// French formatting of the figures shown by the dashboard. Note that fr-FR groups digits with
// a narrow no-break space (U+202F) and separates the euro sign with a no-break space (U+00A0).

const countFormat = new Intl.NumberFormat('fr-FR');

const eurosFormat = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

/** A count of things (people, places, communes…): `12345` → « 12 345 ». */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** An amount given in euro cents, shown in whole euros: `123456789` → « 1 234 568 € ». */
export function formatEuros(cents: number): string {
  return eurosFormat.format(cents / 100);
}

const hoursFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/**
 * A service's planned workload from its data·inclusion `volume_horaire_hebdomadaire` and
 * `nombre_semaines`: « 3 h par semaine pendant 12 semaines », « 3,5 h par semaine », « pendant
 * 1 semaine »; null when neither is known.
 */
export function formatWorkload(weeklyHours: number | null | undefined, weeks: number | null | undefined): string | null {
  const hours = weeklyHours === null || weeklyHours === undefined ? null : `${hoursFormat.format(weeklyHours)} h par semaine`;
  const during = weeks === null || weeks === undefined ? null : `pendant ${formatCount(weeks)} semaine${weeks > 1 ? 's' : ''}`;
  return hours || during ? [hours, during].filter(Boolean).join(' ') : null;
}
