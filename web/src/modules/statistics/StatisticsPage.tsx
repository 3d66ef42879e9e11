// Placeholder until issue 8's page lands.
export function StatisticsPage() {
  return null;
}
