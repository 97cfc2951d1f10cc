import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type SubscriptionRequestedMailProps = {
  managerFirstName: string;
  requesterName: string;
  structureName: string;
  spaceLabel: string;
  rights: string;
  startDate: string;
  link: string;
};

/** To the gestionnaire principal: a member asks for a space. */
export default function SubscriptionRequestedMail(props: SubscriptionRequestedMailProps) {
  return (
    <MailLayout preview={`Demande d'abonnement à l'espace « ${props.spaceLabel} »`}>
      <Text>{`Bonjour ${props.managerFirstName},`}</Text>
      <Text>{`${props.requesterName} demande un abonnement à l'espace « ${props.spaceLabel} » de la structure ${props.structureName} : ${props.rights}, à partir du ${props.startDate}.`}</Text>
      <Button href={props.link} style={buttonStyle}>
        Voir les demandes en attente
      </Button>
    </MailLayout>
  );
}
