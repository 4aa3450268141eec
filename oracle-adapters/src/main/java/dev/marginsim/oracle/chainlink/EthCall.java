package dev.marginsim.oracle.chainlink;

import java.util.Objects;

/** One read-only call: the contract and the ABI-encoded calldata (0x-prefixed). */
public record EthCall(String to, String data) {
    public EthCall {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(data, "data");
    }
}
