/** The expiry choices the create form offers, and what each means in Unix seconds. */
export type ExpiryChoice = "7" | "30" | "60" | "90" | "custom" | "none";

export const DAY = 86_400;
export const PRESET_DAYS = [7, 30, 60, 90] as const;

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
  if (!match || customDate < dayAfter(1, now)) {
    return undefined;
  }
  const endOfDay = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  const seconds = Math.floor(endOfDay.getTime() / 1000);
  return Number.isNaN(seconds) || seconds <= nowSeconds ? undefined : seconds;
}

/** yyyy-mm-dd of the day `days` after `now` (1: tomorrow, the earliest date a custom expiry may take). */
export function dayAfter(days: number, now: Date = new Date()): string {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
}

export type ExpiryRules = { expiryRequired: boolean; maxLifetimeDays: number; defaultLifetimeDays: number };

/** The preset lifetimes the realm allows. */
export function allowedPresets(rules: ExpiryRules): number[] {
  return PRESET_DAYS.filter((days) => rules.maxLifetimeDays === 0 || days <= rules.maxLifetimeDays);
}

/** Whether the realm lets a token live for ever. */
export function allowsNoExpiry(rules: ExpiryRules): boolean {
  return !rules.expiryRequired && rules.maxLifetimeDays === 0;
}

/** The choice the form starts with: the realm's default lifetime, as a preset where one matches. */
export function initialChoice(rules: ExpiryRules, now: Date = new Date()): { choice: ExpiryChoice; date: string } {
  const preset = allowedPresets(rules).find((days) => days === rules.defaultLifetimeDays);
  return preset
    ? { choice: String(preset) as ExpiryChoice, date: "" }
    : { choice: "custom", date: dayAfter(rules.defaultLifetimeDays, now) };
}

/** Whether an expiry (Unix seconds, or null) is within the realm's longest lifetime. */
export function withinLifetime(rules: ExpiryRules, expiry: number | null, now: Date = new Date()): boolean {
  if (rules.maxLifetimeDays === 0) return expiry !== null || !rules.expiryRequired;
  return expiry !== null && expiry - Math.floor(now.getTime() / 1000) <= rules.maxLifetimeDays * DAY;
}

/** A token expiring within this many days is labelled "Expires soon". */
export const EXPIRES_SOON_DAYS = 7;
