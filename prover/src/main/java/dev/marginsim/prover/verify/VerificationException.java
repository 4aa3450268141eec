package dev.marginsim.prover.verify;

import java.util.Objects;

/**
 * A rejected proof, round or statement, with its {@link Failure} reason. Verifiers either return
 * normally or throw this (as Tink's {@code verify} does): there is no boolean to forget to check.
 * Parsers throw it too, so malformed input is a named rejection, never a stack trace.
 *
 * <p>The message is one line, {@code REASON: detail}, fit to print as a CLI's last word.
 */
public final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Failure failure;

    public VerificationException(Failure failure, String detail) {
        super(Objects.requireNonNull(failure, "failure").name() + ": " + oneLine(detail));
        this.failure = failure;
    }

    public VerificationException(Failure failure, String detail, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").name() + ": " + oneLine(detail), cause);
        this.failure = failure;
    }

    /** Why the input was rejected. */
    public Failure failure() {
        return failure;
    }

    private static String oneLine(String detail) {
        return detail == null ? "" : detail.replace('\n', ' ').replace('\r', ' ');
    }
}
