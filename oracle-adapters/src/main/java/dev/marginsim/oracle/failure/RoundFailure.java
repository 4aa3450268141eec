package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;
import java.util.List;

/**
 * A failure applied to the reports an update rule produced. It sees the market path too (a feed
 * that comes back after an outage reports the market price of that moment). Returns reports in
 * write order.
 */
@FunctionalInterface
public interface RoundFailure {
    List<Report> apply(List<Report> reports, PricePath market);
}
