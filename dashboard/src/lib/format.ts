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
