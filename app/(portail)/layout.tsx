import { MainMenu } from "@/app/_components/main-menu";
import { requireActor } from "@/lib/auth/require-actor";

/** Every portal page: a valid session, and the menu built from the rights read on this request. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  await requireActor();
  return (
    <>
      <MainMenu />
      {children}
    </>
  );
}
