// Formats the API's decimal strings for people, by string manipulation only:
// money is exact to the øre on the server and must stay exact on screen, so
// no value is ever turned into a floating-point number.
//
// Money "1234567.89" -> "1 234 567,89 kr" (bokmål, no-break spaces between
// groups) or "NOK 1,234,567.89" (English). Negative amounts (only net cost
// and differences) get a real minus sign. Input that is not a decimal
// string is returned unchanged rather than guessed at.

export type NumberLocale = 'nb' | 'en';

const kNoBreakSpace = '\u00a0';
const kMinus = '\u2212';
const kDecimalPattern = /^([+-]?)(\d+)(?:\.(\d+))?$/;

interface Parts {
  sign: '' | '-' | '+';
  whole: string;
  fraction: string;
}

function split(value: string): Parts | null {
  const match = kDecimalPattern.exec(value.trim());
  if (!match) return null;
  const whole = match[2].replace(/^0+(?=\d)/, '');
  return {
    sign: match[1] as Parts['sign'],
    whole,
    fraction: match[3] ?? '',
  };
}

// "1234567" -> "1 234 567" with the given separator.
export function groupThousands(whole: string, separator: string): string {
  let grouped = '';
  for (let i = 0; i < whole.length; ++i) {
    const fromEnd = whole.length - i;
    if (i > 0 && fromEnd % 3 === 0) grouped += separator;
    grouped += whole[i];
  }
  return grouped;
}

function isZero(parts: Parts): boolean {
  return /^0*$/.test(parts.whole) && /^0*$/.test(parts.fraction);
}

function signText(parts: Parts, explicitPlus: boolean): string {
  if (isZero(parts)) return '';
  if (parts.sign === '-') return kMinus;
  return explicitPlus ? '+' : '';
}

function amountText(parts: Parts, locale: NumberLocale): string {
  const fraction = (parts.fraction + '00').slice(
    0,
    Math.max(2, parts.fraction.length),
  );
  return locale === 'nb'
    ? `${groupThousands(parts.whole, kNoBreakSpace)},${fraction}`
    : `${groupThousands(parts.whole, ',')}.${fraction}`;
}

function money(
  value: string,
  locale: NumberLocale,
  explicitPlus: boolean,
): string {
  const parts = split(value);
  if (!parts) return value;
  const sign = signText(parts, explicitPlus);
  const amount = amountText(parts, locale);
  return locale === 'nb'
    ? `${sign}${amount}${kNoBreakSpace}kr`
    : `${sign}NOK${kNoBreakSpace}${amount}`;
}

export function formatMoney(value: string, locale: NumberLocale): string {
  return money(value, locale, false);
}

// A difference between two amounts: "+1 200,00 kr", "−350,50 kr", "0,00 kr".
export function formatMoneyDifference(
  value: string,
  locale: NumberLocale,
): string {
  return money(value, locale, true);
}

// An exact decimal ("0.50", "1.5") with the locale's decimal mark.
export function formatDecimal(value: string, locale: NumberLocale): string {
  const parts = split(value);
  if (!parts) return value;
  const sign = parts.sign === '-' ? kMinus : '';
  const mark = locale === 'nb' ? ',' : '.';
  return parts.fraction
    ? `${sign}${parts.whole}${mark}${parts.fraction}`
    : `${sign}${parts.whole}`;
}

// A percent string ("12.5") -> "12,5 %" / "12.5%".
export function formatPercent(value: string, locale: NumberLocale): string {
  const number = formatDecimal(value, locale);
  return locale === 'nb' ? `${number}${kNoBreakSpace}%` : `${number}%`;
}

// A whole count (int64 arrives as a string) with grouped thousands.
export function formatCount(
  value: string | number,
  locale: NumberLocale,
): string {
  const text = String(value);
  const parts = split(text);
  if (!parts || parts.fraction) return text;
  const sign = parts.sign === '-' ? kMinus : '';
  return sign + groupThousands(parts.whole, locale === 'nb' ? kNoBreakSpace : ',');
}
