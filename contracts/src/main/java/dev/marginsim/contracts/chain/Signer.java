package dev.marginsim.contracts.chain;

import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * One key and its next nonce, tracked locally so transactions can be signed ahead and sent back to
 * back without asking the node for the nonce each time.
 */
public final class Signer {
    private final Credentials credentials;
    private long nextNonce;

    public Signer(Credentials credentials, long nextNonce) {
        this.credentials = credentials;
        this.nextNonce = nextNonce;
    }

    public String address() {
        return credentials.getAddress();
    }

    public Credentials credentials() {
        return credentials;
    }

    public long nextNonce() {
        return nextNonce;
    }

    /** Resets the local nonce, e.g. after the chain was reverted to a snapshot. */
    public void resetNonce(long nonce) {
        this.nextNonce = nonce;
    }

    /** Signs a legacy transaction with the next nonce and advances it; returns the raw hex. */
    public String sign(long chainId, String to, String data, BigInteger value, BigInteger gasPrice, BigInteger gasLimit) {
        RawTransaction tx = to == null
                ? RawTransaction.createContractTransaction(BigInteger.valueOf(nextNonce), gasPrice, gasLimit, value, data)
                : RawTransaction.createTransaction(BigInteger.valueOf(nextNonce), gasPrice, gasLimit, to, value, data);
        nextNonce++;
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
    }
}
