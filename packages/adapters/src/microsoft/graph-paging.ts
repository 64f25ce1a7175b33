/**
 * OData collections: `{ "value": [...], "@odata.nextLink": "https://…" }`, followed
 * page by page. A next link carries the caller's bearer token, so it is followed only
 * when it points at the configured API root (or at Graph itself, rewritten onto that
 * root so a proxy stays in the path); anything else is refused as malformed.
 */
import type { HttpClient, RequestSpec } from '../internal/http.js';
import { malformed } from './graph-errors.js';

export const GRAPH_ROOT = 'https://graph.microsoft.com/v1.0';

/** Most pages one listing follows: a loop guard, far above any real calendar. */
const MAX_PAGES = 1000;

/** The URL to fetch for a next link, or a `provider-unavailable` error. */
function nextUrl(link: unknown, baseUrl: string): string {
  if (typeof link === 'string') {
    for (const root of [baseUrl, GRAPH_ROOT]) {
      if (link === root || link.startsWith(`${root}/`) || link.startsWith(`${root}?`)) return `${baseUrl}${link.slice(root.length)}`;
    }
  }
  throw malformed('@odata.nextLink points outside the API root', { nextLink: typeof link === 'string' ? link.slice(0, 200) : link });
}

/** Every item of a paged collection, in order. */
export async function collectPages(client: HttpClient, first: RequestSpec): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let spec: RequestSpec = first;
  for (let page = 1; ; page++) {
    const { body } = await client.request<unknown>(spec);
    const value = (body as { value?: unknown } | null | undefined)?.value;
    if (!Array.isArray(value)) throw malformed('a collection answer has no "value" array', { path: spec.path });
    items.push(...value);
    const link = (body as Record<string, unknown>)['@odata.nextLink'];
    if (link === undefined || link === null) return items;
    const url = nextUrl(link, client.baseUrl);
    if (seen.has(url) || page >= MAX_PAGES) throw malformed('@odata.nextLink does not advance', { nextLink: url });
    seen.add(url);
    // The link already holds every query parameter (including $skip / $skiptoken).
    spec = { method: 'GET', path: url, headers: first.headers ?? {}, signal: first.signal };
  }
}
