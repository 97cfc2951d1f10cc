// The sign-up form's fields as a person fills them: pure, so that Vitest, the resilience suite
// and Playwright share it without importing the server's modules.

let counter = 0;
export function uniqueEmail(prefix = "exploitant"): string {
  counter++;
  return `${prefix}.${counter}.${Date.now()}@exemple.fr`;
}

/** Every field of « Finaliser l'inscription », with these values changed. */
export function signUpForm(overrides: Record<string, string> = {}) {
  return {
    loginEmail: uniqueEmail(),
    contactEmail: "",
    lastName: "Durand",
    firstName: "Claire",
    phone: "05 61 12 34 56",
    siret: "732 829 320 00074",
    addressStreet: "3 route de Lavaur",
    addressComplement: "",
    postalCode: "31500",
    city: "Toulouse",
    acceptTerms: "on",
    website: "",
    ...overrides,
  };
}
