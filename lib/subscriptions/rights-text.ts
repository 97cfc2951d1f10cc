/** « consultation et modification » */
export function rightsText(rights: { canView: boolean; canEdit: boolean }): string {
  return [rights.canView ? "consultation" : null, rights.canEdit ? "modification" : null].filter(Boolean).join(" et ");
}

