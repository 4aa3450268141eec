package dev.marginsim.cli.prices;

import java.util.Locale;

/** Durations on the command line: whole seconds, or a number with s, m, h or d ("90m", "6h"). */
final class Durations {
    private Durations() {
    }

    static long seconds(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 's' -> unit = 1;
                case 'm' -> unit = 60;
                case 'h' -> unit = 3_600;
                case 'd' -> unit = 86_400;
                default -> unit = 0;
            }
        }
        String digits = unit == 0 ? s : s.substring(0, s.length() - 1);
        unit = unit == 0 ? 1 : unit;
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (whole seconds, or e.g. 90m, 6h, 2d)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
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
