import { Button, Link, Section, Text } from "@react-email/components";
import { MailLayout, buttonStyle } from "./components/mail-layout";

export type DailyDigestMailProps = {
  firstName: string;
  /** « 6 décembre 2026 »: the day the steps happened (the digest leaves the next morning). */
  day: string;
  items: { text: string; link: string }[];
  /** Why this person gets a digest: chosen on « Mon compte », or only beyond one mail per kind a day. */
  chosen: boolean;
  settingsLink: string;
  link: string;
};

/** One mail a day: the steps of the previous day(s), each with its link (docs/decisions/0021). */
export default function DailyDigestMail(props: DailyDigestMailProps) {
  const count = `${props.items.length} ${props.items.length > 1 ? "démarches" : "démarche"}`;
  return (
    <MailLayout preview={`Récapitulatif : ${count}`}>
      <Text>{`Bonjour ${props.firstName},`}</Text>
      <Text>{`Voici le récapitulatif des démarches du ${props.day} qui vous concernent (${count}).`}</Text>
      <Section>
        {props.items.map((item, index) => (
          <Text key={index}>
            {`• ${item.text} `}
            <Link href={item.link}>Voir</Link>
          </Text>
        ))}
      </Section>
      <Text>
        {props.chosen
          ? "Vous recevez ce récapitulatif au lieu d'un courriel par démarche, comme vous l'avez choisi. Vous pouvez changer ce choix sur « Mon compte »."
          : "Pour éviter les envois répétés, le portail n'envoie qu'un courriel par jour pour une même démarche entre les mêmes personnes ; les suivantes sont réunies ici."}
      </Text>
      <Button href={props.chosen ? props.settingsLink : props.link} style={buttonStyle}>
        {props.chosen ? "Mon compte" : "Aller sur le portail"}
      </Button>
    </MailLayout>
  );
}
