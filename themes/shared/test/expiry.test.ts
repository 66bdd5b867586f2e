import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  allowedPresets,
  allowsNoExpiry,
  expiresAt,
  expiryOfDay,
  initialChoice,
  latestExpiry,
  proposedExpiryDate,
  withinLifetime,
} from "../expiry";
import { DAY, endOfDay } from "../dates";

const rules = (maxLifetimeDays: number, defaultLifetimeDays = 30, expiryRequired = true) => ({
  expiryRequired,
  maxLifetimeDays,
  defaultLifetimeDays,
});
// a fixed local time: 10:00 on 15 March 2026
const NOW = new Date(2026, 2, 15, 10, 0, 0);
const NOW_S = Math.floor(NOW.getTime() / 1000);

describe("expiresAt", () => {
  it("counts a preset in days from now", () => {
    assert.equal(expiresAt("30", "", NOW), NOW_S + 30 * DAY);
  });
  it("is null for no expiry", () => {
    assert.equal(expiresAt("none", "", NOW), null);
  });
  it("takes a custom date to the end of that day", () => {
    assert.equal(expiresAt("custom", "2026-03-20", NOW), Math.floor(new Date(2026, 2, 20, 23, 59, 59).getTime() / 1000));
  });
  it("refuses a custom date before tomorrow, a missing or a malformed one", () => {
    assert.equal(expiresAt("custom", "2026-03-15", NOW), undefined);
    assert.equal(expiresAt("custom", "", NOW), undefined);
    assert.equal(expiresAt("custom", "20.03.2026", NOW), undefined);
  });
});

describe("the realm's lifetime rules", () => {
  it("offers the presets up to the longest lifetime, all of them without a limit", () => {
    assert.deepEqual(allowedPresets(rules(60)), [7, 30, 60]);
    assert.deepEqual(allowedPresets(rules(0)), [7, 30, 60, 90]);
  });
  it("allows no expiry only when none is required and there is no limit", () => {
    assert.equal(allowsNoExpiry(rules(0, 30, false)), true);
    assert.equal(allowsNoExpiry(rules(0, 30, true)), false);
    assert.equal(allowsNoExpiry(rules(90, 30, false)), false);
  });
  it("starts with the default lifetime, as a preset where one matches, else as a date", () => {
    assert.deepEqual(initialChoice(rules(365, 30), NOW), { choice: "30", date: "" });
    assert.deepEqual(initialChoice(rules(365, 45), NOW), { choice: "custom", date: "2026-04-29" });
  });
  it("checks an expiry against the longest lifetime", () => {
    assert.equal(withinLifetime(rules(60), NOW_S + 60 * DAY, NOW), true);
    assert.equal(withinLifetime(rules(60), NOW_S + 60 * DAY + 1, NOW), false);
    assert.equal(withinLifetime(rules(60), null, NOW), false);
    assert.equal(withinLifetime(rules(0, 30, true), null, NOW), false);
    assert.equal(withinLifetime(rules(0, 30, false), null, NOW), true);
  });
});

describe("the bot token form", () => {
  it("proposes the default lifetime, else the longest, else 30 days, else never", () => {
    assert.equal(proposedExpiryDate(rules(365, 7), NOW), "2026-03-22");
    assert.equal(proposedExpiryDate(rules(10, 0), NOW), "2026-03-25");
    assert.equal(proposedExpiryDate(rules(0, 0, true), NOW), "2026-04-14");
    assert.equal(proposedExpiryDate(rules(0, 0, false), NOW), null);
  });
  it("cuts a day's end to a minute short of the longest lifetime", () => {
    assert.equal(latestExpiry(rules(0), NOW_S), undefined);
    assert.equal(latestExpiry(rules(2), NOW_S), NOW_S + 2 * DAY - 60);
    const inTwoDays = new Date(2026, 2, 17);
    assert.equal(expiryOfDay(inTwoDays, rules(2), NOW_S), NOW_S + 2 * DAY - 60);
    assert.equal(expiryOfDay(inTwoDays, rules(0), NOW_S), endOfDay(inTwoDays));
  });
});
