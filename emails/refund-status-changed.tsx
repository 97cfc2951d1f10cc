import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type RefundStatusChangedMailProps = {
  firstName: string;
  structureName: string;
  year: number;
  reference: string;
  status: string;
  explanation: string;
  motif: string | null;
  link: string;
};

/** Every status the administration gives a transmitted request. */
export default function RefundStatusChangedMail(props: RefundStatusChangedMailProps) {
  return (
    <MailLayout preview={`Demande ${props.reference} : ${props.status}`}>
      <Text>{`Bonjour ${props.firstName},`}</Text>
      <Text>{`La demande de remboursement TIC ${props.reference} (${props.structureName}, livraisons de ${props.year}) a un nouveau statut : « ${props.status} ».`}</Text>
      <Text>{props.explanation}</Text>
      {props.motif ? <Text>{`Motif : ${props.motif}`}</Text> : null}
      <Button href={props.link} style={buttonStyle}>
        Voir la demande
      </Button>
    </MailLayout>
  );
}
