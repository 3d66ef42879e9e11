// Placeholder until issue 7's page lands.
export function ConferencePage() {
  return null;
}
