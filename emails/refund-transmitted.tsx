import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type RefundTransmittedMailProps = {
  firstName: string;
  structureName: string;
  year: number;
  reference: string;
  total: string;
  /** 2024 requests: « avance perçue … ; solde à verser (ou à reverser) … ». */
  advanceAndBalance?: string | null;
  lineCount: number;
  transmittedAt: string;
  transmittedBy: string;
  link: string;
};

/** To the person who transmitted and to the gestionnaire principal: the request is received. */
export default function RefundTransmittedMail(props: RefundTransmittedMailProps) {
  return (
    <MailLayout preview={`Demande ${props.reference} transmise`}>
      <Text>{`Bonjour ${props.firstName},`}</Text>
      <Text>{`La demande de remboursement TIC de ${props.structureName} pour les livraisons de ${props.year} a été transmise le ${props.transmittedAt} par ${props.transmittedBy}.`}</Text>
      <Text>{`Référence : ${props.reference} — ${props.lineCount} ligne${props.lineCount > 1 ? "s" : ""} — montant des lignes : ${props.total}.`}</Text>
      {props.advanceAndBalance ? <Text>{props.advanceAndBalance}</Text> : null}
      <Text>
        Son statut est « Mise à disposition ». Le récépissé est téléchargeable à tout moment depuis la demande ; vous recevrez un courriel à
        chaque changement de statut.
      </Text>
      <Button href={props.link} style={buttonStyle}>
        Voir la demande
      </Button>
    </MailLayout>
  );
}
