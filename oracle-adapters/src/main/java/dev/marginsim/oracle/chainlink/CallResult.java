package dev.marginsim.oracle.chainlink;

/** What one {@code eth_call} gave back: the returned bytes, or a revert with its data. */
public sealed interface CallResult permits CallResult.Returned, CallResult.Reverted {

    /** The call returned; {@code hex} is 0x-prefixed (may be "0x": no code or an empty return). */
    record Returned(String hex) implements CallResult {
    }

    /** The call reverted; {@code data} is the revert data (0x-prefixed, possibly "0x"), message the node's text. */
    record Reverted(String data, String message) implements CallResult {
    }
}
