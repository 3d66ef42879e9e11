// Placeholder until issue 7's page lands.
export function GapPlanningPage() {
  return null;
}
