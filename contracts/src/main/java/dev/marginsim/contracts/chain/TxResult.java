package dev.marginsim.contracts.chain;

import dev.marginsim.core.ProtocolRevert;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A mined transaction: its receipt and, if it reverted, the decoded protocol error (empty when the
 * revert data is not one of the protocol's errors).
 */
public record TxResult(TransactionReceipt receipt, boolean success, Optional<ProtocolRevert> revert, String revertData) {
}
