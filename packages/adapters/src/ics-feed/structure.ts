/**
 * Unfolded text → a tree of components (BEGIN/END), each with its own content lines.
 * Done by hand rather than with `ICAL.parse` so that one bad line or one bad rule
 * costs one line or one event, never the whole feed.
 */
import type { FeedProblem } from './types.js';

export interface RawComponent {
  /** Upper-case, e.g. `VEVENT`. */
  name: string;
  /** Its own content lines (not its children's), as written. */
  lines: string[];
  children: RawComponent[];
  /** Whether its END line was found. */
  complete: boolean;
}

/** `NAME` then `;` (parameters) or `:` (value): anything else is not a content line. */
const CONTENT_LINE_RE = /^[A-Za-z0-9-]+[;:]/;
const BEGIN_END_RE = /^(BEGIN|END):([A-Za-z0-9-]+)[ \t]*$/i;

/**
 * The top-level components of an iCalendar text (normally one VCALENDAR). Lines that
 * are not content lines, END lines that close nothing, and lines outside any component
 * are dropped and reported once, with a count.
 *
 * @example
 * ```ts
 * const [calendar] = readComponents('BEGIN:VCALENDAR\nX-WR-CALNAME:Work\nEND:VCALENDAR\n', []);
 * calendar.lines; // ["X-WR-CALNAME:Work"]
 * ```
 */
export function readComponents(text: string, problems: FeedProblem[]): RawComponent[] {
  const roots: RawComponent[] = [];
  const stack: RawComponent[] = [];
  let dropped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const marker = BEGIN_END_RE.exec(line);
    if (marker) {
      const name = marker[2]!.toUpperCase();
      if (marker[1]!.toUpperCase() === 'BEGIN') {
        const component: RawComponent = { name, lines: [], children: [], complete: false };
        (stack.at(-1)?.children ?? roots).push(component);
        stack.push(component);
      } else if (stack.some((c) => c.name === name)) {
        // Close up to the named component; anything left open inside it stays incomplete.
        while (stack.length > 0) {
          const closed = stack.pop()!;
          if (closed.name === name) {
            closed.complete = true;
            break;
          }
        }
      } else dropped++;
      continue;
    }
    const current = stack.at(-1);
    if (current === undefined || !CONTENT_LINE_RE.test(line)) dropped++;
    else current.lines.push(line);
  }
  if (dropped > 0) {
    problems.push({ kind: 'line-dropped', message: `${dropped} line(s) that are not iCalendar content lines were ignored` });
  }
  return roots;
}

/** The text of a component and its children, for `ICAL.parse` (used for VTIMEZONE). */
export function componentText(c: RawComponent): string {
  return [`BEGIN:${c.name}`, ...c.lines, ...c.children.map(componentText), `END:${c.name}`].join('\n');
}

/** The property name of a content line, upper-case. */
export function propertyName(line: string): string {
  return /^[A-Za-z0-9-]+/.exec(line)![0].toUpperCase();
}
