package dev.marginsim.prover.verify;

import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.transparent.TreeHashing;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the transparent tier (docs/proofs.md, "Verification"). Every method returns normally or
 * throws {@link VerificationException} with the first failed check's {@link Failure}; none returns a
 * boolean. Checks that need what only the account holder knows (its address, its balances) or what
 * only the chain knows (the published round) take them as arguments. Thread-safe (no state).
 */
public final class TransparentVerifier {
    private TransparentVerifier() {
    }

    /**
     * The round on its own: prices are the snapshot's answers, and reserves cover liabilities per token
     * (the solvency statement). The round hash and snapshot hash were checked when the document was read.
     */
    public static void verifyRound(PublishedRound round) throws VerificationException {
        var price = round.info().priceProblem();
        if (price.isPresent()) {
            throw new VerificationException(Failure.PRICE_MISMATCH, price.get());
        }
        var shortfall = round.shortfall();
        if (shortfall.isPresent()) {
            throw new VerificationException(Failure.INSOLVENT, shortfall.get());
        }
    }

    /**
     * An inclusion proof against the round it carries: the round is valid ({@link #verifyRound}), the
     * leaf's USD column is its balances' value at the round's prices, and the path from the leaf reaches
     * the round's root hash with the round's totals as sums.
     */
    public static void verifyInclusion(InclusionProof proof) throws VerificationException {
        verifyRound(proof.round());
        PublishedRound round = proof.round();
        int c = round.info().columns();
        int depth = round.depth();
        if (proof.pathLength() != depth) {
            throw new VerificationException(Failure.LENGTH_MISMATCH,
                    "the path has " + proof.pathLength() + " siblings; the tree has depth " + depth);
        }
        long index = proof.index();
        if (depth < 64 && Long.compareUnsigned(index, 1L << depth) >= 0) {
            throw new VerificationException(Failure.INDEX_OUT_OF_RANGE,
                    "index " + Long.toUnsignedString(index) + " is not below 2^" + depth);
        }
        long[] balances = proof.balances();
        checkUsdColumn(round.info(), balances);
        TreeHashing hashing = new TreeHashing(c);
        byte[] hash = new byte[32];
        long[] sums = balances.clone();
        byte[] salt = proof.salt();
        hashing.leaf(proof.account(), salt, 0, sums, 0, hash, 0);
        byte[] next = new byte[32];
        long[] nextSums = new long[c];
        for (int level = 0; level < depth; level++) {
            byte[] siblingHash = proof.siblingHash(level);
            long[] siblingSums = proof.siblingSums(level);
            boolean right = ((index >>> level) & 1) == 1;
            try {
                if (right) {
                    hashing.node(siblingHash, 0, siblingSums, 0, hash, 0, sums, 0, next, 0, nextSums, 0);
                } else {
                    hashing.node(hash, 0, sums, 0, siblingHash, 0, siblingSums, 0, next, 0, nextSums, 0);
                }
            } catch (ArithmeticException e) {
                throw new VerificationException(Failure.SUM_OVERFLOW, "at level " + (level + 1) + ": " + e.getMessage());
            }
            byte[] t = hash;
            hash = next;
            next = t;
            long[] ts = sums;
            sums = nextSums;
            nextSums = ts;
        }
        if (!Arrays.equals(hash, round.rootHash())) {
            throw new VerificationException(Failure.ROOT_MISMATCH, "the path does not lead to the round's root hash");
        }
        if (!Arrays.equals(sums, round.totals())) {
            throw new VerificationException(Failure.TOTALS_MISMATCH,
                    "the root's sums " + Arrays.toString(sums) + " are not the round's totals " + Arrays.toString(round.totals()));
        }
    }

    /**
     * {@link #verifyInclusion} plus: the proof is for {@code published} (the round as the registry or
     * the operator's public channel shows it to everyone), for {@code account}, and, if
     * {@code expectedBalances} is not null, with exactly those balances (asset columns; the USD column
     * follows from them).
     */
    public static void verifyInclusion(InclusionProof proof, PublishedRound published, Address account,
            long[] expectedBalances) throws VerificationException {
        if (!Arrays.equals(proof.round().roundHash(), published.roundHash())) {
            throw new VerificationException(Failure.ROUND_MISMATCH,
                    "the proof's round is not the published round (another round, chain, protocol, root or totals)");
        }
        if (!proof.account().equals(account)) {
            throw new VerificationException(Failure.ACCOUNT_MISMATCH, "the leaf is account " + proof.account() + "'s, not " + account + "'s");
        }
        verifyInclusion(proof);
        if (expectedBalances != null) {
            long[] b = proof.balances();
            int assets = published.info().assets().size();
            if (expectedBalances.length != assets || !Arrays.equals(Arrays.copyOf(b, assets), expectedBalances)) {
                throw new VerificationException(Failure.BALANCE_MISMATCH,
                        "the leaf says " + Arrays.toString(Arrays.copyOf(b, assets)) + ", the account expects "
                                + Arrays.toString(expectedBalances));
            }
        }
    }

    /**
     * Checks proofs gathered from several account holders or rounds against one another (each already
     * verified): no two accounts share one slot of one round ({@link Failure#LEAF_SHARED}), and no salt
     * appears in two leaves ({@link Failure#SALT_REUSED}) — salts are per account and per round.
     */
    public static void verifyDistinct(List<InclusionProof> proofs) throws VerificationException {
        Map<String, Address> slots = new HashMap<>();
        Map<String, String> salts = new HashMap<>();
        for (InclusionProof p : proofs) {
            String round = Arrays.toString(p.round().roundHash());
            String slot = round + "#" + Long.toUnsignedString(p.index());
            Address before = slots.putIfAbsent(slot, p.account());
            if (before != null && !before.equals(p.account())) {
                throw new VerificationException(Failure.LEAF_SHARED,
                        "accounts " + before + " and " + p.account() + " were shown slot " + Long.toUnsignedString(p.index()));
            }
            String leaf = round + "@" + p.account();
            String salt = Arrays.toString(p.salt());
            String other = salts.putIfAbsent(salt, leaf);
            if (other != null && !other.equals(leaf)) {
                throw new VerificationException(Failure.SALT_REUSED, "one salt appears in two leaves (account " + p.account() + ")");
            }
        }
    }

    /** The USD column must be Σ value(balance_i) at the round's prices, floor per asset (LiabilityRule). */
    private static void checkUsdColumn(RoundInfo info, long[] balances) throws VerificationException {
        long usd = 0;
        try {
            for (int i = 0; i < info.assets().size(); i++) {
                RoundAsset a = info.assets().get(i);
                usd = Math.addExact(usd, a.valueE6(balances[i]));
            }
        } catch (ArithmeticException | dev.marginsim.core.ProtocolRevert e) {
            throw new VerificationException(Failure.SUM_OVERFLOW, "the leaf's USD value leaves int64");
        }
        if (usd != balances[info.usdColumn()]) {
            throw new VerificationException(Failure.USD_VALUE_MISMATCH,
                    "the leaf's USD column is " + balances[info.usdColumn()] + "; its balances are worth " + usd);
        }
    }
}
