import type { Metadata } from "next";
import { Suspense } from "react";
import { DoneNotice } from "@/app/_components/done-notice";
import { HashFocus } from "@/app/_components/hash-focus";
import { MainMenu } from "@/app/_components/main-menu";
import { StructureSwitcher } from "@/app/_components/structure-switcher";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { requireActor } from "@/lib/auth/require-actor";
import { pendingDecisionCountsOnce } from "@/lib/manager-decisions";
import { currentStructureOnce, rightsOnce } from "@/lib/page-reads";

/** A client farm reached through a mandate says so wherever it is named as « the structure ». */
const switcherName = (s: { name: string; via: "member" | "mandate" }) => (s.via === "mandate" ? `${s.name} — par mandat` : s.name);

/**
 * « Accueil – EARL X – Portail TIC »: every signed-in page names the structure worked on, in the
 * tab and in the history (a template does not nest in the root's: it is written whole here).
 */
export async function generateMetadata(): Promise<Metadata> {
  const actor = await getCurrentActor();
  const current = actor ? currentStructureOnce(actor.userId).current : null;
  if (!current) return {};
  return { title: { template: `%s – ${current.name} – Portail TIC`, default: `${current.name} – Portail TIC` } };
}

/**
 * Every portal page: a valid session, and the menu built from the rights the policy returns on the
 * current structure, read on this request (one resolution, shared with the page).
 */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const { current, all } = currentStructureOnce(actor.userId);
  const rights = rightsOnce(actor, current?.id ?? null)?.rights ?? new Set();
  const isManager = rights.has("managerDashboard.view");
  const pendingDecisions = isManager ? pendingDecisionCountsOnce(actor.userId).total : 0;
  return (
    <>
      <div className="mb-8">
        <MainMenu
          isManager={isManager}
          hasTicSpace={rights.has("refund.view")}
          // One's own structure's mandates; on a client farm (its TIC space open or not), those of the own structure holding its
          // mandate (issue 21).
          showMandates={rights.has("structure.work") || current?.via === "mandate"}
          hasPortfolio={rights.has("portfolio.view")}
          pendingDecisions={pendingDecisions}
        />
        {current ? (
          <div className="mt-2">
            {/* One's own structures, and the client farm worked on now: the others are one click away in « Portefeuille ». */}
            {all.length > 1 ? (
              <StructureSwitcher
                current={{ id: current.id, name: switcherName(current) }}
                all={all.map((s) => ({ id: s.id, name: switcherName(s) }))}
              />
            ) : (
              // One structure: a sentence, no client component (issue 23).
              <p className="text-sm">
                Structure : <strong>{switcherName(current)}</strong>
              </p>
            )}
          </div>
        ) : null}
      </div>
      <Suspense>
        <DoneNotice />
      </Suspense>
      <HashFocus />
      {children}
    </>
  );
}
