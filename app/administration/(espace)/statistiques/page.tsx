import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/lib/access";
import { requireAgent } from "@/lib/agents/current-agent";
import { formatEuros } from "@/lib/refunds/amounts";
import { statisticsFor, type Amounts } from "@/lib/statistics/figures";
import { BarChart } from "./bar-chart";

export const metadata: Metadata = { title: "Statistiques" };

const euros = (cents: number) => formatEuros(cents);
const count = (n: number) => String(n);
const days = (value: number | null) =>
  value === null ? "pas encore de donnée" : `${String(value).replace(".", ",")} jour${value > 1 ? "s" : ""}`;

function AmountsChart({ id, title, rows, what }: { id: string; title: string; rows: Amounts[]; what: string }) {
  const total = (key: "requestedCents" | "acceptedCents") => rows.reduce((sum, row) => sum + row[key], 0);
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      <BarChart
        id={`${id}-graphique`}
        title={title}
        description={`Pour chaque ${what}, deux barres : le montant demandé (pleine) et le montant accordé (hachurée). Au total, ${euros(total("requestedCents"))} demandés et ${euros(total("acceptedCents"))} accordés.`}
        categories={rows.map((row) => row.label)}
        series={[
          { label: "Demandé", values: rows.map((row) => row.requestedCents) },
          { label: "Accordé", values: rows.map((row) => row.acceptedCents) },
        ]}
        format={euros}
        caption={`${title} : données`}
      />
    </section>
  );
}

export default async function StatisticsPage() {
  const agent = await requireAgent();
  if (!can(agent, "statistics.view")) notFound();
  const stats = statisticsFor(agent);
  const transmitted = stats.byStatus.reduce((sum, row) => sum + row.count, 0);
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Statistiques</h1>
      <p className="mt-2">
        {stats.scope === null
          ? "Toutes les demandes transmises à l'administration, dans tous les départements (vous êtes administrateur)."
          : `Les demandes transmises à l'administration dans vos départements : ${stats.scope.join(", ") || "aucun"}.`}{" "}
        Les brouillons des exploitations ne sont pas comptés.
      </p>

      <section aria-labelledby="delais" className="mt-8">
        <h2 id="delais" className="text-xl font-bold">
          Délais médians
        </h2>
        <dl className="term-list mt-2">
          <dt className="font-semibold">De la transmission à la décision</dt>
          <dd>{`${days(stats.daysToDecision.median)} (sur ${stats.daysToDecision.count} demande${stats.daysToDecision.count > 1 ? "s" : ""} décidée${stats.daysToDecision.count > 1 ? "s" : ""})`}</dd>
          <dt className="font-semibold">De la transmission au paiement</dt>
          <dd>{`${days(stats.daysToPayment.median)} (sur ${stats.daysToPayment.count} demande${stats.daysToPayment.count > 1 ? "s" : ""} payée${stats.daysToPayment.count > 1 ? "s" : ""})`}</dd>
        </dl>
      </section>

      <section aria-labelledby="statuts" className="mt-10">
        <h2 id="statuts" className="text-xl font-bold">{`Demandes par statut (${transmitted})`}</h2>
        <BarChart
          id="statuts-graphique"
          title="Demandes par statut"
          description={`Nombre de demandes transmises dans chaque statut ; ${transmitted} au total.`}
          categories={stats.byStatus.map((row) => row.label)}
          series={[{ label: "Demandes", values: stats.byStatus.map((row) => row.count) }]}
          format={count}
          caption="Demandes par statut : données"
        />
      </section>

      <AmountsChart id="produits" title="Montants demandés et accordés par produit" rows={stats.byProduct} what="produit" />
      <AmountsChart id="annees" title="Montants demandés et accordés par année de livraison" rows={stats.byYear} what="année" />
      <AmountsChart id="departements" title="Montants demandés et accordés par département" rows={stats.byDepartement} what="département" />

      <section aria-labelledby="charge" className="mt-10">
        <h2 id="charge" className="text-xl font-bold">
          Charge par instructeur
        </h2>
        <BarChart
          id="charge-graphique"
          title="Charge par instructeur"
          description="Pour chaque instructeur, deux barres : les demandes qu'il suit et qui attendent sa décision (pleine), les demandes qu'il a décidées (hachurée)."
          categories={stats.byInstructor.map((row) => row.name)}
          series={[
            { label: "Suivies en cours", values: stats.byInstructor.map((row) => row.following) },
            { label: "Décidées", values: stats.byInstructor.map((row) => row.decided) },
          ]}
          format={count}
          caption="Charge par instructeur : données"
        />
      </section>
    </div>
  );
}
