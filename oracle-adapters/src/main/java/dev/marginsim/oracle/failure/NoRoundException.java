package dev.marginsim.oracle.failure;

/** A feed read before its first round was written (an aggregator reverts "No data present"). */
public final class NoRoundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NoRoundException(String feed, long time) {
        super("feed " + feed + " has no round at or before " + time + " (No data present)");
    }
}
