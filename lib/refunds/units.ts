import type { Product } from "./products";

/**
 * The units an invoice is written in (issue 21, point 6): litres of GNR, kWh of gas, kg or tonnes
 * of heavy fuel oil and LPG. The rate is per hl, MWh or 100 kg nets: the figure typed in the
 * invoice's unit is converted here, exactly (thousandths of the rate's unit), before anything else.
 * Pure, so that the browser shows the same converted figure as the server computes.
 */
export type VolumeUnit = "hl" | "l" | "MWh" | "kWh" | "100 kg" | "kg" | "t";

/** `milli × multiply / divide` = thousandths of the rate's unit. */
type UnitSpec = { label: string; multiply: number; divide: number };

export const VOLUME_UNITS: Record<VolumeUnit, UnitSpec> = {
  hl: { label: "hectolitres (hl)", multiply: 1, divide: 1 },
  l: { label: "litres (l)", multiply: 1, divide: 100 },
  MWh: { label: "MWh PCS", multiply: 1, divide: 1 },
  kWh: { label: "kWh PCS", multiply: 1, divide: 1000 },
  "100 kg": { label: "100 kg nets", multiply: 1, divide: 1 },
  kg: { label: "kilogrammes (kg)", multiply: 1, divide: 100 },
  t: { label: "tonnes (t)", multiply: 10, divide: 1 },
};

/** The units offered for a product, the rate's own first. */
export const UNITS_OF: Record<Product, readonly VolumeUnit[]> = {
  gnr: ["hl", "l"],
  heavyFuelOil: ["100 kg", "kg", "t"],
  lpg: ["100 kg", "kg", "t"],
  naturalGasHeating: ["MWh", "kWh"],
  naturalGasFuel: ["MWh", "kWh"],
};

/** How the converted figure reads: « 48,25 MWh PCS », « 12,5 hl », « 42 × 100 kg nets ». */
export const RATE_UNIT_WORDS: Record<VolumeUnit, string> = {
  hl: "hl",
  l: "l",
  MWh: "MWh PCS",
  kWh: "kWh PCS",
  "100 kg": "× 100 kg nets",
  kg: "kg",
  t: "t",
};

export const isVolumeUnit = (value: string): value is VolumeUnit => Object.hasOwn(VOLUME_UNITS, value);

/** Thousandths typed in `unit` → thousandths of the rate's unit, or null when it would not be exact. */
export function toRateUnit(milli: number, unit: VolumeUnit): number | null {
  const { multiply, divide } = VOLUME_UNITS[unit];
  const scaled = milli * multiply;
  return scaled % divide === 0 ? scaled / divide : null;
}

/** The decimals that stay exact in that unit (3 in the rate's unit). */
export const decimalsIn = (unit: VolumeUnit) => Math.max(0, 3 - Math.round(Math.log10(VOLUME_UNITS[unit].divide)));
