package dev.marginsim.oracle.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CSV history format: a header naming the columns, then one record per line, comma-separated,
 * no quoting, no blank lines. Headers accepted (case-insensitive):
 * {@code timestamp,price}, {@code timestamp,price,volume}, {@code timestamp,open,high,low,close},
 * {@code timestamp,open,high,low,close,volume}. Timestamps are unix seconds; prices and volumes
 * decimal numbers. The bar step is the smallest gap between bar starts.
 */
final class CsvHistory {
    private static final List<List<String>> HEADERS = List.of(
            List.of("timestamp", "price"), List.of("timestamp", "price", "volume"),
            List.of("timestamp", "open", "high", "low", "close"),
            List.of("timestamp", "open", "high", "low", "close", "volume"));

    private CsvHistory() {
    }

    static History read(String file, Reader source, ReadOptions options, String defaultName) throws IOException {
        BufferedReader in = new BufferedReader(source);
        String header = in.readLine();
        if (header == null) {
            throw new HistoryFormatException(file, 1, "empty file: expected a header such as timestamp,price");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> columns = List.of(header.toLowerCase(Locale.ROOT).replace(" ", "").split(",", -1));
        if (!HEADERS.contains(columns)) {
            throw new HistoryFormatException(file, 1, "unknown header '" + header + "'; expected one of "
                    + HEADERS.stream().map(h -> String.join(",", h)).toList());
        }
        boolean bars = columns.size() >= 5;
        boolean volume = columns.get(columns.size() - 1).equals("volume");
        RecordCollector records = new RecordCollector(file, options, bars);
        long line = 1;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            line++;
            String[] f = text.split(",", -1);
            if (f.length != columns.size()) {
                throw new HistoryFormatException(file, line, text.isBlank() ? "blank line"
                        : f.length + " fields, the header has " + columns.size());
            }
            long t = timestamp(file, line, f[0]);
            BigDecimal v = volume ? number(file, line, "volume", f[f.length - 1]) : null;
            if (bars) {
                records.bar(line, t, number(file, line, "open", f[1]), number(file, line, "high", f[2]),
                        number(file, line, "low", f[3]), number(file, line, "close", f[4]), v);
            } else {
                records.point(line, t, number(file, line, "price", f[1]), v);
            }
        }
        return records.build(defaultName, Optional.empty());
    }

    private static long timestamp(String file, long line, String field) {
        String s = field.trim();
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HistoryFormatException(file, line, "timestamp is not a whole number of unix seconds: '" + field + "'");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new HistoryFormatException(file, line, "timestamp out of range: '" + field + "'");
        }
    }

    private static BigDecimal number(String file, long line, String column, String field) {
        try {
            return new BigDecimal(field.trim());
        } catch (NumberFormatException e) {
            throw new HistoryFormatException(file, line, column + " is not a number: '" + field + "'");
        }
    }
}
