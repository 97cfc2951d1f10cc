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
  /** « Accordée »: the accepted amount and each reduced line with its motive (issue 20); absent otherwise. */
  details?: string[] | null;
  /** The service that acted (« DDFiP … »): never an agent's name. */
  service?: string | null;
  link: string;
};

/** Every status the administration gives a transmitted request. */
export default function RefundStatusChangedMail(props: RefundStatusChangedMailProps) {
  return (
    <MailLayout preview={`Demande ${props.reference} : ${props.status}`}>
      <Text>{`Bonjour ${props.firstName},`}</Text>
      <Text>{`La demande de remboursement TIC ${props.reference} (${props.structureName}, livraisons de ${props.year}) a un nouveau statut : « ${props.status} ».`}</Text>
      <Text>{props.explanation}</Text>
      {props.motif ? (
        <Text>{`${props.status === "À compléter" ? "Message" : "Motif"}${props.service ? ` de la ${props.service}` : ""} : ${props.motif}`}</Text>
      ) : null}
      {(props.details ?? []).map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      <Button href={props.link} style={buttonStyle}>
        Voir la demande
      </Button>
    </MailLayout>
  );
}
