// English — the second language, one module per area in en/. Same shape as sv.ts.
import type { Dict } from './sv';
import { alarms } from './en/alarms';
import { admin } from './en/admin';
import { core } from './en/core';
import { followup } from './en/followup';
import { incident } from './en/incident';
import { plans } from './en/plans';
import { risk } from './en/risk';
import { routines } from './en/routines';
import { stats } from './en/stats';

export const en: Dict = {
  ...core,
  ...incident,
  ...admin,
  ...followup,
  ...risk,
  ...plans,
  ...stats,
  ...routines,
  ...alarms,
};
