// Client of the Corridor HTTP API (docs/http_api.md).
import type { RiskResult } from './risk';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';

export interface Diagnostic { severity: string; file?: string; line?: number; field?: string; message: string }
export interface ApiErrorBody { code: string; message: string; details?: Diagnostic[] }

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public details: Diagnostic[] = [], public what = '') {
    super(message);
  }
}

export interface Dataset { id: number; name: string; content_hash: string; reference_year: number; source_folder: string; imported_at: string }
export interface Scenario { id: number; dataset_id: number; name: string; content_hash: string; created_at: string; updated_at: string; text?: string; warnings?: Diagnostic[] }
export interface RunSummary { generalised_cost_usd: number; served_t: number; unserved_t: number; avg_transit_time_h: number; solve_status: string }
export type RunStatus = 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';
export interface Run {
  id: number; kind: string; status: RunStatus; progress: number; stage: string; dataset_id: number;
  scenario_ids: number[] | null; options: Record<string, unknown>; created_at: string; finished_at: string;
  wall_seconds: number; error: ApiErrorBody | null; summary: RunSummary | null; artifacts: string[];
}
export interface Totals {
  generalised_cost_usd: number; money_usd: number; time_value_usd: number; unserved_penalty_usd: number;
  demand_t: number; served_t: number; unserved_t: number; tonne_km: number; avg_transit_time_h: number | null;
}
export interface CrossingResult { id: string; name?: string; node: string; flow_t: number; background_t?: number | null; capacity_t: number | null; utilisation: number | null; shadow_price_usd_per_t: number | null; open_fraction: number }
export interface ResourceResult { kind: string; element: string; label: string; capacity_t: number | null; flow_t: number; utilisation: number | null; shadow_price_usd_per_t: number | null;
  study_t?: number | null; background_t?: number | null; preload_t?: number | null }
/** Background traffic sharing the capacities (result.json `background`); zero without any. */
export interface BackgroundTotals { generalised_cost_usd: number | null; demand_t: number | null; served_t: number | null; unserved_t: number | null; preload_t: number | null }
/** One crossing of the capacitated user equilibrium (ue_result.json `crossings`). */
export interface UeCrossing { id: string; flow_t: number; capacity_t: number | null; utilisation: number | null; saturated: boolean;
  queue_h: number | null; queue_cost_usd_per_t: Record<string, number | null>; marginal_charge_usd_per_t: number | null }
export interface UeResult {
  user_equilibrium: { model: string; relative_gap: number; stop_reason: string; certificate: { passed: boolean; failures: string[] } };
  price_of_anarchy_lower_bound: number | null; crossings: UeCrossing[];
}
export interface Result {
  format: string; run: { scenario: { name: string } }; solve: { status: string; method: string; seconds: number };
  totals: Totals; background?: BackgroundTotals; system_cost_usd?: number | null; crossings: CrossingResult[]; resources: ResourceResult[]; bottlenecks: (ResourceResult & { name?: string; saving_usd_per_mt?: number })[];
  od: { commodity: string }[];
}
export type NetFeature = Feature<Point | LineString, Record<string, any>>;
export type Net = FeatureCollection<Point | LineString, Record<string, any>>;
export interface Compare {
  runs: { id: number; scenario: string }[];
  kpis: { name: string; unit: string; values: (number | null)[]; deltas: (number | null)[] }[];
  crossings: { id: string; node: string; capacity_t: (number | null)[]; flow_t: number[]; utilisation: (number | null)[]; shadow_price_usd_per_t: (number | null)[] }[];
  link_differences: FeatureCollection<LineString, { id: string; name?: string; mode: string; flow_total_t: number[]; delta_t: number[] }>;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const what = `${method} ${path}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', `cannot reach the server (${(e as Error).message})`, [], what);
  }
  const text = await res.text();
  if (!res.ok) {
    let parsed: { error?: ApiErrorBody } | undefined;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    const e = parsed?.error;
    if (e && typeof e.code === 'string') throw new ApiError(res.status, e.code, e.message ?? '', e.details ?? [], what);
    throw new ApiError(res.status, `http_${res.status}`, text.slice(0, 300) || res.statusText, [], what);
  }
  if (res.status === 204 || text === '') return undefined as T;
  try { return JSON.parse(text) as T; } catch (e) {
    throw new ApiError(res.status, 'invalid_json', `the server's answer is not JSON: ${(e as Error).message}`, [], what);
  }
}

