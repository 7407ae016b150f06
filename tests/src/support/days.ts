// Calendar days as the system counts them: French days, in Paris (see subgraphs/kit/src/dates.ts).

/** Today in Paris, as YYYY-MM-DD. */
export const parisToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
