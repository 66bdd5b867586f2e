package io.github.kcpat.setup;

/**
 * One thing missing or risky in a realm's PAT setup, or worth knowing about it.
 *
 * @param code stable, for scripts ({@code NO_CLIENT}, {@code FULL_SCOPE}, …)
 * @param message what is wrong, in a plain sentence
 * @param fix what to do about it
 * @param level {@link #WARNING} for something to fix, {@link #INFO} for a choice the admin may leave as it is
 */
public record Finding(String code, String message, String fix, String level) {

    public static final String WARNING = "warning";
    public static final String INFO = "info";

    public Finding(String code, String message, String fix) {
        this(code, message, fix, WARNING);
    }

    static Finding info(String code, String message, String fix) {
        return new Finding(code, message, fix, INFO);
    }

    public boolean toFix() {
        return WARNING.equals(level);
    }
}
