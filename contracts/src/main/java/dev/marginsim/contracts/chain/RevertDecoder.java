package dev.marginsim.contracts.chain;

import dev.marginsim.core.OracleFailureCode;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.RevertReason;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Turns the revert data of a failed call into the protocol's typed {@link ProtocolRevert}. */
public final class RevertDecoder {
    private static final Map<String, RevertReason> BY_SELECTOR = new HashMap<>();

    static {
        for (RevertReason r : RevertReason.values()) {
            String signature = r == RevertReason.OracleFailure ? "OracleFailure(uint8)" : r.name() + "()";
            BY_SELECTOR.put(selector(signature), r);
        }
    }

    private RevertDecoder() {
    }

    /** The 4-byte selector of an error or function signature, as 0x-prefixed lower-case hex. */
    public static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    /** The protocol revert encoded in {@code data}, or empty if it is not one of the protocol's errors. */
    public static Optional<ProtocolRevert> decode(String data) {
        if (data == null || data.length() < 10) {
            return Optional.empty();
        }
        // Some responses carry the data as a quoted JSON string.
        String hex = data.replace("\"", "").trim().toLowerCase();
        if (hex.length() < 10) {
            return Optional.empty();
        }
        RevertReason reason = BY_SELECTOR.get(hex.substring(0, 10));
        if (reason == null) {
            return Optional.empty();
        }
        if (reason != RevertReason.OracleFailure) {
            return Optional.of(new ProtocolRevert(reason));
        }
        if (hex.length() < 10 + 64) {
            return Optional.empty();
        }
        int code = new BigInteger(Numeric.cleanHexPrefix(hex.substring(10, 74)), 16).intValueExact();
        return Optional.of(ProtocolRevert.oracle(OracleFailureCode.ofCode(code)));
    }
}
