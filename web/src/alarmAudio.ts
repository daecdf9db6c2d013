// The alert's sound: a repeating two-tone signal from Web Audio until it is
// stopped (acknowledged or muted). Browsers keep audio suspended until the
// page has had a user gesture; unlockAudio() is called on the first tap or
// key press, and start() reports whether sound is actually playing so the
// alert can say so instead of failing silently.

type Ctor = typeof AudioContext;

let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const C: Ctor | undefined = (window as unknown as { AudioContext?: Ctor; webkitAudioContext?: Ctor }).AudioContext ??
    (window as unknown as { webkitAudioContext?: Ctor }).webkitAudioContext;
  if (!C) return null;
  try {
    ctx = new C();
  } catch {
    ctx = null;
  }
  return ctx;
}

/** Resumes audio after a user gesture (call from a pointer or key handler). */
export function unlockAudio(): void {
  const c = context();
  if (c && c.state === 'suspended') void c.resume().catch(() => {});
}

/** True when sound can play now (the context exists and is running). */
export function audioRunning(): boolean {
  return ctx?.state === 'running';
}

/** One beep: `freq` Hz for `len` seconds from `at`, with soft edges. */
function beep(c: AudioContext, at: number, freq: number, len: number): void {
  const osc = c.createOscillator();
  const gain = c.createGain();
  osc.type = 'square';
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
  gain.gain.setValueAtTime(0.25, at + len - 0.03);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + len);
  osc.connect(gain).connect(c.destination);
  osc.start(at);
  osc.stop(at + len + 0.01);
}

/** A repeating alarm tone. start() is idempotent; stop() silences it. */
export class AlarmTone {
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Starts the tone; resolves true when audio is running, false when the browser blocks it. */
  async start(): Promise<boolean> {
    const c = context();
    if (!c) return false;
    if (c.state === 'suspended') {
      try {
        await Promise.race([c.resume(), new Promise((r) => setTimeout(r, 300))]);
      } catch {
        // stays suspended
      }
    }
    if (this.timer === null) {
      const play = () => {
        if (c.state !== 'running') return;
        const t = c.currentTime + 0.02;
        beep(c, t, 880, 0.25);
        beep(c, t + 0.3, 660, 0.25);
      };
      play();
      this.timer = setInterval(play, 1000);
    }
    return c.state === 'running';
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
