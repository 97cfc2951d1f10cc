/**
 * What the page says after an action that removed the very thing that showed its result (a table
 * row, a list item). Codes travel in the URL (`?fait=…`); the words stay here, so a crafted link
 * can only show one of these.
 */
export const NOTICES = {
  "ligne-supprimee": "La ligne est supprimée de la demande.",
  "ligne-modifiee": "La ligne est modifiée ; son taux et son montant sont recalculés.",
  "brouillon-supprime": "Le brouillon est supprimé, avec ses lignes et les copies de ses factures.",
  "compte-retire": "Les références bancaires sont retirées. Les demandes déjà transmises gardent celles qu'elles indiquent.",
  "espace-ferme": "L'espace est fermé ; les abonnements à cet espace sont terminés.",
  "membre-detache": "Le membre est détaché de la structure ; ses abonnements sont terminés et il en est informé par courriel.",
  "abonnement-termine": "L'abonnement est terminé.",
  "structure-verifiee": "La structure est vérifiée : ses demandes de remboursement peuvent être transmises.",
  "structure-changee": "Vous travaillez maintenant sur la structure choisie : son nom est en haut de chaque page.",
  "courrier-demande":
    "Un nouveau courrier va être envoyé à l'adresse de l'établissement ; le code du courrier précédent ne fonctionne plus.",
  "mandat-donne":
    "Le mandat est donné : les utilisateurs de la structure mandatée ont accès à votre espace dès maintenant. Les deux gestionnaires principaux en sont informés par courriel.",
  "mandat-demande":
    "Votre demande de mandat est transmise au gestionnaire principal de l'exploitation. Vous recevrez un courriel dès sa décision.",
  "mandat-accepte": "Le mandat est accepté : il s'applique dès maintenant.",
  "mandat-refuse": "La demande de mandat est refusée.",
  "mandat-termine": "C'est fait : le mandat ne donne plus aucun accès, dès maintenant.",
  "structure-creee-mandat":
    "Votre structure est créée. La structure qui vous a invité vous demande un mandat : acceptez-le ou refusez-le ci-dessous.",
  "invitation-annulee": "L'invitation est annulée : son lien ne fonctionne plus.",
  "agent-desactive": "L'agent est désactivé : il ne peut plus se connecter et ses sessions sont fermées.",
  "compte-desactive": "Le compte est désactivé ; ses sessions sont fermées.",
  "demande-suivie": "Vous suivez cette demande : elle est « En instruction » et dans « Suivies par moi ».",
  "complement-demande": "Le complément est demandé : la demande est « À compléter » et l'exploitation est prévenue.",
  "demande-accordee": "La demande est accordée : l'exploitation est prévenue du montant accordé.",
  "demande-rejetee": "La demande est rejetée : l'exploitation est prévenue avec le motif.",
} as const;

export type Notice = keyof typeof NOTICES;

export const noticeText = (code: string | null): string | null => (code && Object.hasOwn(NOTICES, code) ? NOTICES[code as Notice] : null);
