import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { daysFromToday, endOfDay, formatDate, formatSeconds, isoDate, parseIsoDate, startOfDay } from "../dates";

describe("formatDate", () => {
  const date = new Date(2026, 0, 2, 15, 4);
  it("writes a long date and a short time in the given locale", () => {
    assert.equal(formatDate(date, "en-US"), "January 2, 2026 at 3:04 PM");
    assert.equal(formatDate(date, "de"), "2. Januar 2026 um 15:04");
  });
  it("falls back to the browser's locale for none or an unknown one", () => {
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: "long", timeStyle: "short" }).format(date);
    assert.equal(formatDate(date), expected);
    assert.equal(formatDate(date, "not a locale!"), expected);
  });
  it("reads Unix seconds", () => {
    assert.equal(formatSeconds(date.getTime() / 1000, "en-US"), formatDate(date, "en-US"));
  });
});

describe("days", () => {
  it("writes and reads yyyy-mm-dd in local time", () => {
    assert.equal(isoDate(new Date(2026, 8, 5)), "2026-09-05");
    assert.equal(parseIsoDate(" 2026-09-05 ")?.getTime(), new Date(2026, 8, 5).getTime());
  });
  it("refuses what is not a real day", () => {
    assert.equal(parseIsoDate("2026-02-30"), undefined);
    assert.equal(parseIsoDate("5.9.2026"), undefined);
    assert.equal(parseIsoDate(""), undefined);
  });
  it("counts days from today across a month's end", () => {
    assert.equal(daysFromToday(1, new Date(2026, 0, 31, 23, 30)), "2026-02-01");
  });
  it("spans a day from its first to its last second", () => {
    const day = new Date(2026, 8, 5);
    assert.equal(endOfDay(day) - startOfDay(day), 24 * 3600 - 1);
  });
});
