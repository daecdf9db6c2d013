// A small HTTP client for the Trygg API: one cookie jar, the CSRF token, JSON.
//
//   const c = await login(srv, 'chef.norr.eb');
//   const r = await c.get('/incidents');      // paths are relative to /api/v1
//   r.status, r.json, r.headers, r.text
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from './server.mjs';

export const API = '/api/v1';

export class Client {
  // `server` is the object from startServer() (its url may change on restart)
  // or a base URL string.
  constructor(server, { lang } = {}) {
    this.server = server;
    this.cookies = new Map();
    this.csrf = null;
    this.lang = lang;
    this.me = null;
  }

  get base() { return typeof this.server === 'string' ? this.server : this.server.url; }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  storeCookies(res) {
    const list = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
    for (const sc of list) {
      const [pair, ...attrs] = sc.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.split('=').map((x) => x?.trim());
        if (/^max-age$/i.test(k)) return Number(v) <= 0;
        if (/^expires$/i.test(k)) return Date.parse(v) < Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return list;
  }

  // Sends one request. `path` is absolute when it starts with "/api" or
  // "/healthz" or is a full URL, else relative to /api/v1.
  // Options: body (object → JSON; string/Buffer sent as is), headers,
  // csrf (default true for unsafe methods), contentType, cookies (default true).
  async request(method, path, opts = {}) {
    const url = /^https?:/.test(path) ? path
      : path.startsWith('/api') || path.startsWith('/healthz') || path === '/' || path.startsWith('/assets')
        ? this.base + path : this.base + API + (path.startsWith('/') ? path : `/${path}`);
    const headers = { Accept: 'application/json', ...(opts.headers || {}) };
    if (this.lang && !('Accept-Language' in headers)) headers['Accept-Language'] = this.lang;
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (unsafe && opts.csrf !== false && this.csrf && !('X-CSRF-Token' in headers)) {
      headers['X-CSRF-Token'] = this.csrf;
    }
    if (opts.cookies !== false && this.cookies.size) headers.Cookie = this.cookieHeader();
    let body;
    if (opts.body !== undefined) {
      if (typeof opts.body === 'string' || Buffer.isBuffer(opts.body)) {
        body = opts.body;
        headers['Content-Type'] = opts.contentType ?? 'application/json';
      } else {
        body = JSON.stringify(opts.body);
        headers['Content-Type'] = opts.contentType ?? 'application/json';
      }
    } else if (unsafe && opts.contentType) {
      headers['Content-Type'] = opts.contentType;
    }
    const res = await fetch(url, {
      method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(opts.timeout ?? 30_000),
    });
    const setCookies = this.storeCookies(res);
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.status, headers: res.headers, text, json, setCookies, method, url };
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, body, opts = {}) { return this.request('POST', path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.request('PATCH', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.request('PUT', path, { ...opts, body }); }
  del(path, opts) { return this.request('DELETE', path, opts); }

  async login(username, password = DEMO_PASSWORD) {
    const r = await this.post('/auth/login', { username, password });
    if (r.status === 200 && r.json) {
      this.csrf = r.json.csrf_token ?? r.json.user?.csrf_token ?? null;
      this.me = r.json.user ?? null;
    }
    return r;
  }

  async logout() {
    const r = await this.post('/auth/logout');
    return r;
  }
}

// Logs in `username` (password trygg-demo) and returns a ready client; fails the test otherwise.
export async function login(server, username, opts = {}) {
  const c = new Client(server, opts);
  const r = await c.login(username, opts.password);
  assert.equal(r.status, 200, `login ${username}: ${r.status} ${r.text}`);
  assert.ok(c.csrf, `login ${username}: no csrf_token in ${r.text}`);
  if (!c.me) {
    const me = await c.get('/me');
    c.me = me.json;
  }
  return c;
}

// Asserts the contract's error shape and returns the error object.
export function assertError(r, status, code) {
  assert.equal(r.status, status, `${r.method} ${r.url}: expected ${status}, got ${r.status}: ${r.text}`);
  assert.ok(r.json && typeof r.json === 'object', `${r.method} ${r.url}: error body is not JSON: ${r.text}`);
  const e = r.json.error;
  assert.ok(e && typeof e === 'object', `no "error" object: ${r.text}`);
  assert.equal(typeof e.code, 'string', `error.code: ${r.text}`);
  assert.equal(typeof e.message, 'string', `error.message: ${r.text}`);
  assert.ok(e.message.length > 0, 'error.message is empty');
  if (code !== undefined) {
    if (code instanceof RegExp) assert.match(e.code, code, `error.code: ${r.text}`);
    else assert.equal(e.code, code, `error.code: ${r.text}`);
  }
  return e;
}

export function assertStatus(r, status) {
  assert.equal(r.status, status, `${r.method} ${r.url}: expected ${status}, got ${r.status}: ${r.text}`);
  return r.json;
}

// An ISO time `minutesAgo` minutes before now, UTC with Z.
export function isoAgo(minutesAgo = 60) {
  return new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// A date `days` from today, "YYYY-MM-DD".
export function dateIn(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// Every incident the client may list (pages through).
export async function listAll(client, query = '') {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const sep = query ? '&' : '';
    const r = await client.get(`/incidents?${query}${sep}limit=500&offset=${offset}`);
    assert.equal(r.status, 200, `list: ${r.status} ${r.text}`);
    items.push(...r.json.items);
    if (r.json.items.length < 500) return { items, total: r.json.total };
  }
}

// Every audit record the client may read (pages through with `after`).
export async function auditAll(client) {
  const all = [];
  for (let after = 0; ;) {
    const r = await client.get(`/audit?after=${after}&limit=500`);
    assert.equal(r.status, 200, `audit: ${r.status} ${r.text}`);
    all.push(...r.json.items);
    if (r.json.items.length < 500) return all;
    after = r.json.items.at(-1).seq;
  }
}
