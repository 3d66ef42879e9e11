// Placeholder until issue 7's page lands.
export function PartnersPage() {
  return null;
}
