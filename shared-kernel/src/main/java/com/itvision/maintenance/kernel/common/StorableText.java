package com.itvision.maintenance.kernel.common;

/**
 * The one definition of text the system accepts: what every request field, query parameter and command
 * string must satisfy, so that every event can be applied by every read model and shown to every reader.
 *
 * <p>Refused: NUL and the other C0/C1 control characters except tab, line feed and carriage return
 * (PostgreSQL {@code text} and {@code jsonb} cannot hold U+0000 at all; the others are invisible, break
 * CSV exports and terminals, and no user types them); unpaired UTF-16 surrogates (they have no UTF-8
 * encoding: the driver would silently store {@code ?}); and the 66 Unicode noncharacters (U+FDD0..U+FDEF
 * and U+xxFFFE/U+xxFFFF of every plane, reserved for internal use and never meant to be interchanged).
 * Everything else, in every script, is text.
 */
public final class StorableText {
    /** What a refusal says, in the user's terms. */
    public static final String RULE = "must not contain control characters other than tab, line feed and "
            + "carriage return, unpaired surrogates or Unicode noncharacters";

    private StorableText() {
    }

    /** True when {@code text} (null counts as storable) contains nothing this class refuses. */
    public static boolean isStorable(CharSequence text) {
        return firstRefused(text) < 0;
    }

    /** The index of the first refused char of {@code text}, or -1 when there is none (or text is null). */
    public static int firstRefused(CharSequence text) {
        if (text == null) {
            return -1;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    if (isNoncharacter(Character.toCodePoint(c, text.charAt(i + 1)))) {
                        return i;
                    }
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c) || isRefusedControl(c) || isNoncharacter(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The refusal message for {@code text}: the rule and which character, where, e.g.
     * "must not contain ... (U+0000 at position 4)". Positions count from 1, as a user would.
     */
    public static String refusal(CharSequence text) {
        int at = firstRefused(text);
        if (at < 0) {
            throw new IllegalArgumentException("the text is storable");
        }
        int codePoint = Character.codePointAt(text, at);
        return RULE + " (U+%04X at position %d)".formatted(codePoint, at + 1);
    }

    /**
     * {@code text} with every NUL replaced by U+FFFD, the Unicode replacement character: the one character
     * PostgreSQL cannot store. For writers that must store whatever an event says (read models) rather than
     * refuse it; everything else is kept as it is.
     */
    public static String withoutNul(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /**
     * {@code text} with every refused character (a surrogate pair counting as one) replaced by U+FFFD: to name
     * what was refused, e.g. an unknown property, without echoing the characters themselves.
     */
    public static String printable(String text) {
        int at = firstRefused(text);
        if (at < 0) {
            return text;
        }
        StringBuilder printable = new StringBuilder(text.length());
        int from = 0;
        while (at >= 0) {
            printable.append(text, from, at).append('\uFFFD');
            from = at + Character.charCount(Character.codePointAt(text, at));
            int next = firstRefused(text.substring(from));
            at = next < 0 ? -1 : from + next;
        }
        return printable.append(text, from, text.length()).toString();
    }

    private static boolean isRefusedControl(char c) {
        return Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
