// The statistics endpoints (issue 6): tables, the equivalence matrix, KPIs and unit profiles.
import { apiGet } from './api';
import type { Equivalence, Kpi, StatsTable, UnitProfile } from './stats';

/** GET /stats/incidents with `query` (rows, cols, from, to, unit_id, category…). */
export const getStatsTable = (query: URLSearchParams) =>
  apiGet<StatsTable>(`/stats/incidents?${query.toString()}`);
export const getEquivalence = () => apiGet<Equivalence>('/stats/equivalence');
export const getStatsKpis = (forvaltningId?: number) =>
  apiGet<{ items: Kpi[] }>(`/kpis${forvaltningId ? `?forvaltning_id=${forvaltningId}` : ''}`)
    .then((r) => r.items);
export const getStatsUnitProfiles = () =>
  apiGet<{ items: UnitProfile[] }>('/unit-profiles').then((r) => r.items);
