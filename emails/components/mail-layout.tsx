import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const body = { backgroundColor: "#f4f5f7", fontFamily: "Arial, Helvetica, sans-serif", color: "#1e1e1e" };
const container = { backgroundColor: "#ffffff", margin: "24px auto", padding: "24px", maxWidth: "560px" };
const brand = { fontSize: "18px", fontWeight: 700, color: "#123e6b", margin: "0 0 16px" };
const footer = { fontSize: "12px", color: "#555555" };

export function MailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="fr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={brand}>Portail TIC</Text>
          <Section>{children}</Section>
          <Hr />
          <Text style={footer}>Ce message vous est envoyé automatiquement par le Portail TIC. Merci de ne pas y répondre.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#123e6b",
  color: "#ffffff",
  padding: "12px 20px",
  borderRadius: "4px",
  textDecoration: "none",
  fontWeight: 700,
};
