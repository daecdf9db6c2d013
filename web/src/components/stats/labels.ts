// The words stats.ts needs to label a table, from the current dictionary.
import type { Dict } from '../../i18n';
import type { ViewLabels } from '../../stats';
import type { Unit } from '../../types';
import { unitLabel } from '../../units';

/** `units` (when loaded) name unit rows "Ekonomiskt bistånd (Norra)". */
export function viewLabels(t: Dict, lang: 'sv' | 'en', units?: Unit[]): ViewLabels {
  return {
    unitName: units ? (id) => unitLabel(units, id) || undefined : undefined,
    lang,
    dims: t.stats.dims,
    measures: t.stats.measures,
    total: t.stats.total,
    category: t.category,
    place: t.place,
    severity: t.severity,
    outside: t.stats.outsideWords,
    tied: t.stats.tiedWords,
    months: t.months,
    quarter: t.stats.quarterLabel,
  };
}
