import type { Metadata } from "next";
import { AdminHeader, SkipLink } from "../admin-header";

export const metadata: Metadata = { title: { template: "%s – Administration – Portail TIC", default: "Administration – Portail TIC" } };

export default function AdminWithoutSessionLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SkipLink />
      <AdminHeader />
      <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
        {children}
      </main>
    </>
  );
}
