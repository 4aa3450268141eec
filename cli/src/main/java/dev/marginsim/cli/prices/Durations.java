package dev.marginsim.cli.prices;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the command line: whole seconds ("5400"), or one or more whole numbers each with a unit
 * d, h, m or s, largest first, each unit at most once ("90m", "6h", "7h30m", "1d2h", "2m30s").
 */
final class Durations {
    private static final Pattern COMPOUND = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final long[] UNITS = {86_400, 3_600, 60, 1};

    private Durations() {
    }

    static long seconds(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(s);
            }
            Matcher m = COMPOUND.matcher(s);
            if (s.isEmpty() || !m.matches()) {
                throw new IllegalArgumentException("not a duration: '" + text + "' (whole seconds, or e.g. 90m, 6h, 7h30m, 2d)");
            }
            long total = 0;
            for (int g = 1; g <= UNITS.length; g++) {
                if (m.group(g) != null) {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(g)), UNITS[g - 1]));
                }
            }
            return total;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("duration out of range: '" + text + "'");
        }
    }

    /** Splits "a:b[:c...]" into exactly {@code n} parts, naming the option in the error. */
    static String[] parts(String option, String text, int n, String shape) {
        String[] p = text.split(":", -1);
        if (p.length != n) {
            throw new IllegalArgumentException(option + " takes " + shape + ", got '" + text + "'");
        }
        return p;
    }
}
