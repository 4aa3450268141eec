package dev.marginsim.oracle.replay;

/** A history file that cannot be read; the message starts with {@code file:line:}. */
public final class HistoryFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    public HistoryFormatException(String file, long line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
    }

    /** The file as named by the caller. */
    public String file() {
        return file;
    }

    /** The 1-based line of the offending record (0 when the problem is the file as a whole). */
    public long line() {
        return line;
    }
}
