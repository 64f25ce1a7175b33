/**
 * Writes `packages/core/src/time/windows-zones.data.ts` from CLDR's
 * `supplemental/windowsZones.json` (the `cldr-core` devDependency): every Windows
 * time zone name mapped to its golden IANA zone (territory "001").
 *
 * Run with `npm run generate:windows-zones` after upgrading `cldr-core`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface WindowsZonesJson {
  supplemental: {
    version: { _cldrVersion: string };
    windowsZones: {
      mapTimezones: { mapZone: { _other: string; _type: string; _territory: string } }[];
    };
  };
}

/**
 * CLDR keeps its stable (old) ids; IANA has since renamed these zones. Each old id
 * is a backward-compatibility link in IANA tzdata (`backward`), so both spellings
 * name the same zone; we emit the current IANA name. Found by checking every
 * golden zone against the links in tzdata 2025b.
 */
const RENAMED_IN_IANA: Readonly<Record<string, string>> = {
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
};

const GOLDEN_TERRITORY = '001';
const OUTPUT = fileURLToPath(new URL('../packages/core/src/time/windows-zones.data.ts', import.meta.url));
const SOURCE_PATH = 'cldr-core/supplemental/windowsZones.json';

function isKnownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const require = createRequire(import.meta.url);
const source = require.resolve(SOURCE_PATH);
const cldrPackageVersion = (JSON.parse(readFileSync(require.resolve('cldr-core/package.json'), 'utf8')) as { version: string })
  .version;
const json = JSON.parse(readFileSync(source, 'utf8')) as WindowsZonesJson;
const cldrVersion = json.supplemental.version._cldrVersion;

const zones = new Map<string, string>();
const allNames = new Set<string>();
const usedRenames = new Set<string>();
for (const { mapZone } of json.supplemental.windowsZones.mapTimezones) {
  allNames.add(mapZone._other);
  if (mapZone._territory !== GOLDEN_TERRITORY) continue;
  const cldrZone = mapZone._type;
  if (cldrZone.includes(' ')) throw new Error(`${mapZone._other}: golden zone lists several zones: ${cldrZone}`);
  if (zones.has(mapZone._other)) throw new Error(`${mapZone._other}: more than one golden zone`);
  const renamed = RENAMED_IN_IANA[cldrZone];
  if (renamed !== undefined) usedRenames.add(cldrZone);
  const zone = renamed ?? cldrZone;
  if (!isKnownZone(zone)) throw new Error(`${mapZone._other}: the runtime does not know ${zone}`);
  zones.set(mapZone._other, zone);
}

const missing = [...allNames].filter((name) => !zones.has(name));
if (missing.length > 0) throw new Error(`No golden zone for: ${missing.join(', ')}`);
const unusedRenames = Object.keys(RENAMED_IN_IANA).filter((id) => !usedRenames.has(id));
if (unusedRenames.length > 0) console.warn(`Renames no golden zone uses any more: ${unusedRenames.join(', ')}`);

const entries = [...zones].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const output = `// Generated from CLDR ${cldrVersion} (cldr-core ${cldrPackageVersion}, supplemental/windowsZones.json)
// by scripts/generate-windows-zones.ts. Do not edit by hand: run \`npm run generate:windows-zones\`.
// CLDR ids that IANA has renamed are emitted under their current IANA names (${[...usedRenames].sort().join(', ')}).

/** Every Windows time zone name in CLDR mapped to its golden IANA zone (territory "001"). */
export const WINDOWS_ZONES: Readonly<Record<string, string>> = {
${entries.map(([name, zone]) => `  ${JSON.stringify(name)}: ${JSON.stringify(zone)},`).join('\n')}
};
`;

writeFileSync(OUTPUT, output);
console.log(`Wrote ${entries.length} Windows zone names (CLDR ${cldrVersion}) to ${OUTPUT}`);
