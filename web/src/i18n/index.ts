// The chosen language: Swedish by default, English on request. Kept in
// localStorage; mirrored to <html lang> and the API's Accept-Language.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { sv, type Dict } from './sv';
import { en } from './en';

export type Lang = 'sv' | 'en';
export type { Dict } from './sv';

const STORAGE_KEY = 'trygg.lang';
export const dictionaries: Record<Lang, Dict> = { sv, en };

export function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'sv';
  } catch {
    return 'sv';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lang;
}

export interface LangState {
  lang: Lang;
  t: Dict;
  setLang: (lang: Lang) => void;
}

export const LangContext = createContext<LangState>({ lang: 'sv', t: sv, setLang: () => {} });

export function useT(): Dict {
  return useContext(LangContext).t;
}

export function useLang(): LangState {
  return useContext(LangContext);
}
