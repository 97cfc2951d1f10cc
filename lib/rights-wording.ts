/**
 * How rights read, on pages and in mails alike: one home (issue 18) for the words « Consultation »,
 * « Modification » and transmission. Pure (client components may use it).
 */

/** A subscription's or an opened space's rights: « consultation et modification », « consultation »… */
export function rightsText(rights: { canView: boolean; canEdit: boolean }): string {
  return [rights.canView ? "consultation" : null, rights.canEdit ? "modification" : null].filter(Boolean).join(" et ");
}

/** A mandate's rights, or what an access to the TIC space allows: transmission is named. */
export function mandateRightsText(rights: { canEdit: boolean; canTransmit: boolean }): string {
  if (!rights.canEdit) return "consultation";
  return rights.canTransmit ? "consultation, modification et transmission" : "consultation et modification, sans transmission";
}

/** « Vos droits » in the TIC space, said in full for someone who may only look. */
export function ticAccessText(access: { canEdit: boolean; canTransmit: boolean }): string {
  if (!access.canEdit) return "Consultation (voir et télécharger, sans modifier)";
  return access.canTransmit ? "Consultation et modification" : "Consultation et modification, sans transmission";
}
