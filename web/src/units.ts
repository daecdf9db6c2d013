// Helpers for the organisation tree.
import type { Unit } from './types';

export function unitById(units: Unit[]): Map<number, Unit> {
  return new Map(units.map((u) => [u.id, u]));
}

/** The unit and its ancestors, root first. */
export function unitPath(units: Unit[], id: number): Unit[] {
  const byId = unitById(units);
  const path: Unit[] = [];
  let u = byId.get(id);
  const seen = new Set<number>();
  while (u && !seen.has(u.id)) {
    seen.add(u.id);
    path.unshift(u);
    u = u.parent_id === null ? undefined : byId.get(u.parent_id);
  }
  return path;
}

/** "Ekonomiskt bistånd (Norra)": the name with its förvaltning, when there is one. */
export function unitLabel(units: Unit[], id: number): string {
  const path = unitPath(units, id);
  const self = path[path.length - 1];
  if (!self) return '';
  const forv = path.find((u) => u.kind === 'forvaltning' && u.id !== self.id);
  return forv ? `${self.name} (${forv.name})` : self.name;
}

export interface UnitGroup {
  label: string;
  units: Unit[];
}

/** Units of `kinds`, grouped under their förvaltning (or root), sorted by name. */
export function groupedUnits(units: Unit[], kinds: Unit['kind'][]): UnitGroup[] {
  const groups = new Map<string, Unit[]>();
  for (const u of units) {
    if (!kinds.includes(u.kind)) continue;
    const path = unitPath(units, u.id);
    const forv = path.find((p) => p.kind === 'forvaltning');
    const key = forv?.name ?? path[0]?.name ?? '';
    const list = groups.get(key) ?? [];
    list.push(u);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'sv'))
    .map(([label, list]) => ({ label, units: list.sort((a, b) => a.name.localeCompare(b.name, 'sv')) }));
}

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** The units as a forest, children sorted by name. */
export function unitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>(units.map((u) => [u.id, { unit: u, children: [] }]));
  const roots: UnitNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.unit.parent_id === null ? undefined : nodes.get(n.unit.parent_id);
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'sv'));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}
