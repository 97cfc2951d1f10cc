import { afterEach, describe, expect, it } from "vitest";
import { DEPARTEMENTS } from "@/lib/agents/departements";
import { resetConfig } from "@/lib/config";
import { serviceName } from "@/lib/instruction/service-name";

describe("the service a farm reads (issue 19: « DDFiP de l'Aveyron », never an agent)", () => {
  afterEach(() => {
    delete process.env.ADMINISTRATION_NAME;
    resetConfig();
  });

  it("names the DDFiP of the farm's département with the right words", () => {
    expect(serviceName("31")).toBe("DDFiP de la Haute-Garonne");
    expect(serviceName("12")).toBe("DDFiP de l'Aveyron");
    expect(serviceName("32")).toBe("DDFiP du Gers");
    expect(serviceName("40")).toBe("DDFiP des Landes");
    expect(serviceName("2A")).toBe("DDFiP de la Corse-du-Sud");
    expect(serviceName("974")).toBe("DDFiP de La Réunion");
    expect(serviceName(null)).toBe("DGFiP");
  });

  it("knows every département an agent can be given", () => {
    for (const departement of DEPARTEMENTS)
      expect(serviceName(departement), departement).toMatch(/^DDFiP (de la |de l'|du |des |de |d')\S/);
  });

  it("says the administration's name from the configuration instead, when given", () => {
    process.env.ADMINISTRATION_NAME = "Direction générale des finances publiques";
    resetConfig();
    expect(serviceName("31")).toBe("Direction générale des finances publiques");
  });
});
