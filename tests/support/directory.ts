import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { importStockFiles } from "@/lib/directory/import";
import { getDb } from "@/lib/db";

export const SAMPLE = {
  establishmentsFile: "db/fixtures/sirene/StockEtablissement_sample.csv",
  legalUnitsFile: "db/fixtures/sirene/StockUniteLegale_sample.csv",
};

export function importSample() {
  return importStockFiles(getDb(), SAMPLE);
}

/** A local HTTP server whose answers each test scripts, standing in for INSEE or Recherche d'entreprises. */
export async function stubServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: { url: string; headers: IncomingMessage["headers"] }[] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** An INSEE Sirene 3.11 answer for SIRET 73282932000074 (a person, « CLAIRE DURAND », active). */
export const INSEE_ANSWER = {
  header: { statut: 200, message: "OK" },
  etablissement: {
    siren: "732829320",
    nic: "00074",
    siret: "73282932000074",
    etablissementSiege: true,
    uniteLegale: {
      denominationUniteLegale: null,
      nomUniteLegale: "DURAND",
      prenom1UniteLegale: "CLAIRE",
      categorieJuridiqueUniteLegale: "1000",
      activitePrincipaleUniteLegale: "01.11Z",
    },
    adresseEtablissement: {
      numeroVoieEtablissement: "3",
      typeVoieEtablissement: "RTE",
      libelleVoieEtablissement: "DE LAVAUR",
      codePostalEtablissement: "31500",
      libelleCommuneEtablissement: "TOULOUSE",
    },
    periodesEtablissement: [
      { dateFin: null, etatAdministratifEtablissement: "A", activitePrincipaleEtablissement: "01.11Z" },
      { dateFin: "2019-12-31", etatAdministratifEtablissement: "F", activitePrincipaleEtablissement: "01.50Z" },
    ],
  },
};
