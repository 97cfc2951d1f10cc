import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type MembershipChangedMailProps = { firstName: string; message: string; link: string };

/** A change of someone's place in a structure: detached, or the gestionnaire principal role handed over. */
export default function MembershipChangedMail({ firstName, message, link }: MembershipChangedMailProps) {
  return (
    <MailLayout preview={message}>
      <Text>{`Bonjour ${firstName},`}</Text>
      <Text>{message}</Text>
      <Button href={link} style={buttonStyle}>
        Aller sur le portail
      </Button>
    </MailLayout>
  );
}
