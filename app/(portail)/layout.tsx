import { Suspense } from "react";
import { DoneNotice } from "@/app/_components/done-notice";
import { MainMenu } from "@/app/_components/main-menu";
import { StructureSwitcher } from "@/app/_components/structure-switcher";
import { requireActor } from "@/lib/auth/require-actor";
import { currentStructureOnce, managedStructuresOnce, spaceAccessesOnce } from "@/lib/page-reads";
import { showsPortfolio } from "@/lib/portfolio/queries";

/** Every portal page: a valid session, and the menu built from the rights read on this request. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const { current, all } = currentStructureOnce(actor.userId);
  const isManager = managedStructuresOnce(actor.userId).length > 0;
  const hasTicSpace = current !== null && spaceAccessesOnce(actor.userId, current.id).some((a) => a.kind === "ticRefund" && a.canView);
  return (
    <>
      <div className="mb-8">
        <MainMenu isManager={isManager} hasTicSpace={hasTicSpace} hasPortfolio={showsPortfolio(current, all)} />
        {current ? (
          <div className="mt-2">
            {/* Client farms are reached from « Portefeuille »: the selector lists one's own structures (and the current one). */}
            <StructureSwitcher current={{ id: current.id, name: current.name }} all={all.filter((s) => s.via === "member" || s.id === current.id).map(({ id, name }) => ({ id, name }))} />
          </div>
        ) : null}
      </div>
      <Suspense>
        <DoneNotice />
      </Suspense>
      {children}
    </>
  );
}
