/**
 * The realm policy's expiry rules as the consoles apply them before asking the server (PatPolicy.expiryRefusal and
 * allowsNoExpiry decide in the end): which lifetimes to offer, what a choice means in Unix seconds.
 */
import { DAY, daysFromToday, endOfDay } from "./dates";

export type ExpiryRules = { expiryRequired: boolean; maxLifetimeDays: number; defaultLifetimeDays: number };

/** The expiry choices the account console's create form offers. */
export type ExpiryChoice = "7" | "30" | "60" | "90" | "custom" | "none";

export const PRESET_DAYS = [7, 30, 60, 90] as const;

/** A token expiring within this many days is labelled "Expires soon". */
export const EXPIRES_SOON_DAYS = 7;

/**
 * Unix seconds at which a token created now expires, null for never, or undefined when the choice is not usable
 * (a custom date that is missing, malformed or before tomorrow: the same days the date picker offers). A custom date
 * means "until the end of that day", in the browser's time zone.
 */
export function expiresAt(choice: ExpiryChoice, customDate: string, now: Date = new Date()): number | null | undefined {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (choice === "none") {
    return null;
  }
  if (choice !== "custom") {
    return nowSeconds + Number(choice) * DAY;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customDate);
  // yyyy-mm-dd compares as text; the picker's min is tomorrow, and so is the check's
  if (!match || customDate < daysFromToday(1, now)) {
    return undefined;
  }
  const endOfThatDay = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  const seconds = Math.floor(endOfThatDay.getTime() / 1000);
  return Number.isNaN(seconds) || seconds <= nowSeconds ? undefined : seconds;
}

/** The preset lifetimes the realm allows. */
export function allowedPresets(rules: ExpiryRules): number[] {
  return PRESET_DAYS.filter((days) => rules.maxLifetimeDays === 0 || days <= rules.maxLifetimeDays);
}

/** Whether the realm lets a token live for ever. */
export function allowsNoExpiry(rules: ExpiryRules): boolean {
  return !rules.expiryRequired && rules.maxLifetimeDays === 0;
}

/** The choice the create form starts with: the realm's default lifetime, as a preset where one matches. */
export function initialChoice(rules: ExpiryRules, now: Date = new Date()): { choice: ExpiryChoice; date: string } {
  const preset = allowedPresets(rules).find((days) => days === rules.defaultLifetimeDays);
  return preset
    ? { choice: String(preset) as ExpiryChoice, date: "" }
    : { choice: "custom", date: daysFromToday(rules.defaultLifetimeDays, now) };
}

/** Whether an expiry (Unix seconds, or null) is within the realm's longest lifetime. */
export function withinLifetime(rules: ExpiryRules, expiry: number | null, now: Date = new Date()): boolean {
  if (rules.maxLifetimeDays === 0) return expiry !== null || !rules.expiryRequired;
  return expiry !== null && expiry - Math.floor(now.getTime() / 1000) <= rules.maxLifetimeDays * DAY;
}

/** The date the bot token form proposes: the default lifetime, else the longest, else 30 days; null for never. */
export function proposedExpiryDate(rules: ExpiryRules, now: Date = new Date()): string | null {
  if (rules.defaultLifetimeDays > 0) return daysFromToday(rules.defaultLifetimeDays, now);
  if (rules.maxLifetimeDays > 0) return daysFromToday(rules.maxLifetimeDays, now);
  return rules.expiryRequired ? daysFromToday(30, now) : null;
}

/**
 * The latest expiry (Unix seconds) a token created now may have under the longest lifetime, a minute short of it so
 * that the request's own time does not cross the limit; undefined without a limit.
 */
export function latestExpiry(rules: ExpiryRules, nowSeconds: number): number | undefined {
  return rules.maxLifetimeDays > 0 ? nowSeconds + rules.maxLifetimeDays * DAY - 60 : undefined;
}

/** The expiry of a token chosen as a day: the end of that day, but never beyond the realm's longest lifetime. */
export function expiryOfDay(day: Date, rules: ExpiryRules, nowSeconds: number): number {
  const latest = latestExpiry(rules, nowSeconds);
  return latest === undefined ? endOfDay(day) : Math.min(endOfDay(day), latest);
}
