package dev.marginsim.oracle.chainlink;

import java.util.Objects;

/**
 * One read-only call: the contract and the ABI-encoded calldata (0x-prefixed). A null {@code to} runs
 * {@code data} as creation code (a deployless read, see {@link RoundBatchReader}).
 */
public record EthCall(String to, String data) {
    public EthCall {
        Objects.requireNonNull(data, "data");
    }
}
