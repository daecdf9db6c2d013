// Shared test data helpers: valid incident bodies, logins by username, unit lookups.
import assert from 'node:assert/strict';
import { login, isoAgo } from './client.mjs';

// A valid report body; `fields` override or add.
export function incidentBody(fields = {}) {
  return {
    category: 'hot',
    occurred_at: isoAgo(45),
    place_type: 'reception',
    description: 'En besökare hotade personalen i receptionen.',
    ...fields,
  };
}

// Files a report as `client`; asserts 201 and returns the incident (plus .informed).
export async function report(client, fields = {}) {
  const r = await client.post('/incidents', incidentBody(fields));
  assert.equal(r.status, 201, `create incident: ${r.status} ${r.text}`);
  assert.ok(r.json?.incident?.id, `create incident: no incident.id in ${r.text}`);
  return { ...r.json.incident, informed: r.json.informed };
}

// Logs in each username once and caches the clients for a server.
export class Logins {
  constructor(server) {
    this.server = server;
    this.clients = new Map();
  }

  async as(username) {
    let c = this.clients.get(username);
    if (!c) {
      c = await login(this.server, username);
      this.clients.set(username, c);
    }
    return c;
  }

  async userId(username) { return (await this.as(username)).me.id; }
  async homeUnit(username) { return (await this.as(username)).me.unit_id; }
}

// The contract's field groups of an Incident.
export const ALWAYS_FIELDS = ['id', 'unit_id', 'unit_name', 'category', 'occurred_at', 'severity',
  'status', 'sensitive', 'created_at', 'updated_at', 'acknowledged_at', 'closed_at', 'version',
  'open_measures', 'access', 'aimed_at_person', 'serious_since', 'coordinator_consulted_at'];
export const DETAIL_FIELDS = ['place_type', 'outside_workplace', 'tied_to_role', 'description',
  'injury', 'weapon', 'death_threat', 'reporter', 'exposed'];
// The follow-up a full read carries with details (police report, authorities, rules).
export const FOLLOWUP_FIELDS = ['police_report', 'authority_notices', 'authorities', 'rules'];
export const PERPETRATOR_FIELDS = ['perpetrator_relation'];
export const PERPETRATOR_NOTE_FIELDS = ['perpetrator_note'];
export const ACCESS_FLAGS = ['details', 'perpetrator', 'perpetrator_note', 'annotate', 'manage'];

export const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
