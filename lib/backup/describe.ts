import path from "node:path";
import type { BackupResult } from "./backup";
import type { RestoreReport } from "./restore";

/** French reports of `npm run db:backup`, `npm run db:restore` and the server's daily backup. */

const number = (n: number) => n.toLocaleString("fr-FR");
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;

export function describeBackup({ file, metadata, deleted, durationMs }: BackupResult): string {
  const rows = Object.values(metadata.tables).reduce((sum, t) => sum + t.rows, 0);
  const lines = [
    `Sauvegarde chiffrée et vérifiée : ${file}`,
    `- base de ${megabytes(metadata.bytes)}, ${number(Object.keys(metadata.tables).length)} tables, ${number(rows)} lignes, en ${(durationMs / 1000).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} s`,
  ];
  if (deleted.length > 0)
    lines.push(`- anciennes sauvegardes supprimées (7 quotidiennes et 4 hebdomadaires gardées) : ${deleted.join(", ")}`);
  return lines.join("\n");
}

export function describeRestore(backupFile: string, report: RestoreReport): string {
  const { migrations } = report;
  const behind = migrations.shipped - migrations.applied;
  return [
    `Base restaurée : ${report.databaseFile}`,
    `- depuis ${path.basename(backupFile)}, sauvegarde du ${new Date(report.backupCreatedAt).toLocaleString("fr-FR", { timeZone: "Europe/Paris" })} (heure de Paris)`,
    `- vérifiée : clé, intégrité (PRAGMA integrity_check), ${number(report.tables)} tables et ${number(report.rows)} lignes conformes à leur empreinte`,
    behind > 0
      ? `- niveau de migrations : ${migrations.applied} sur ${migrations.shipped} ; les ${behind} manquantes s'appliqueront au prochain démarrage`
      : `- niveau de migrations : à jour (${migrations.applied}, dernière ${migrations.last})`,
    report.previousKeptAs
      ? `- l'ancienne base est gardée sous ${report.previousKeptAs} (à supprimer une fois le portail vérifié)`
      : "- il n'y avait pas de base à cet endroit",
  ].join("\n");
}
