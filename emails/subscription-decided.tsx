import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type SubscriptionDecidedMailProps = {
  firstName: string;
  structureName: string;
  spaceLabel: string;
  approved: boolean;
  rights: string;
  startDate: string;
  managerName: string;
  reason: string | null;
  link: string;
};

/** To the member: the decision on their subscription request. */
export default function SubscriptionDecidedMail(props: SubscriptionDecidedMailProps) {
  return (
    <MailLayout preview={props.approved ? `Abonnement à « ${props.spaceLabel} » validé` : `Abonnement à « ${props.spaceLabel} » refusé`}>
      <Text>{`Bonjour ${props.firstName},`}</Text>
      {props.approved ? (
        <Text>{`${props.managerName} a validé votre abonnement à l'espace « ${props.spaceLabel} » de la structure ${props.structureName} (${props.rights}). L'onglet apparaît dans votre menu à partir du ${props.startDate}, sans vous reconnecter.`}</Text>
      ) : (
        <Text>{`${props.managerName} a refusé votre demande d'abonnement à l'espace « ${props.spaceLabel} » de la structure ${props.structureName}.`}</Text>
      )}
      {!props.approved && props.reason ? <Text>{`Motif : ${props.reason}`}</Text> : null}
      <Button href={props.link} style={buttonStyle}>
        Aller sur le portail
      </Button>
    </MailLayout>
  );
}
