// A Server-Sent Events client over fetch streaming, for the alarm stream.
//
//   const s = await openStream(client, { lastEventId: 12 });  // GET /api/v1/alarms/stream
//   await s.next((m) => m.event === 'alarm' && m.data.alarm.id === id, 5000);
//   s.messages   // every message so far: {id, event, data, raw}
//   s.comments   // comment lines (": ping");  s.retry  // the last "retry:" value
//   s.close();
import { API } from './client.mjs';

export class SseStream {
  constructor(response, controller) {
    this.response = response;
    this.status = response.status;
    this.headers = response.headers;
    this.controller = controller;
    this.messages = [];
    this.comments = [];
    this.retry = null;  // the last "retry:" the server sent
    this.ended = false;  // the server ended the stream (or it failed)
    this.error = null;
    this.waiters = new Set();
    this.pump = this.read();
  }

  async read() {
    const reader = this.response.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          this.parse(buf.slice(0, cut));
          buf = buf.slice(cut + 2);
        }
      }
    } catch (e) {
      if (e.name !== 'AbortError') this.error = e;
    }
    this.ended = true;
    this.notify();
  }

  // One block of lines (the SSE field syntax: "name: value", ":" comments).
  parse(block) {
    const msg = { id: null, event: 'message', data: null, retry: null, raw: block };
    const data = [];
    let any = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments.push(line);
        continue;
      }
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      any = true;
      if (name === 'id') msg.id = value;
      else if (name === 'event') msg.event = value;
      else if (name === 'data') data.push(value);
      else if (name === 'retry') msg.retry = Number(value);
    }
    if (msg.retry !== null && !Number.isNaN(msg.retry)) this.retry = msg.retry;
    // As EventSource: a block without data dispatches nothing (e.g. "retry: 2000").
    if (!any || !data.length) {
      this.notify();
      return;
    }
    const text = data.join('\n');
    try { msg.data = JSON.parse(text); } catch { msg.data = text; }
    this.messages.push(msg);
    this.notify();
  }

  notify() {
    for (const w of [...this.waiters]) w();
  }

  // The first message (counting from `from`, default 0) matching `pred`; rejects
  // after `timeoutMs` or when the stream ends first.
  next(pred, timeoutMs = 5000, from = 0) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.slice(from).find(pred);
        if (found) { done(); resolve(found); return; }
        if (this.ended) { done(); reject(new Error(`stream ended before the message came (${this.error ?? 'closed'})`)); }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching message within ${timeoutMs} ms; got: ${JSON.stringify(this.messages.map((m) => [m.id, m.event, m.data?.kind, m.data?.alarm?.id]))}`));
      }, timeoutMs);
      const done = () => { clearTimeout(timer); this.waiters.delete(check); };
      this.waiters.add(check);
      check();
    });
  }

  // Resolves once the server ends the stream; rejects after `timeoutMs`.
  whenEnded(timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      const check = () => { if (this.ended) { done(); resolve(); } };
      const timer = setTimeout(() => { done(); reject(new Error(`the stream did not end within ${timeoutMs} ms`)); }, timeoutMs);
      const done = () => { clearTimeout(timer); this.waiters.delete(check); };
      this.waiters.add(check);
      check();
    });
  }

  alarms() { return this.messages.filter((m) => m.event === 'alarm'); }

  close() {
    this.controller.abort();
  }
}

// Opens the alarm stream with `client`'s cookie. Options: lastEventId (sent as
// the Last-Event-ID header), query (e.g. "last_event_id=3"), base (another
// server's URL). Resolves once the response head is in; a non-200 answer is
// returned with .status and .text and no stream.
export async function openStream(client, { lastEventId, query, base } = {}) {
  const headers = { Accept: 'text/event-stream', Cookie: client.cookieHeader() };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
  const controller = new AbortController();
  const url = `${base ?? client.base}${API}/alarms/stream${query ? `?${query}` : ''}`;
  const res = await fetch(url, { headers, signal: controller.signal });
  if (res.status !== 200) {
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, text, json, method: 'GET', url };
  }
  return new SseStream(res, controller);
}
