import { describe, expect, it } from 'vitest';
import type { Unit } from './types';
import { groupedUnits, unitLabel, unitTree } from './units';

const units: Unit[] = [
  { id: 1, parent_id: null, kind: 'kommun', name: 'Storåsa kommun' },
  { id: 2, parent_id: 1, kind: 'forvaltning', name: 'Norra' },
  { id: 3, parent_id: 2, kind: 'avdelning', name: 'IFO' },
  { id: 4, parent_id: 3, kind: 'enhet', name: 'Ekonomiskt bistånd' },
  { id: 5, parent_id: 1, kind: 'forvaltning', name: 'Södra' },
  { id: 6, parent_id: 5, kind: 'enhet', name: 'Barn och unga' },
  { id: 7, parent_id: 5, kind: 'enhet', name: 'Ekonomiskt bistånd' },
];

describe('units', () => {
  it('labels a unit with its förvaltning', () => {
    expect(unitLabel(units, 4)).toBe('Ekonomiskt bistånd (Norra)');
    expect(unitLabel(units, 2)).toBe('Norra');
    expect(unitLabel(units, 99)).toBe('');
  });
  it('groups enheter by förvaltning', () => {
    expect(groupedUnits(units, ['enhet']).map((g) => [g.label, g.units.map((u) => u.id)]))
      .toEqual([['Norra', [4]], ['Södra', [6, 7]]]);
  });
  it('builds the tree', () => {
    const tree = unitTree(units);
    expect(tree.map((n) => n.unit.id)).toEqual([1]);
    expect(tree[0]!.children.map((n) => n.unit.name)).toEqual(['Norra', 'Södra']);
  });
});
