// Placeholder until issue 8's dashboards land: shown on the start page for the signed-in roles.
export function Dashboard() {
  return null;
}
