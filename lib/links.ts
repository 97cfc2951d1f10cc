import "server-only";
import { getConfig } from "@/lib/config";

/** Absolute links put in mails, based on APP_URL. */
export const links = {
  activation: (token: string) => `${getConfig().appUrl}/activation/${token}`,
  recovery: (token: string) => `${getConfig().appUrl}/mot-de-passe-oublie/${token}`,
  signIn: () => `${getConfig().appUrl}/connexion`,
  recoveryStart: () => `${getConfig().appUrl}/mot-de-passe-oublie`,
  managerDashboard: () => `${getConfig().appUrl}/gestionnaire`,
  myAttachments: () => `${getConfig().appUrl}/mon-compte#rattachements`,
  myAccountDigest: () => `${getConfig().appUrl}/mon-compte#courriels`,
  structure: (structureId: number) => `${getConfig().appUrl}/gestionnaire/structures/${structureId}`,
  home: () => `${getConfig().appUrl}/accueil`,
  refundRequest: (requestId: number) => `${getConfig().appUrl}/remboursement-tic/demandes/${requestId}`,
  agentInvitation: (token: string) => `${getConfig().appUrl}/administration/invitation/${token}`,
  mandate: (mandateId: number) => `${getConfig().appUrl}/mandats/${mandateId}`,
  mandateInvitation: (token: string) => `${getConfig().appUrl}/invitation-mandat/${token}`,
};
