import { Button, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type StructureContestedMailProps = {
  managerFirstName: string;
  contesterName: string;
  structureName: string;
  siret: string;
  verified: boolean;
  link: string;
};

/** To the gestionnaire principal: someone says the structure is not theirs to manage. */
export default function StructureContestedMail(props: StructureContestedMailProps) {
  return (
    <MailLayout preview={`Contestation de votre gestion de ${props.structureName}`}>
      <Text>{`Bonjour ${props.managerFirstName},`}</Text>
      <Text>{`${props.contesterName} conteste votre rôle de gestionnaire principal de la structure ${props.structureName} (SIRET ${props.siret}) sur le Portail TIC.`}</Text>
      <Text>
        Nos services examinent cette contestation ; vous restez gestionnaire principal en attendant leur décision, qui vous sera communiquée
        par courriel. Ils peuvent vous demander un justificatif (extrait Kbis, statuts, pièce d&apos;identité du représentant légal).
      </Text>
      {props.verified ? null : (
        <Text>
          Votre structure n&apos;est pas encore vérifiée : si vous agissez bien pour cet établissement, saisissez dès réception le code du
          courrier envoyé à son adresse, dans « Vérifier la structure ».
        </Text>
      )}
      <Button href={props.link} style={buttonStyle}>
        Voir la structure
      </Button>
    </MailLayout>
  );
}
