package dev.marginsim.cli.prices;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.failure.OracleView;
import dev.marginsim.oracle.path.PricePath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The CSV the command writes. A path is {@code timestamp,price} with the price as an exact decimal
 * (the feed integer scaled by 10^-decimals), so {@code marginsim prices load} reads it back to the
 * same integers. An oracle view is one line per round:
 * {@code round_id,answer,decimals,started_at,updated_at,answered_in_round} (answer: the raw integer).
 */
final class PriceCsv {
    private PriceCsv() {
    }

    static byte[] path(PricePath p) {
        StringBuilder out = new StringBuilder(p.size() * 24).append("timestamp,price\n");
        for (int i = 0; i < p.size(); i++) {
            out.append(p.time(i)).append(',').append(BigDecimal.valueOf(p.price(i), p.decimals()).toPlainString()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] view(OracleView v) {
        StringBuilder out = new StringBuilder(v.rounds().size() * 48)
                .append("round_id,answer,decimals,started_at,updated_at,answered_in_round\n");
        for (PriceRound r : v.rounds()) {
            out.append(r.roundId()).append(',').append(r.answer()).append(',').append(r.decimals()).append(',')
                    .append(r.startedAt()).append(',').append(r.updatedAt()).append(',').append(r.answeredInRound()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
