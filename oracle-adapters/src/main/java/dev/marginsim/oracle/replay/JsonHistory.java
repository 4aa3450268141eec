package dev.marginsim.oracle.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON history format: either an array of point records, or an object
 * {@code {"name": ..., "step": seconds, "points": [...]}} or {@code {..., "bars": [...]}}
 * ({@code name} and {@code step} optional). A point record is
 * {@code {"timestamp": s, "price": p[, "volume": v]}}, a bar record
 * {@code {"timestamp": s, "open": o, "high": h, "low": l, "close": c[, "volume": v]}}. Numbers may be
 * JSON numbers or decimal strings (strings keep every digit for other readers); they are read as exact
 * decimals. Unknown or duplicate keys are errors. Errors name the line where the record starts.
 */
final class JsonHistory {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> POINT_KEYS = Set.of("timestamp", "price", "volume");
    private static final Set<String> BAR_KEYS = Set.of("timestamp", "open", "high", "low", "close", "volume");

    private JsonHistory() {
    }

    static History read(String file, Reader source, ReadOptions options, String defaultName) throws IOException {
        try (JsonParser p = FACTORY.createParser(source)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                RecordCollector records = new RecordCollector(file, options, false);
                readRecords(file, p, records, false);
                end(file, p);
                return records.build(defaultName, Optional.empty());
            }
            if (first != JsonToken.START_OBJECT) {
                throw new HistoryFormatException(file, line(p), "expected a JSON object or array");
            }
            String name = defaultName;
            Optional<Long> step = Optional.empty();
            RecordCollector records = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                switch (key) {
                    case "name" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new HistoryFormatException(file, line(p), "\"name\" must be a string");
                        }
                        name = p.getText();
                    }
                    case "step" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            throw new HistoryFormatException(file, line(p), "\"step\" must be a whole number of seconds");
                        }
                        step = Optional.of(p.getLongValue());
                    }
                    case "points", "bars" -> {
                        if (records != null) {
                            throw new HistoryFormatException(file, line(p), "both \"points\" and \"bars\"");
                        }
                        if (value != JsonToken.START_ARRAY) {
                            throw new HistoryFormatException(file, line(p), "\"" + key + "\" must be an array");
                        }
                        records = new RecordCollector(file, options, key.equals("bars"));
                        readRecords(file, p, records, key.equals("bars"));
                    }
                    default -> throw new HistoryFormatException(file, line(p), "unknown key \"" + key + "\"");
                }
            }
            end(file, p);
            if (records == null) {
                throw new HistoryFormatException(file, 1, "no \"points\" or \"bars\"");
            }
            return records.build(name, step);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new HistoryFormatException(file, line, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static void readRecords(String file, JsonParser p, RecordCollector records, boolean bars) throws IOException {
        Set<String> keys = bars ? BAR_KEYS : POINT_KEYS;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            long line = line(p);
            if (t != JsonToken.START_OBJECT) {
                throw new HistoryFormatException(file, line, "expected a record object, found " + t);
            }
            Map<String, BigDecimal> fields = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (!keys.contains(key)) {
                    throw new HistoryFormatException(file, line(p), "unknown key \"" + key + "\" in a "
                            + (bars ? "bar" : "point") + " record; expected " + keys);
                }
                fields.put(key, number(file, p, key));
            }
            for (String k : keys) {
                if (!k.equals("volume") && !fields.containsKey(k)) {
                    throw new HistoryFormatException(file, line, "record has no \"" + k + "\"");
                }
            }
            long ts = timestamp(file, line, fields.get("timestamp"));
            if (bars) {
                records.bar(line, ts, fields.get("open"), fields.get("high"), fields.get("low"), fields.get("close"),
                        fields.get("volume"));
            } else {
                records.point(line, ts, fields.get("price"), fields.get("volume"));
            }
        }
    }

    private static BigDecimal number(String file, JsonParser p, String key) throws IOException {
        JsonToken t = p.nextToken();
        try {
            return switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                case VALUE_STRING -> new BigDecimal(p.getText().trim());
                default -> throw new HistoryFormatException(file, line(p), "\"" + key + "\" must be a number, found " + t);
            };
        } catch (NumberFormatException e) {
            throw new HistoryFormatException(file, line(p), "\"" + key + "\" is not a number: '" + p.getText() + "'");
        }
    }

    private static long timestamp(String file, long line, BigDecimal t) {
        try {
            return t.longValueExact();
        } catch (ArithmeticException e) {
            throw new HistoryFormatException(file, line, "timestamp is not a whole number of unix seconds: " + t.toPlainString());
        }
    }

    private static void end(String file, JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new HistoryFormatException(file, line(p), "content after the end of the history");
        }
    }

    private static long line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
