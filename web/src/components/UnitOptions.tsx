// <option>s for units, grouped by förvaltning.
import type { Unit } from '../types';
import { groupedUnits } from '../units';

export function UnitOptions({ units, kinds }: { units: Unit[]; kinds: Unit['kind'][] }) {
  const groups = groupedUnits(units, kinds);
  if (groups.length === 1) {
    return <>{groups[0]!.units.map((u) => <option key={u.id} value={String(u.id)}>{u.name}</option>)}</>;
  }
  return (
    <>
      {groups.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.units.map((u) => <option key={u.id} value={String(u.id)}>{u.name}</option>)}
        </optgroup>
      ))}
    </>
  );
}
