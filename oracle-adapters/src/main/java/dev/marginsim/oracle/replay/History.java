package dev.marginsim.oracle.replay;

import dev.marginsim.oracle.path.BarSeries;
import dev.marginsim.oracle.path.PricePath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded history: its price path, and, when the file held bars, the bars themselves.
 *
 * @param path    the prices as points (bars expanded by the reader's {@link BarSeries.Expansion})
 * @param bars    the bars, if the file held bars
 * @param volumes per-point volumes, if the file held points with a volume column (else empty)
 */
public record History(PricePath path, Optional<BarSeries> bars, List<BigDecimal> volumes) {
    public History {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bars, "bars");
        volumes = List.copyOf(volumes);
        if (!volumes.isEmpty() && volumes.size() != path.size()) {
            throw new IllegalArgumentException(volumes.size() + " volumes for " + path.size() + " points");
        }
    }
}
