import { render } from "@react-email/components";
import type { ComponentProps, ReactElement } from "react";
import AccountExistsMail from "@/emails/account-exists";
import AttachmentDecidedMail from "@/emails/attachment-decided";
import AttachmentRequestedMail from "@/emails/attachment-requested";
import ActivationMail from "@/emails/activation";
import MembershipChangedMail from "@/emails/membership-changed";
import SubscriptionDecidedMail from "@/emails/subscription-decided";
import SubscriptionRequestedMail from "@/emails/subscription-requested";
import PasswordChangedMail from "@/emails/password-changed";
import PasswordRecoveryMail from "@/emails/password-recovery";
import RefundStatusChangedMail from "@/emails/refund-status-changed";
import RefundTransmittedMail from "@/emails/refund-transmitted";
import ContestResolvedMail from "@/emails/contest-resolved";
import StructureContestedMail from "@/emails/structure-contested";
import MandateChangedMail, { type MandateEvent } from "@/emails/mandate-changed";
import DailyDigestMail from "@/emails/daily-digest";
import AgentInvitationMail from "@/emails/agent-invitation";
import MandateInvitationMail from "@/emails/mandate-invitation";

/** A decision mail says in its subject which way it went: the answer is readable from the inbox list. */
const decided = (what: string) => (props: { approved: boolean }) =>
  `Votre demande ${what} est ${props.approved ? "acceptée" : "refusée"} – Portail TIC`;

const MANDATE_SUBJECTS: Record<MandateEvent, string> = {
  given: "Mandat donné",
  asked: "Demande de mandat",
  accepted: "Mandat accepté",
  refused: "Demande de mandat refusée",
  cancelled: "Demande de mandat retirée",
  ended: "Fin de mandat",
};

/** Every mail the portal sends: its subject (fixed, or read from the mail's props) and its React Email template. */
const templates = {
  activation: { subject: "Activez votre compte – Portail TIC", component: ActivationMail },
  "account-exists": { subject: "Vous avez déjà un compte – Portail TIC", component: AccountExistsMail },
  "password-recovery": {
    subject: "Réinitialisation de votre mot de passe – Portail TIC",
    component: PasswordRecoveryMail,
  },
  "password-changed": { subject: "Votre mot de passe a été modifié – Portail TIC", component: PasswordChangedMail },
  "attachment-requested": { subject: "Nouvelle demande de rattachement – Portail TIC", component: AttachmentRequestedMail },
  "attachment-decided": { subject: decided("de rattachement"), component: AttachmentDecidedMail },
  "subscription-requested": { subject: "Nouvelle demande d'abonnement à un espace – Portail TIC", component: SubscriptionRequestedMail },
  "subscription-decided": { subject: decided("d'abonnement"), component: SubscriptionDecidedMail },
  "membership-changed": { subject: "Votre place dans une structure a changé – Portail TIC", component: MembershipChangedMail },
  "refund-transmitted": { subject: "Demande de remboursement TIC transmise – Portail TIC", component: RefundTransmittedMail },
  // The administration's decision (« Mise en paiement », « Rejetée »…) in the subject itself.
  "refund-status-changed": {
    subject: (props: { reference: string; status: string }) =>
      `Demande de remboursement TIC ${props.reference} : ${props.status} – Portail TIC`,
    component: RefundStatusChangedMail,
  },
  "structure-contested": { subject: "Votre gestion d'une structure est contestée – Portail TIC", component: StructureContestedMail },
  "contest-resolved": { subject: "Décision sur une contestation de gestion – Portail TIC", component: ContestResolvedMail },
  // The step and the farm in the subject: « Mandat accepté : EARL du Moulin ».
  "mandate-changed": {
    subject: (props: { event: MandateEvent; farmName: string }) => `${MANDATE_SUBJECTS[props.event]} : ${props.farmName} – Portail TIC`,
    component: MandateChangedMail,
  },
  "daily-digest": {
    subject: (props: { day: string; items: unknown[] }) =>
      `Récapitulatif du ${props.day} : ${props.items.length} démarche${props.items.length > 1 ? "s" : ""} – Portail TIC`,
    component: DailyDigestMail,
  },
  "agent-invitation": { subject: "Votre accès à l'espace de l'administration – Portail TIC", component: AgentInvitationMail },
  "mandate-invitation": {
    subject: (props: { agentName: string }) =>
      `${props.agentName} vous invite à lui confier vos demandes de remboursement TIC – Portail TIC`,
    component: MandateInvitationMail,
  },
} as const;

export type MailTemplate = keyof typeof templates;
export type MailProps<T extends MailTemplate> = ComponentProps<(typeof templates)[T]["component"]>;

export function isMailTemplate(name: string): name is MailTemplate {
  return Object.hasOwn(templates, name);
}

export function mailSubject<T extends MailTemplate>(template: T, props: MailProps<T>): string {
  // Each function subject reads the props of its own template (typed by enqueueMail's caller).
  const subject = templates[template].subject as string | ((p: MailProps<T>) => string);
  return typeof subject === "function" ? subject(props) : subject;
}

export async function renderMail(template: MailTemplate, props: unknown): Promise<{ html: string; text: string }> {
  const Component = templates[template].component as (p: unknown) => ReactElement;
  const element = Component(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