/** A text artifact (CSV) as it is. */
async function requestText(method: string, path: string): Promise<string> {
  const res = await fetch(path, { method }).catch(e => { throw new ApiError(0, 'network', `cannot reach the server (${(e as Error).message})`, [], `${method} ${path}`); });
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, `http_${res.status}`, text.slice(0, 300), [], `${method} ${path}`);
  return text;
}

export const api = {
  datasets: () => request<{ datasets: Dataset[] }>('GET', '/v1/datasets').then(r => r.datasets),
  network: (id: number) => request<Net>('GET', `/v1/datasets/${id}/network`),
  scenarios: (ds: number) => request<{ scenarios: Scenario[] }>('GET', `/v1/scenarios?dataset=${ds}`).then(r => r.scenarios),
  scenario: (id: number) => request<Scenario>('GET', `/v1/scenarios/${id}`),
  createScenario: (dataset_id: number, name: string, text: string) => request<Scenario>('POST', '/v1/scenarios', { dataset_id, name, text }),
  updateScenario: (id: number, name: string, text: string) => request<Scenario>('PUT', `/v1/scenarios/${id}`, { name, text }),
  deleteScenario: (id: number) => request<void>('DELETE', `/v1/scenarios/${id}`),
  validate: (dataset_id: number, text: string) => request<{ valid: boolean; diagnostics: Diagnostic[] }>('POST', '/v1/scenarios/validate', { dataset_id, text }),
  runs: (ds: number) => request<{ runs: Run[] }>('GET', `/v1/runs?dataset=${ds}&limit=100`).then(r => r.runs),
  run: (id: number) => request<Run>('GET', `/v1/runs/${id}`),
  startSolve: (dataset_id: number, scenario_id: number | null) =>
    request<Run>('POST', '/v1/runs', { kind: 'solve', dataset_id, ...(scenario_id ? { scenario_id } : {}), options: { ranging: 0 } }),
  startAssign: (dataset_id: number, scenario_id: number | null) =>
    request<Run>('POST', '/v1/runs', { kind: 'assign', dataset_id, ...(scenario_id ? { scenario_id } : {}) }),
  ueResult: (id: number) => request<UeResult>('GET', `/v1/runs/${id}/result`),
  startRisk: (dataset_id: number, scenario_id: number | null, draws: number) =>
    request<Run>('POST', '/v1/runs', { kind: 'risk', dataset_id, ...(scenario_id ? { scenario_id } : {}), options: { draws } }),
  riskResult: (id: number) => request<RiskResult>('GET', `/v1/runs/${id}/result`),
  artifactText: (id: number, name: string) => fetch(`/v1/runs/${id}/artifacts/${encodeURIComponent(name)}`).then(r => {
    if (!r.ok) throw new Error(`artifact ${name} of run ${id}: HTTP ${r.status}`);
    return r.text();
  }),
  cancel: (id: number) => request<Run>('POST', `/v1/runs/${id}/cancel`),
  startPlan: (dataset_id: number, scenario_id: number | null, options: Record<string, unknown>) =>
    request<Run>('POST', '/v1/runs', { kind: 'plan', dataset_id, ...(scenario_id ? { scenario_id } : {}), options }),
  planResult: (id: number) => request<import('./plan').PlanResult>('GET', `/v1/runs/${id}/result`),
  result: (id: number) => request<Result>('GET', `/v1/runs/${id}/result`),
  flows: (id: number) => request<Net>('GET', `/v1/runs/${id}/flows.geojson`),
  startSimulate: (dataset_id: number, scenario_id: number | null, options: Record<string, unknown>) =>
    request<Run>('POST', '/v1/runs', { kind: 'simulate', dataset_id, ...(scenario_id ? { scenario_id } : {}), options }),
  simResult: (id: number) => request<import('./sim').SimResult>('GET', `/v1/runs/${id}/result`),
  artifact: (id: number, name: string) => requestText('GET', `/v1/runs/${id}/artifacts/${name}`),
  compare: (ids: number[]) => request<Compare>('GET', `/v1/compare?runs=${ids.join(',')}`),
};

/** The scenario of a solve run: null for the baseline (no scenario, or scenario 0). */
export function runScenarioId(r: Run): number | null {
  const ids = (r.scenario_ids ?? []).filter(x => x);
  return ids.length ? ids[0] : null;
}
