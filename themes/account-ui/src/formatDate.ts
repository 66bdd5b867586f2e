import { environment } from "./environment";

/**
 * Every date the console shows, in one format: long date, short time, in the console's locale (the browser's when the
 * console has none). The admin console's helper uses exactly these options, so a date reads the same in both.
 */
export function formatDate(date: Date, locale: string = environment.locale || navigator.language): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(date);
}

/** The API's times are Unix seconds. */
export const fromSeconds = (seconds: number) => new Date(seconds * 1000);
