package dev.marginsim.prover.onchain;

import dev.marginsim.contracts.chain.SolvencyRegistryClient.ProofArgs;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import java.util.ArrayList;
import java.util.List;

/**
 * A mutable copy of an inclusion proof, to change one field and hand the same mutant to the Java
 * verifier ({@link #toProof()}) and to the registry ({@link #toArgs()}).
 */
final class ProofEdit {
    PublishedRound round;
    long roundIdOnChain;
    Address account;
    byte[] salt;
    long[] balances;
    long index;
    final List<byte[]> hashes = new ArrayList<>();
    final List<long[]> sums = new ArrayList<>();

    static ProofEdit of(InclusionProof p) {
        ProofEdit e = new ProofEdit();
        e.round = p.round();
        e.roundIdOnChain = p.round().info().roundId();
        e.account = p.account();
        e.salt = p.salt();
        e.balances = p.balances();
        e.index = p.index();
        for (int level = 0; level < p.pathLength(); level++) {
            e.hashes.add(p.siblingHash(level));
            e.sums.add(p.siblingSums(level));
        }
        return e;
    }

    InclusionProof toProof() {
        return new InclusionProof(round, account, salt, balances, index, hashes.toArray(byte[][]::new),
                sums.toArray(long[][]::new));
    }

    /** The call arguments; sums are flattened with the round's column count, whatever each entry's length. */
    ProofArgs toArgs() {
        List<Long> flat = new ArrayList<>();
        for (long[] s : sums) {
            for (long v : s) {
                flat.add(v);
            }
        }
        return new ProofArgs(roundIdOnChain, account.toString(), salt, balances, index, List.copyOf(hashes),
                flat.stream().mapToLong(Long::longValue).toArray());
    }
}
