package dev.marginsim.prover.margin;

import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.privatetree.AccountLeaf;
import dev.marginsim.prover.privatetree.Golden;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.privatetree.PrivateTree;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.verify.VerificationException;

/**
 * The margin proof's golden source: the boundary book (small setup; account 1 exactly at maintenance,
 * account 2 one unit below), its private tree, and account 1's maintenance proof with nonces from seed 3.
 */
final class MarginGolden {
    static final String PROOF = "golden/margin/margin-proof-maintenance.json";
    static final Address ACCOUNT = Address.ofIndex(1);
    static final BoundaryBook BOOK;
    static final PrivateTree TREE;
    static final PrivateRound ROUND;
    static final MarginStatement STATEMENT;

    static {
        long x = 10_000_000_000L;
        long slack = new BoundaryBook(270_000_000_000L, x).slack(0, MarginLevel.MAINTENANCE);
        BOOK = new BoundaryBook(270_000_000_000L, x, x - slack, x - slack - 1);
        TREE = MarginProofTest.BUILDER.build(BOOK.round(1), MarginProofTest.MASTER);
        ROUND = PrivateRound.of(TREE);
        STATEMENT = EnginePool.statement(BOOK.engine, BOOK.setup, MarginLevel.MAINTENANCE);
    }

    private MarginGolden() {
    }

    static AccountLeaf leaf(Address a) {
        return TREE.accountLeaf(a);
    }

    static byte[] proofBytes() throws MarginRefusedException {
        return JsonOut.bytes(MarginProofJson.write(MarginProver.prove(ROUND, leaf(ACCOUNT), STATEMENT,
                EnginePool.opening(BOOK.engine, 1, STATEMENT), Golden.seeded(3))));
    }

    static void verify(MarginProof proof) throws VerificationException {
        MarginVerifier.verify(proof, ROUND, STATEMENT, ACCOUNT, leaf(ACCOUNT).leafHash());
    }
}
