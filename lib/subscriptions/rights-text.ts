const LONG_DATE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });

/** « consultation et modification » */
export function rightsText(rights: { canView: boolean; canEdit: boolean }): string {
  return [rights.canView ? "consultation" : null, rights.canEdit ? "modification" : null].filter(Boolean).join(" et ");
}

/** "2026-11-27" → « 27 novembre 2026 » */
export function longDate(isoDate: string): string {
  return LONG_DATE.format(new Date(`${isoDate}T00:00:00Z`));
}
