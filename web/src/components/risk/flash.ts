// A one-time message carried from a form to the page it navigates to
// ("Riskbedömningen är sparad."), read once.
let pending = '';

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string {
  const m = pending;
  pending = '';
  return m;
}
