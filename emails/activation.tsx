import { Button, Link, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type ActivationMailProps = { firstName: string; link: string; validityMinutes: number };

export default function ActivationMail({ firstName, link, validityMinutes }: ActivationMailProps) {
  return (
    <MailLayout preview="Activez votre compte sur le Portail TIC">
      <Text>{`Bonjour ${firstName},`}</Text>
      <Text>
        Votre compte utilisateur a été créé. Pour l&apos;activer, choisissez votre mot de passe et votre question secrète en suivant ce lien
        :
      </Text>
      <Button href={link} style={buttonStyle}>
        Activer votre compte
      </Button>
      <Text>{`Ce lien est valable ${validityMinutes} minutes et ne sert qu'une fois. S'il a expiré, la page qu'il ouvre vous permet d'en demander un nouveau.`}</Text>
      <Text>
        Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur : <Link href={link}>{link}</Link>
      </Text>
      <Text>Si vous n&apos;êtes pas à l&apos;origine de cette inscription, ignorez ce message.</Text>
    </MailLayout>
  );
}
