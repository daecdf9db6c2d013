import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError, createIncident, fetchMe, getIncidents, login, setApiLang, setCsrfToken,
  setUnauthorizedHandler, transition,
} from './api';

interface Call {
  url: string;
  init: RequestInit;
}

let calls: Call[] = [];
let replies: Response[] = [];

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  calls = [];
  replies = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const r = replies.shift();
    if (!r) throw new TypeError('network down');
    return r;
  });
  setCsrfToken('');
  setApiLang('sv');
  setUnauthorizedHandler(null);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const headers = (c: Call) => c.init.headers as Record<string, string>;

describe('api client', () => {
  it('logs in, keeps the CSRF token and sends it on changes only', async () => {
    replies.push(json(200, { user: { id: 1, roles: ['medarbetare'] }, csrf_token: 'tok' }));
    const me = await login('anna', 'secret');
    expect(me.csrf_token).toBe('tok');
    expect(calls[0]!.url).toBe('/api/v1/auth/login');
    expect(calls[0]!.init.credentials).toBe('same-origin');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ username: 'anna', password: 'secret' });

    replies.push(json(200, { items: [], total: 0, limit: 20, offset: 0 }));
    await getIncidents({ status: 'ny', limit: 20, offset: 0 });
    expect(calls[1]!.url).toBe('/api/v1/incidents?status=ny&limit=20&offset=0');
    expect(headers(calls[1]!)['X-CSRF-Token']).toBeUndefined();

    replies.push(json(200, { id: 5, status: 'mottagen' }));
    await transition(5, 'acknowledge', 3);
    expect(calls[2]!.init.method).toBe('POST');
    expect(headers(calls[2]!)['X-CSRF-Token']).toBe('tok');
    expect(headers(calls[2]!)['Content-Type']).toBe('application/json');
    expect(JSON.parse(calls[2]!.init.body as string)).toEqual({ action: 'acknowledge', version: 3 });
  });

  it('sends the chosen language', async () => {
    setApiLang('en');
    replies.push(json(200, { items: [], total: 0, limit: 50, offset: 0 }));
    await getIncidents({});
    expect(headers(calls[0]!)['Accept-Language']).toBe('en');
  });

  it('turns the server error into an ApiError with its message and field', async () => {
    setCsrfToken('tok');
    replies.push(json(409, { error: { code: 'workflow.open_measures', message: 'Öppna åtgärder finns.' } }));
    const err = await transition(5, 'close').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'workflow.open_measures', message: 'Öppna åtgärder finns.' });

    replies.push(json(400, { error: { code: 'invalid', message: 'Ogiltig tid.', field: 'occurred_at' } }));
    const err2 = await createIncident({ category: 'hot', occurred_at: 'x' }).catch((e: unknown) => e);
    expect(err2).toMatchObject({ status: 400, field: 'occurred_at', message: 'Ogiltig tid.' });
  });

  it('has its own words when the server gives none, or cannot be reached', async () => {
    replies.push(new Response('Bad gateway', { status: 502 }));
    await expect(getIncidents({})).rejects.toMatchObject({ status: 502, message: expect.stringMatching(/servern/) });
    await expect(getIncidents({})).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('sends the user to login on 401, except when logging in', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    replies.push(json(401, { error: { code: 'auth.required', message: 'Logga in.' } }));
    await expect(getIncidents({})).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);

    replies.push(json(401, { error: { code: 'auth.bad_credentials', message: 'Fel användarnamn eller lösenord.' } }));
    await expect(login('a', 'b')).rejects.toMatchObject({ status: 401, message: 'Fel användarnamn eller lösenord.' });
    replies.push(json(401, { error: { code: 'auth.required', message: 'Logga in.' } }));
    expect(await fetchMe()).toBeNull();
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refreshes a stale CSRF token once and retries', async () => {
    setCsrfToken('old');
    replies.push(json(403, { error: { code: 'auth.csrf', message: 'CSRF' } }));
    replies.push(json(200, { id: 1, csrf_token: 'new' }));
    replies.push(json(200, { id: 5, status: 'utreds' }));
    await transition(5, 'investigate');
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/incidents/5/transitions', '/api/v1/me', '/api/v1/incidents/5/transitions',
    ]);
    expect(headers(calls[2]!)['X-CSRF-Token']).toBe('new');
  });
});
