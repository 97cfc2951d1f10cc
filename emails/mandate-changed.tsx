import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type MandateEvent = "given" | "asked" | "accepted" | "refused" | "cancelled" | "ended";

export type MandateChangedMailProps = {
  firstName: string;
  event: MandateEvent;
  /** Whether this copy goes to the farm (else to the mandated structure). */
  toFarm: boolean;
  farmName: string;
  agentName: string;
  /** « consultation, modification et transmission »… */
  rights: string;
  /** « jusqu'au 31 décembre 2027 » or « sans date de fin ». */
  until: string;
  actorName: string;
  reason: string | null;
  link: string;
};

const SENTENCES: Record<MandateEvent, (p: MandateChangedMailProps) => string> = {
  given: (p) =>
    `${p.actorName} (${p.farmName}) a donné à ${p.agentName} un mandat sur l'espace « Demande de remboursement TIC » de ${p.farmName} : ${p.rights}, ${p.until}. Il s'applique dès maintenant.`,
  asked: (p) =>
    p.toFarm
      ? `${p.actorName} (${p.agentName}) demande un mandat sur l'espace « Demande de remboursement TIC » de ${p.farmName} : ${p.rights}, ${p.until}. Acceptez ou refusez en un clic depuis le portail.`
      : `Votre demande de mandat sur l'espace « Demande de remboursement TIC » de ${p.farmName} (${p.rights}, ${p.until}) est transmise à son gestionnaire principal.`,
  accepted: (p) =>
    `${p.actorName} a accepté le mandat de ${p.agentName} sur l'espace « Demande de remboursement TIC » de ${p.farmName} : ${p.rights}, ${p.until}. Il s'applique dès maintenant.`,
  refused: (p) =>
    `${p.actorName} a refusé la demande de mandat de ${p.agentName} sur l'espace « Demande de remboursement TIC » de ${p.farmName}.`,
  cancelled: (p) =>
    `${p.actorName} a retiré la demande de mandat de ${p.agentName} sur l'espace « Demande de remboursement TIC » de ${p.farmName}.`,
  ended: (p) =>
    `${p.actorName} a mis fin au mandat de ${p.agentName} sur l'espace « Demande de remboursement TIC » de ${p.farmName}. Les utilisateurs de ${p.agentName} n'y ont plus accès.`,
};

/** The mail's main sentence, also a line of a daily digest. */
export const mandateSentence = (props: MandateChangedMailProps) => SENTENCES[props.event](props);

/** To the gestionnaire principal of each side: one step of a mandate (given, asked, decided, ended). */
export default function MandateChangedMail(props: MandateChangedMailProps) {
  const toDecide = props.event === "asked" && props.toFarm;
  return (
    <MailLayout preview={SENTENCES[props.event](props)}>
      <Text>{`Bonjour ${props.firstName},`}</Text>
      <Text>{SENTENCES[props.event](props)}</Text>
      {props.reason ? <Text>{`Motif : ${props.reason}`}</Text> : null}
      <Button href={props.link} style={buttonStyle}>
        {toDecide ? "Accepter ou refuser le mandat" : "Voir le mandat"}
      </Button>
    </MailLayout>
  );
}
