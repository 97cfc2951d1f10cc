/** Adds a labelled test rate for last year's GNR and GPL deliveries when none is sourced; returns that year. */
export function addTestRatesForLastYear(databaseFile: string): number;
/** Last year in Paris: the year the test rates cover. */
export function lastYear(): number;
