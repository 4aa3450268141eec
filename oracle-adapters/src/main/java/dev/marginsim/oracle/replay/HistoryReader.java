package dev.marginsim.oracle.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a price history from a CSV or JSON file (by extension). Every problem is a
 * {@link HistoryFormatException} naming the file and line; a history is returned only whole.
 */
public final class HistoryReader {
    /** The two formats. */
    public enum Format { CSV, JSON }

    private HistoryReader() {
    }

    /** Reads {@code file}; the format comes from its extension ({@code .csv} or {@code .json}). */
    public static History read(Path file, ReadOptions options) {
        Format format = formatOf(file);
        String label = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(label, in, format, options);
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(label, 0, "no such file");
        } catch (IOException e) {
            throw new HistoryFormatException(label, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Reads a history from a stream, {@code label} naming it in errors (and as the default name). */
    public static History read(String label, InputStream in, Format format, ReadOptions options) {
        // Strict UTF-8: a binary file is an error, not a history of replacement characters.
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        String defaultName = baseName(label);
        try {
            return format == Format.CSV ? CsvHistory.read(label, reader, options, defaultName)
                    : JsonHistory.read(label, reader, options, defaultName);
        } catch (CharacterCodingException e) {
            throw new HistoryFormatException(label, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + label, e);
        }
    }

    /** The format a file name implies. */
    public static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        throw new HistoryFormatException(file.toString(), 0, "unknown history format: the name must end in .csv or .json");
    }

    private static String baseName(String label) {
        String base = label.substring(Math.max(label.lastIndexOf('/'), label.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
