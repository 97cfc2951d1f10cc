/** How the portal writes dates: French, Paris time. One place, so every page says it the same way. */
const PARIS = "Europe/Paris";

const DAY = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: PARIS });
const DAY_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: PARIS });
const SHORT_DAY_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: PARIS });
const CALENDAR_DAY = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });
const ISO_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: PARIS, year: "numeric", month: "2-digit", day: "2-digit" });

/** « 27 novembre 2026 » */
export const formatDay = (date: Date) => DAY.format(date);
/** « 27 novembre 2026 à 08:16 » */
export const formatDayTime = (date: Date) => DAY_TIME.format(date);
/** « 27/11/2026 08:16 » */
export const formatShortDayTime = (date: Date) => SHORT_DAY_TIME.format(date);
/** A calendar date stored as AAAA-MM-JJ → « 27 novembre 2026 » (no time zone shift). */
export const formatIsoDay = (isoDate: string) => CALENDAR_DAY.format(new Date(`${isoDate}T00:00:00Z`));
/** Today's date in France, as AAAA-MM-JJ. */
export const parisToday = (now = new Date()) => ISO_DAY.format(now);
/** « 2024-03-15 » → « 15/03/2024 » */
export const formatIsoShortDay = (isoDate: string) => isoDate.split("-").reverse().join("/");
