/**
 * The service a farm sees acting on its request: the DDFiP of the farm's département, never an
 * agent's name (ADR 0020, 0026). One home, so that pages, mails and the timeline say the same.
 */
export function serviceName(departement: string | null | undefined): string {
  return departement ? `DDFiP du département ${departement}` : "l'administration";
}
