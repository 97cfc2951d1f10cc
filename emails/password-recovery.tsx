import { Button, Link, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type PasswordRecoveryMailProps = { firstName: string; link: string; validityMinutes: number };

export default function PasswordRecoveryMail({ firstName, link, validityMinutes }: PasswordRecoveryMailProps) {
  return (
    <MailLayout preview="Réinitialisez votre mot de passe du Portail TIC">
      <Text>{`Bonjour ${firstName},`}</Text>
      <Text>
        Vous avez demandé à réinitialiser votre mot de passe. Ce lien vous mène à votre question secrète, puis au choix d&apos;un nouveau
        mot de passe :
      </Text>
      <Button href={link} style={buttonStyle}>
        Réinitialiser mon mot de passe
      </Button>
      <Text>{`Ce lien est valable ${validityMinutes} minutes et ne sert qu'une fois.`}</Text>
      <Text>
        Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur : <Link href={link}>{link}</Link>
      </Text>
      <Text>Si vous n&apos;êtes pas à l&apos;origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.</Text>
    </MailLayout>
  );
}
