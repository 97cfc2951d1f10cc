import type { Metadata } from "next";
import { connection } from "next/server";

export const metadata: Metadata = { title: "État du service" };

/**
 * A minimal dynamic page: no database, no session. Used as a health check and as the benchmark's
 * baseline (the framework's own floor on this machine).
 */
export default async function HealthPage() {
  await connection();
  return <p>Service disponible.</p>;
}
