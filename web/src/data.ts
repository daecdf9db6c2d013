// Reference data used on many pages, fetched once per session.
import { getColleagues, getUnits } from './api';
import type { Colleague, Unit } from './types';

let units: Promise<Unit[]> | null = null;
let colleagues: Promise<Colleague[]> | null = null;

export function loadUnits(): Promise<Unit[]> {
  if (!units) {
    units = getUnits();
    units.catch(() => {
      units = null;
    });
  }
  return units;
}

export function loadColleagues(): Promise<Colleague[]> {
  if (!colleagues) {
    colleagues = getColleagues();
    colleagues.catch(() => {
      colleagues = null;
    });
  }
  return colleagues;
}

export function invalidateUnits(): void {
  units = null;
}

export function clearReferenceData(): void {
  units = null;
  colleagues = null;
}
