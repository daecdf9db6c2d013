// The report draft, kept in localStorage per user while typing.
const key = (userId: number) => `trygg.reportDraft.v1.${userId}`;

export function loadDraft<T>(userId: number): T | null {
  try {
    const raw = localStorage.getItem(key(userId));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft<T>(userId: number, draft: T): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the draft is simply not kept.
  }
}

export function clearDraft(userId: number): void {
  try {
    localStorage.removeItem(key(userId));
  } catch {
    // ignore
  }
}
