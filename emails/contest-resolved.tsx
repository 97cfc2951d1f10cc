import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type ContestResolvedMailProps = { firstName: string; structureName: string; outcome: string; motif: string; link: string };

/** To the person who contested and to the gestionnaire principal concerned: the operator's decision. */
export default function ContestResolvedMail(props: ContestResolvedMailProps) {
  return (
    <MailLayout preview={`Décision sur la contestation de la gestion de ${props.structureName}`}>
      <Text>{`Bonjour ${props.firstName},`}</Text>
      <Text>{`Nos services ont examiné la contestation de la gestion de la structure ${props.structureName}. ${props.outcome}`}</Text>
      <Text>{`Motif : ${props.motif}`}</Text>
      <Button href={props.link} style={buttonStyle}>
        Aller sur le portail
      </Button>
    </MailLayout>
  );
}
