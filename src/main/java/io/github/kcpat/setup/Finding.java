package io.github.kcpat.setup;

/**
 * One thing missing or risky in a realm's PAT setup.
 *
 * @param code stable, for scripts ({@code NO_CLIENT}, {@code FULL_SCOPE}, …)
 * @param message what is wrong, in a plain sentence
 * @param fix what to do about it
 */
public record Finding(String code, String message, String fix) {
}
