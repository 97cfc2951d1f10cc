import { Button, Link, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type AgentInvitationMailProps = { firstName: string; link: string; roles: string; validityHours: number; replacesEarlier?: boolean };

export default function AgentInvitationMail({ firstName, link, roles, validityHours, replacesEarlier = false }: AgentInvitationMailProps) {
  return (
    <MailLayout preview="Votre accès à l'espace de l'administration du Portail TIC">
      <Text>{`Bonjour ${firstName},`}</Text>
      <Text>{`Un accès à l'espace de l'administration du Portail TIC vous est ouvert (${roles}). Pour l'activer, choisissez votre mot de passe et enregistrez votre second facteur (une application d'authentification sur votre téléphone) en suivant ce lien :`}</Text>
      <Button href={link} style={buttonStyle}>
        Activer mon accès
      </Button>
      <Text>{`Ce lien est valable ${validityHours} heures et ne sert qu'une fois. S'il a expiré, demandez-en un nouveau à un administrateur.`}</Text>
      {replacesEarlier ? <Text>Ce lien remplace celui de l&apos;invitation précédente, qui ne fonctionne plus.</Text> : null}
      <Text>
        Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur : <Link href={link}>{link}</Link>
      </Text>
      <Text>Si vous n&apos;attendiez pas cet accès, ignorez ce message.</Text>
    </MailLayout>
  );
}
