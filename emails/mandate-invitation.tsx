import { Button, Link, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type MandateInvitationMailProps = {
  agentName: string;
  /** « 732 829 320 00074 » */
  siret: string;
  /** « consultation, modification et transmission »… */
  rights: string;
  /** « jusqu'au 31 décembre 2027 inclus » or « sans date de fin ». */
  until: string;
  link: string;
  /** « 6 janvier 2027 » */
  expiresOn: string;
};

/**
 * A centre de gestion asks a mandate of a farm not yet on the portal (ADR 0029). The same mail
 * whether the address has an account or not: the link leads to « Se connecter » or « Créer un
 * compte », then to the farm's structure, then to the mandate asked.
 */
export default function MandateInvitationMail({ agentName, siret, rights, until, link, expiresOn }: MandateInvitationMailProps) {
  return (
    <MailLayout preview={`${agentName} vous invite sur le Portail TIC`}>
      <Text>Bonjour,</Text>
      <Text>{`${agentName} souhaite préparer vos demandes de remboursement de TIC (taxe intérieure de consommation sur les carburants et le gaz) sur le Portail TIC, pour l'exploitation dont le SIRET est ${siret}. Pour cela, votre exploitation lui donne un mandat : ${rights}, ${until}.`}</Text>
      <Text>
        Votre exploitation n&apos;est pas encore inscrite sur le portail. En suivant ce lien, vous créez votre compte (ou vous vous
        connectez), vous inscrivez votre exploitation, puis vous acceptez ou refusez ce mandat :
      </Text>
      <Button href={link} style={buttonStyle}>
        Répondre à l&apos;invitation
      </Button>
      <Text>{`Ce lien est valable jusqu'au ${expiresOn} et ne sert qu'une fois. Vous pourrez mettre fin au mandat à tout moment.`}</Text>
      <Text>
        Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur : <Link href={link}>{link}</Link>
      </Text>
      <Text>{`Si vous ne connaissez pas ${agentName}, ignorez ce message : rien ne sera fait sans votre accord.`}</Text>
    </MailLayout>
  );
}
