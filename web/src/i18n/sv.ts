// Swedish — the default language. Every text in the interface lives in sv/,
// one module per area; en.ts must have exactly the same shape (type Dict).
import { alarms } from './sv/alarms';
import { admin } from './sv/admin';
import { core } from './sv/core';
import { followup } from './sv/followup';
import { incident } from './sv/incident';
import { plans } from './sv/plans';
import { risk } from './sv/risk';
import { routines } from './sv/routines';
import { stats } from './sv/stats';

export type { InformedPerson } from './sv/core';

export const sv = {
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

export type Dict = typeof sv;
