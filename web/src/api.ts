/** The explorer's only way to the data: the public HTTP API, like any other client. */
import type { DocumentInfo, EntitySummary, Path, Relation, SchemaInfo, SearchHit, Stats, Subgraph, TimelineItem } from '../../src/schemas/domain';

export type { DocumentInfo, EntitySummary, Path, SchemaInfo, SearchHit, Stats, TimelineItem };

/** A relation as a time-filtered query returns it: `timeMatch` says whether it is known or only may hold then. */
export type Edge = Relation & { timeMatch?: 'known' | 'possible' };
export type Graph = Omit<Subgraph, 'edges'> & { edges: Edge[] };

export type Params = Record<string, string | number | boolean | readonly string[] | undefined>;

/** Query string from params; arrays repeat the parameter, undefined and empty values are left out. */
export function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value) q.append(key, String(v));
    else q.append(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function get<T>(path: string, params: Params = {}): Promise<T> {
  const res = await fetch(path + query(params), { headers: { accept: 'application/json' } });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const problem = (await res.json()) as { title?: string; detail?: string };
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      // not problem+json: keep the status text
    }
    throw new ApiError(res.status, detail);
  }
  return (await res.json()) as T;
}

/** What this API accepts, read once from its OpenAPI document. */
export interface Capabilities {
  /** Time-aware endpoints take `possible=true` (known + possible items, each with `timeMatch`). */
  possible: boolean;
  exports: Array<{ path: string; summary: string }>;
}

interface OpenApiDoc {
  paths: Record<string, { get?: { summary?: string; parameters?: Array<{ name: string; in: string }> } }>;
}

export async function capabilities(): Promise<Capabilities> {
  const doc = await get<OpenApiDoc>('/openapi.json');
  const params = doc.paths['/entities/{id}/neighbourhood']?.get?.parameters ?? [];
  const exports = Object.entries(doc.paths)
    .filter(([path, item]) => path.startsWith('/export/') && item.get)
    .map(([path, item]) => ({ path, summary: item.get?.summary ?? path }));
  return { possible: params.some((p) => p.name === 'possible'), exports };
}
