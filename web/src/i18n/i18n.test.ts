import { describe, expect, it } from 'vitest';
import { en } from './en';
import { sv } from './sv';
import {
  AUTHORITIES, CASE_STATUSES, CATEGORIES, INJURIES, MEASURE_STATUSES, NOT_REPORTED_REASONS,
  NOTICE_CHANNELS, PERPETRATOR_RELATIONS, PLACE_TYPES, POLICE_REPORTERS, ROLES, RULE_KINDS,
  RULE_STATES, STATUSES, SUPPORT_TYPES, UNIT_KINDS,
} from '../types';

/** Every key path of a dictionary, with the kind of value at it. */
function shape(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [`${prefix}:${typeof o}`];
  return Object.entries(o).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe('dictionaries', () => {
  it('English has exactly the Swedish keys', () => {
    expect(shape(en)).toEqual(shape(sv));
  });

  it('label every enum code of the contract', () => {
    for (const d of [sv, en]) {
      for (const c of CATEGORIES) expect(d.category[c]).toBeTruthy();
      for (const p of PLACE_TYPES) expect(d.place[p]).toBeTruthy();
      for (const r of PERPETRATOR_RELATIONS) expect(d.relation[r]).toBeTruthy();
      for (const i of INJURIES) expect(d.injury[i]).toBeTruthy();
      for (const s of STATUSES) expect(d.status[s]).toBeTruthy();
      for (const s of MEASURE_STATUSES) expect(d.measureStatus[s]).toBeTruthy();
      for (const r of ROLES) expect(d.role[r]).toBeTruthy();
      for (const k of UNIT_KINDS) expect(d.unitKind[k]).toBeTruthy();
      for (const s of [1, 2, 3, 4]) expect(d.severity[s]).toBeTruthy();
      // issue 4
      for (const c of CASE_STATUSES) expect(d.caseStatus[c]).toBeTruthy();
      for (const r of POLICE_REPORTERS) expect(d.policeReporter[r]).toBeTruthy();
      for (const r of NOT_REPORTED_REASONS) expect(d.notReportedReason[r]).toBeTruthy();
      for (const s of SUPPORT_TYPES) expect(d.supportType[s]).toBeTruthy();
      for (const a of AUTHORITIES) expect(d.authority[a]).toBeTruthy();
      for (const c of NOTICE_CHANNELS) expect(d.channel[c]).toBeTruthy();
      for (const k of RULE_KINDS) {
        expect(d.ruleKind[k]).toBeTruthy();
        expect(d.ruleMissing[k]).toBeTruthy();
        expect(d.ruleRequirement[k]('x')).toContain('x');
      }
      for (const s of RULE_STATES) expect(d.ruleState[s]).toBeTruthy();
      expect(d.months).toHaveLength(12);
    }
  });

  it('uses the agreed Swedish words', () => {
    expect(sv.category.forolampning).toBe('Förolämpning mot tjänsteman');
    expect(sv.category.otillaten_paverkan).toBe('Otillåten påverkan');
    expect(sv.place.digitalt).toBe('Digitalt/sociala medier');
    expect(sv.status).toEqual({ ny: 'Ny', mottagen: 'Mottagen', utreds: 'Utreds', avslutad: 'Avslutad' });
    expect(sv.nav.notifications).toBe('Aviseringar');
    expect(sv.police.heading).toBe('Polisanmälan');
    expect(sv.support.heading).toBe('Stöd');
    expect(sv.supportType.avlastningssamtal).toBe('Avlastningssamtal');
    expect(sv.notifications.linkLabel(3)).toBe('Aviseringar, 3 olästa');
    expect(sv.notifications.linkLabel(1)).toBe('Aviseringar, 1 oläst');
    expect([1, 2, 3, 4].map((s) => sv.severity[s]))
      .toEqual(['Lindrig', 'Måttlig', 'Allvarlig', 'Mycket allvarlig']);
  });
});

describe('who was told', () => {
  it('names the chef and the skyddsombud in Swedish', () => {
    expect(sv.informed([{ role: 'chef', name: 'Karin Berg' }, { role: 'skyddsombud', name: 'Ali Nilsson' }]))
      .toBe('Din chef Karin Berg och skyddsombudet Ali Nilsson har fått din rapport.');
    expect(sv.informed([
      { role: 'chef', name: 'Karin Berg' },
      { role: 'skyddsombud', name: 'Ali Nilsson' },
      { role: 'sakerhetssamordnare', name: 'Amira Johansson' },
    ])).toBe('Din chef Karin Berg, skyddsombudet Ali Nilsson och säkerhetssamordnaren Amira Johansson har fått din rapport.');
    expect(sv.informed([])).toBe('Din rapport är sparad.');
  });

  it('and in English', () => {
    expect(en.informed([{ role: 'chef', name: 'Karin Berg' }]))
      .toBe('Your manager Karin Berg has received your report.');
    expect(en.informed([{ role: 'chef', name: 'Karin Berg' }, { role: 'skyddsombud', name: 'Ali Nilsson' }]))
      .toBe('Your manager Karin Berg and the safety representative Ali Nilsson have received your report.');
  });
});
