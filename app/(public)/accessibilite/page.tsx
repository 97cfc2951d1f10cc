import type { Metadata } from "next";

export const metadata: Metadata = { title: "Accessibilité" };

export default function AccessibilityPage() {
  return (
    <article className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold text-brand">Déclaration d&apos;accessibilité</h1>
      <p>
        Le Portail TIC s&apos;engage à rendre son service accessible conformément au référentiel général d&apos;amélioration de
        l&apos;accessibilité (RGAA) version 4.1.
      </p>
      <h2 className="text-xl font-bold">État de conformité</h2>
      <p>
        Le portail est <strong>partiellement conforme</strong> au RGAA 4.1 : aucun audit complet n&apos;a encore été réalisé. Chaque page
        est vérifiée automatiquement (outil axe, critères WCAG 2.1 A et AA) et les parcours sont testés au clavier.
      </p>
      <h2 className="text-xl font-bold">Ce qui est fait</h2>
      <ul className="list-disc pl-6">
        <li>chaque champ a une étiquette, et chaque erreur est reliée à son champ et annoncée ;</li>
        <li>tout se fait au clavier, avec un focus visible ;</li>
        <li>les formulaires fonctionnent sans JavaScript ;</li>
        <li>
          chaque page est vérifiée automatiquement sur un écran de téléphone (360 px) et d&apos;ordinateur : pas de défilement horizontal,
          boutons d&apos;au moins 44 × 44 px, menu replié dans un bouton « Menu » sur petit écran ;
        </li>
        <li>aucune limite de temps sur les pages ; les liens reçus par courriel se renouvellent en un clic.</li>
      </ul>
      <h2 className="text-xl font-bold">Signaler un défaut</h2>
      <p>
        Si vous ne pouvez pas accéder à un contenu ou à un service, écrivez à l&apos;équipe du portail : nous vous apporterons une réponse
        ou une alternative. Vous pouvez aussi saisir le Défenseur des droits.
      </p>
    </article>
  );
}
