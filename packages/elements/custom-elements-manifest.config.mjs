// Read by `cem analyze` (the `analyze` script) from this folder.
import { readFileSync } from 'node:fs';

/**
 * The analyzer names an event dispatched as `this.dispatchEvent(new X(a, b))` after X's
 * first argument (`'share'`, an error…). Ours are typed classes whose name is their
 * `static readonly type` in src/events.ts: name each dispatched event after its class and
 * merge it with the `@fires` entry of the same name (which has the description).
 */
function eventNamesFromClasses() {
  const source = readFileSync(new URL('./src/events.ts', import.meta.url), 'utf8');
  const typeOf = new Map(
    [...source.matchAll(/class (\w+) extends Event \{\s*static readonly type = '([^']+)'/g)].map((m) => [m[1], m[2]]),
  );
  return {
    name: 'meeting-event-names',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules)
        for (const declaration of module.declarations ?? []) {
          if (!declaration.events) continue;
          const byName = new Map();
          for (const event of declaration.events) {
            const name = typeOf.get(event.type?.text) ?? event.name;
            if (!name) continue;
            const seen = byName.get(name) ?? {};
            byName.set(name, { ...event, ...seen, name, type: seen.type ?? event.type, description: seen.description ?? event.description });
          }
          for (const event of byName.values()) {
            if (event.type) continue;
            const className = [...typeOf].find(([, type]) => type === event.name)?.[0];
            if (className) event.type = { text: className };
          }
          declaration.events = [...byName.values()];
        }
    },
  };
}

export default {
  plugins: [eventNamesFromClasses()],
};
