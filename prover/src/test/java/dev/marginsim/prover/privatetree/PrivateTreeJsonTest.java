package dev.marginsim.prover.privatetree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Round;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The private tier's documents: golden bytes, the schema, and reading back to the same bytes and a valid proof. */
class PrivateTreeJsonTest {
    static final String ROUND = "golden/privatetree/private-round.json";
    static final String PROOF = "golden/privatetree/private-inclusion-proof.json";
    static final String REVEALED = "golden/privatetree/private-solvency-revealed.json";
    static final String BOUNDED = "golden/privatetree/private-solvency-bounded.json";
    private static PrivateTree tree;
    private static Address account;

    /** Seven accounts (a depth-3 tree), seed 11: the documents' source. */
    static synchronized PrivateTree goldenTree() {
        if (tree == null) {
            Round round = TreeFixtures.round(11, 7, 1);
            tree = TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER);
            account = round.accounts().get(2).account();
        }
        return tree;
    }

    static Address goldenAccount() {
        goldenTree();
        return account;
    }

    static byte[] proofBytes() {
        return JsonOut.bytes(PrivateTreeJson.writeProof(PrivateInclusionProver.prove(goldenTree(), goldenAccount(), 64, Golden.seeded(1))));
    }

    @BeforeAll
    static void build() {
        goldenTree();
    }

    @Test
    void documentsAreGolden() throws Exception {
        Golden.assertGolden(ROUND, JsonOut.bytes(PrivateTreeJson.writeRound(PrivateRound.of(tree))));
        Golden.assertGolden(PROOF, proofBytes());
        Golden.assertGolden(REVEALED, JsonOut.bytes(PrivateTreeJson.writeSolvency(SolvencyProver.revealed(tree))));
        Golden.assertGolden(BOUNDED, JsonOut.bytes(PrivateTreeJson.writeSolvency(SolvencyProver.bounded(tree, 64, Golden.seeded(2)))));
    }

    @Test
    void documentsReadBack_toTheSameBytes_andVerify() throws Exception {
        PrivateRound published = PrivateTreeJson.readRound(Golden.read(ROUND));
        assertArrayEquals(PrivateRound.of(tree).roundHash(), published.roundHash());
        PrivateInclusionProof proof = PrivateTreeJson.readProof(Golden.read(PROOF));
        assertArrayEquals(Golden.read(PROOF), JsonOut.bytes(PrivateTreeJson.writeProof(proof)));
        PrivateInclusionVerifier.verify(proof, published, account, null, 64);
        for (String name : new String[] {REVEALED, BOUNDED}) {
            SolvencyProof s = PrivateTreeJson.readSolvency(Golden.read(name));
            assertArrayEquals(Golden.read(name), JsonOut.bytes(PrivateTreeJson.writeSolvency(s)));
            SolvencyVerifier.verify(s, published, 64);
        }
    }

    @Test
    void everyGoldenDocumentMatchesTheSchema_andTheSchemaRejectsNonCanonicalText() throws Exception {
        JsonSchema schema = Golden.schema("private-tree-v1.schema.json");
        ObjectMapper mapper = new ObjectMapper();
        for (String name : new String[] {ROUND, PROOF, REVEALED, BOUNDED}) {
            assertEquals(java.util.Set.of(), schema.validate(mapper.readTree(Golden.read(name))), name);
        }
        String proof = new String(Golden.read(PROOF));
        String salt = mapper.readTree(proof).get("salt").textValue();
        String[] bad = {
            proof.replace(salt, salt.toUpperCase().replace("0X", "0x")),
            proof.replaceFirst("\"index\" : \"(\\d+)\"", "\"index\" : $1"),
            proof.replaceFirst("\"bits\" : 64", "\"bits\" : 63"),
            proof.replaceFirst("\"version\" : 1", "\"version\" : 2"),
            proof.replaceFirst("\"salt\"", "\"extra\" : 1,\n  \"salt\""),
            proof.replaceFirst("\"0x0([23])", "\"0x04"),
        };
        for (String b : bad) {
            assertTrue(!b.equals(proof), "the mutation applies");
            assertTrue(!schema.validate(mapper.readTree(b)).isEmpty(), "the schema accepts a mutation");
        }
    }
}
