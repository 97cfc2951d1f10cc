import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type AttachmentRequestedMailProps = {
  managerFirstName: string;
  requesterName: string;
  requesterEmail: string;
  structureName: string;
  siret: string;
  link: string;
};

/** To the gestionnaire principal: someone asks to be attached to their structure. */
export default function AttachmentRequestedMail(props: AttachmentRequestedMailProps) {
  return (
    <MailLayout preview={`Demande de rattachement à ${props.structureName}`}>
      <Text>{`Bonjour ${props.managerFirstName},`}</Text>
      <Text>{`${props.requesterName} (${props.requesterEmail}) demande le rattachement de son compte à la structure ${props.structureName} (SIRET ${props.siret}), dont vous êtes le gestionnaire principal.`}</Text>
      <Text>Vous pouvez valider ou refuser cette demande dans « Activités du gestionnaire » :</Text>
      <Button href={props.link} style={buttonStyle}>
        Voir les demandes en attente
      </Button>
      <Text>Si vous ne connaissez pas cette personne, refusez la demande.</Text>
    </MailLayout>
  );
}
