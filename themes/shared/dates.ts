/** Dates as both consoles show and read them. The APIs' times are Unix seconds. */

export const DAY = 86_400;

export const nowSeconds = (now: Date = new Date()) => Math.floor(now.getTime() / 1000);

export const fromSeconds = (seconds: number) => new Date(seconds * 1000);

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Every date and time the consoles show, in one format: long date, short time, in the console's locale (the
 * browser's when there is none or it is unknown).
 */
export function formatDate(date: Date, locale?: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "long", timeStyle: "short" };
  try {
    return new Intl.DateTimeFormat(locale || undefined, options).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

/** formatDate of Unix seconds */
export const formatSeconds = (seconds: number, locale?: string) => formatDate(fromSeconds(seconds), locale);

/** yyyy-mm-dd of a Date, in the browser's time zone */
export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** yyyy-mm-dd of the day `days` after `now` (1: tomorrow) */
export function daysFromToday(days: number, now: Date = new Date()): string {
  return isoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() + days));
}

/** The Date of a yyyy-mm-dd string (local midnight), or undefined when it is not a real date. */
export function parseIsoDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDate(date) === value.trim() ? date : undefined;
}

/** Unix seconds of local midnight at the start of that day */
export const startOfDay = (date: Date) => Math.floor(date.getTime() / 1000);

/** Unix seconds of the last second of that day */
export const endOfDay = (date: Date) =>
  Math.floor(new Date(date.getFullYear(), date.getMonth(), date.getDate(), 23, 59, 59).getTime() / 1000);
