package dev.marginsim.prover.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.transparent.TransparentTree;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documents of a fixed-seed round, byte for byte, their schema, and reading them back. */
class TransparentJsonGoldenTest {
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = TransparentJsonGoldenTest.class.getResourceAsStream("/dev/marginsim/prover/schema/transparent-v1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Address goldenAccount() {
        return Address.ofIndex(3);
    }

    @Test
    void roundDocumentIsGolden() throws Exception {
        GoldenFiles.assertGolden(GoldenFiles.ROUND, JsonOut.bytes(TransparentJson.writeRound(GoldenFiles.tree().published())));
    }

    @Test
    void proofDocumentIsGolden() throws Exception {
        GoldenFiles.assertGolden(GoldenFiles.PROOF, JsonOut.bytes(TransparentJson.writeProof(GoldenFiles.tree().proof(goldenAccount()))));
    }

    @Test
    void statementDocumentIsGolden() throws Exception {
        GoldenFiles.assertGolden(GoldenFiles.STATEMENT, JsonOut.bytes(TransparentJson.writeStatement(GoldenFiles.tree().published())));
    }

    @Test
    void documentsReadBackToWhatWasWritten() throws Exception {
        TransparentTree tree = GoldenFiles.tree();
        PublishedRound round = TransparentJson.readRound(GoldenFiles.read(GoldenFiles.ROUND));
        assertArrayEquals(tree.published().roundHash(), round.roundHash());
        InclusionProof proof = TransparentJson.readProof(GoldenFiles.read(GoldenFiles.PROOF));
        assertEquals(goldenAccount(), proof.account());
        assertArrayEquals(tree.proof(goldenAccount()).balances(), proof.balances());
        assertArrayEquals(JsonOut.bytes(TransparentJson.writeProof(proof)), GoldenFiles.read(GoldenFiles.PROOF));
        assertArrayEquals(tree.published().roundHash(), TransparentJson.readStatement(GoldenFiles.read(GoldenFiles.STATEMENT)).roundHash());
    }

    @Test
    void everyGoldenDocumentMatchesTheSchema() throws Exception {
        for (String name : new String[] {GoldenFiles.ROUND, GoldenFiles.PROOF, GoldenFiles.STATEMENT}) {
            JsonNode doc = new ObjectMapper().readTree(GoldenFiles.read(name));
            Set<ValidationMessage> errors = schema.validate(doc);
            assertTrue(errors.isEmpty(), name + ": " + errors);
        }
    }

    @Test
    void theSchemaRejectsNonCanonicalFields() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String proof = new String(GoldenFiles.read(GoldenFiles.PROOF));
        String salt = mapper.readTree(proof).get("salt").textValue();
        String[] bad = {
            proof.replace(salt, salt.toUpperCase().replace("0X", "0x")),           // upper-case hex
            proof.replaceFirst("\"index\" : \"(\\d+)\"", "\"index\" : $1"),          // a number where a string is due
            proof.replaceFirst("\"index\" : \"", "\"index\" : \"0"),                 // a leading zero
            proof.replaceFirst("\"version\" : 1", "\"version\" : 2"),                // another version
            proof.replaceFirst("\"salt\"", "\"extra\" : 1,\n  \"salt\""),            // an unknown field
        };
        for (String b : bad) {
            assertTrue(!b.equals(proof), "the mutation applies");
            assertTrue(!schema.validate(mapper.readTree(b)).isEmpty(), "the schema accepts a mutation:\n" + b.substring(0, 200));
        }
    }
}
