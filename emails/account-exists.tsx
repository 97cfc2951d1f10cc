import { Link, Text } from "@react-email/components";
import { MailLayout } from "./components/mail-layout";

export type AccountExistsMailProps = { signInLink: string; recoveryLink: string };

/** Sent instead of an activation mail when someone signs up again with an address already known. */
export default function AccountExistsMail({ signInLink, recoveryLink }: AccountExistsMailProps) {
  return (
    <MailLayout preview="Vous avez déjà un compte sur le Portail TIC">
      <Text>Bonjour,</Text>
      <Text>
        Une inscription vient d&apos;être demandée avec cette adresse électronique, qui a déjà un compte sur le Portail TIC. Aucun nouveau
        compte n&apos;a été créé.
      </Text>
      <Text>
        Pour vous connecter : <Link href={signInLink}>{signInLink}</Link>
      </Text>
      <Text>
        Si vous avez oublié votre mot de passe : <Link href={recoveryLink}>{recoveryLink}</Link>
      </Text>
      <Text>Si vous n&apos;êtes pas à l&apos;origine de cette demande, ignorez ce message.</Text>
    </MailLayout>
  );
}
