import { Link, Text } from "@react-email/components";
import { MailLayout } from "./components/mail-layout";

export type PasswordChangedMailProps = { firstName: string; changedAt: string; recoveryLink: string };

export default function PasswordChangedMail({ firstName, changedAt, recoveryLink }: PasswordChangedMailProps) {
  return (
    <MailLayout preview="Votre mot de passe du Portail TIC a été modifié">
      <Text>{`Bonjour ${firstName},`}</Text>
      <Text>{`Le mot de passe de votre compte a été modifié le ${changedAt}. Vos autres sessions ouvertes ont été fermées.`}</Text>
      <Text>
        Si vous n&apos;êtes pas à l&apos;origine de cette modification, réinitialisez votre mot de passe sans attendre :{" "}
        <Link href={recoveryLink}>{recoveryLink}</Link>
      </Text>
    </MailLayout>
  );
}
