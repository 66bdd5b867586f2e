import { type FormEvent, useEffect, useState } from "react";
import { parseIsoDate, startOfDay } from "../../shared/dates";
import type { PatApi, TokenFilter } from "./api";
import type { PatT } from "./texts";

/** The filter in force, with the username it was asked for by (the API filters by id). */
export type AppliedFilter = TokenFilter & { username?: string };

/**
 * The token list's filter: what is typed in the toolbar, and the filter in force once applied (a username looked up,
 * dates as the start of their day). `?user={id}` starts it filtered by that user, whose name then fills the field.
 */
export function useTokenFilter(api: PatApi, t: PatT, initialUserId?: string) {
  const [userInput, setUserInput] = useState("");
  const [expiresInput, setExpiresInput] = useState("");
  const [unusedInput, setUnusedInput] = useState("");
  const [error, setError] = useState<string>();
  const [applied, setApplied] = useState<AppliedFilter>({ userId: initialUserId });

  useEffect(() => {
    if (!initialUserId) return;
    let live = true;
    api
      .username(initialUserId)
      .then((username) => {
        if (!live || !username) return;
        setUserInput(username);
        setApplied((current) => (current.userId === initialUserId ? { ...current, username } : current));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api, initialUserId]);

  /** Applies what is typed; answers whether the filter changed (false when a field is wrong, shown as `error`). */
  const apply = async (event?: FormEvent): Promise<boolean> => {
    event?.preventDefault();
    setError(undefined);
    const expires = expiresInput.trim() ? parseIsoDate(expiresInput) : null;
    const unused = unusedInput.trim() ? parseIsoDate(unusedInput) : null;
    if (expires === undefined || unused === undefined) {
      setError(t("pat.filterBadDate"));
      return false;
    }
    const username = userInput.trim();
    let userId: string | undefined;
    if (username) {
      userId = username === applied.username && applied.userId ? applied.userId : await api.findUserId(username);
      if (!userId) {
        setError(t("pat.filterUnknownUser", { username }));
        return false;
      }
    }
    setApplied({
      userId,
      username: username || undefined,
      expiresBefore: expires ? startOfDay(expires) : undefined,
      unusedSince: unused ? startOfDay(unused) : undefined,
    });
    return true;
  };

  const clear = () => {
    setUserInput("");
    setExpiresInput("");
    setUnusedInput("");
    setError(undefined);
    setApplied({});
  };

  return {
    inputs: { user: userInput, expires: expiresInput, unused: unusedInput },
    setUserInput,
    setExpiresInput,
    setUnusedInput,
    error,
    applied,
    /** whether any filter is in force */
    filtered: !!(applied.userId || applied.expiresBefore || applied.unusedSince),
    /** how the filtered user is named: the username asked for, else the id */
    appliedUsername: applied.username ?? applied.userId,
    apply,
    clear,
  };
}

export type TokenFilterState = ReturnType<typeof useTokenFilter>;
