/** The products of a refund line, with the unit their volume and rate are expressed in. */
export const PRODUCTS = {
  gnr: { label: "Gazole non routier", unit: "hl" },
  heavyFuelOil: { label: "Fioul lourd", unit: "100 kg" },
  lpg: { label: "GPL combustible", unit: "100 kg" },
  naturalGasHeating: { label: "Gaz naturel combustible", unit: "MWh" },
  naturalGasFuel: { label: "Gaz naturel carburant", unit: "MWh" },
} as const;

export type Product = keyof typeof PRODUCTS;
export const PRODUCT_VALUES = Object.keys(PRODUCTS) as Product[];
