package dev.marginsim.prover.margin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.prover.format.Hex;
import dev.marginsim.prover.format.JsonIn;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.verify.VerificationException;
import java.util.Set;

/**
 * The public terms that every margin proof of one round and level is checked against, as the operator
 * publishes them beside the round: document {@value #TYPE}, version 1, fields {@code roundHash} and
 * {@code statement {level, assets, markets}} exactly as inside a margin proof (docs/proofs-private-tree.md,
 * "Margin statement document"). A counterparty compares the prices with the round's and the weights,
 * ratios and funding indices with the protocol's public parameters and state; {@link MarginVerifier}
 * then refuses any proof made against other terms.
 *
 * @param roundHash the round the terms are for
 * @param statement the terms
 */
public record MarginStatementJson(byte[] roundHash, MarginStatement statement) {
    public static final String TYPE = "marginsim/margin-statement";
    public static final int VERSION = 1;
    private static final Set<String> FIELDS = Set.of("type", "version", "roundHash", "statement");

    public MarginStatementJson {
        if (roundHash.length != 32) {
            throw new IllegalArgumentException("a round hash has 32 bytes");
        }
        roundHash = roundHash.clone();
    }

    @Override
    public byte[] roundHash() {
        return roundHash.clone();
    }

    /** By content: a record's default would compare the hash array by identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MarginStatementJson m && java.util.Arrays.equals(roundHash, m.roundHash) && statement.equals(m.statement);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(roundHash) + statement.hashCode();
    }

    @Override
    public String toString() {
        return "MarginStatementJson[roundHash=" + Hex.encode(roundHash) + ", statement=" + statement + "]";
    }

    public byte[] toBytes() {
        ObjectNode o = JsonOut.document(TYPE, VERSION);
        o.put("roundHash", Hex.encode(roundHash));
        MarginProofJson.writeStatement(o.putObject("statement"), statement);
        return JsonOut.bytes(o);
    }

    public static MarginStatementJson read(byte[] json) throws VerificationException {
        ObjectNode o = JsonIn.document(JsonIn.parse(json), TYPE, VERSION, FIELDS);
        byte[] roundHash = JsonIn.hex(JsonIn.field(o, "roundHash", "$"), "$.roundHash", 32);
        return new MarginStatementJson(roundHash, MarginProofJson.statement(JsonIn.field(o, "statement", "$"), "$.statement"));
    }
}
