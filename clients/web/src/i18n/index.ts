// The user's language: bokmål first, English switchable. The choice is kept
// in localStorage and mirrored in <html lang> so that screen readers speak
// the page in the right language.
import { enEnums, enMessages } from './en';
import { nbEnums, nbMessages } from './nb';

export type Lang = 'nb' | 'en';
export type MessageKey = keyof typeof nbMessages;
export type Params = Record<string, string | number>;

const kLangKey = 'mea.lang';
let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(kLangKey) === 'en' ? 'en' : 'nb';
  } catch {
    return 'nb';
  }
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(kLangKey, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next;
}

function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function t(key: MessageKey, params?: Params): string {
  const messages = current === 'en' ? enMessages : nbMessages;
  return fill(messages[key], params);
}

// Whether an enumeration value is set: the JSON mapping may print the zero
// value ("STATE_UNSPECIFIED") for a field that was never set.
export function isSet(value: string | undefined): value is string {
  return !!value && !value.endsWith('_UNSPECIFIED');
}

// The label of an API enumeration value; an unknown value is shown as it
// is (a newer server may know values this page does not).
export function enumLabel(group: string, value: string | undefined): string {
  if (!isSet(value)) return t('common.none');
  const labels = current === 'en' ? enEnums : nbEnums;
  return labels[`${group}.${value}`] ?? value;
}
