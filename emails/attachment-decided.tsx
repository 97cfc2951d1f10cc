import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type AttachmentDecidedMailProps = {
  firstName: string;
  structureName: string;
  approved: boolean;
  managerName: string;
  reason: string | null;
  link: string;
};

/** To the requester: the gestionnaire principal's decision. */
export default function AttachmentDecidedMail(props: AttachmentDecidedMailProps) {
  return (
    <MailLayout preview={props.approved ? `Rattachement à ${props.structureName} validé` : `Rattachement à ${props.structureName} refusé`}>
      <Text>{`Bonjour ${props.firstName},`}</Text>
      {props.approved ? (
        <Text>{`${props.managerName}, gestionnaire principal, a validé votre rattachement à la structure ${props.structureName}. Elle apparaît dès maintenant dans votre espace : inutile de vous déconnecter.`}</Text>
      ) : (
        <Text>{`${props.managerName}, gestionnaire principal, a refusé votre demande de rattachement à la structure ${props.structureName}.`}</Text>
      )}
      {!props.approved && props.reason ? <Text>{`Motif : ${props.reason}`}</Text> : null}
      <Button href={props.link} style={buttonStyle}>
        {props.approved ? "Aller sur le portail" : "Voir mes rattachements"}
      </Button>
    </MailLayout>
  );
}
