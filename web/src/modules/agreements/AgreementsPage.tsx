// Placeholder until issue 7's page lands.
export function AgreementsPage() {
  return null;
}
