package dev.marginsim.contracts.chain;

/** The chain could not be reached or answered something a margin protocol client cannot use. */
public final class ChainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
