package dev.marginsim.cli;

import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.contracts.chain.ProtocolClient.Read;
import dev.marginsim.simulator.engine.MarginEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The stored state of a protocol — every account, position, market, total and fund — as lines of
 * text, read from the chain (one JSON-RPC batch) or from the engine, so two runs can be compared
 * line by line.
 */
public final class EndState {
    private EndState() {
    }

    public static List<String> ofChain(ProtocolClient client, int accounts, int markets, int assets, IntFunction<String> address) {
        List<Read<?>> reads = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            reads.add(ProtocolClient.getAccountRead(address.apply(a)));
            for (int m = 0; m < markets; m++) {
                reads.add(ProtocolClient.getPositionRead(address.apply(a), m, false));
                reads.add(ProtocolClient.getPositionRead(address.apply(a), m, true));
            }
        }
        for (int m = 0; m < markets; m++) {
            reads.add(ProtocolClient.getMarketStateRead(m));
        }
        for (int asset = 0; asset < assets; asset++) {
            reads.add(ProtocolClient.totalDepositsRead(asset));
        }
        reads.add(ProtocolClient.protocolStateRead());
        List<String> lines = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int from = 0; from < reads.size(); from += 500) {
            values.addAll(client.readAll(reads.subList(from, Math.min(reads.size(), from + 500))));
        }
        int i = 0;
        for (int a = 0; a < accounts; a++) {
            ProtocolClient.Account acct = (ProtocolClient.Account) values.get(i++);
            lines.add(account(a, acct.exists(), acct.quoteE6(), acct.collateralE9()));
            for (int m = 0; m < markets; m++) {
                for (boolean iso : new boolean[] {false, true}) {
                    ProtocolClient.Position p = (ProtocolClient.Position) values.get(i++);
                    lines.add(position(a, m, iso, p.sizeE9(), p.openNotionalE6(), p.fundingSnapshotE12(), p.marginE6()));
                }
            }
        }
        for (int m = 0; m < markets; m++) {
            ProtocolClient.MarketState s = (ProtocolClient.MarketState) values.get(i++);
            lines.add(market(m, s.longOpenInterestE9(), s.shortOpenInterestE9(), s.cumulativeFundingE12(), s.lastFundingTime()));
        }
        for (int asset = 0; asset < assets; asset++) {
            lines.add("deposits " + asset + " " + values.get(i++));
        }
        ProtocolClient.ProtocolState p = (ProtocolClient.ProtocolState) values.get(i);
        lines.add(protocol(p.insuranceFundE6(), p.poolE6(), p.totalQuoteE6()));
        return lines;
    }

    public static List<String> ofEngine(MarginEngine e, int accounts, int markets, int assets) {
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            var acct = e.account(a);
            lines.add(account(a, acct.exists(), acct.quoteE6(), acct.collateralE9()));
            for (int m = 0; m < markets; m++) {
                for (boolean iso : new boolean[] {false, true}) {
                    var p = e.position(a, m, iso);
                    lines.add(position(a, m, iso, p.sizeE9(), p.openNotionalE6(), p.fundingSnapshotE12(), p.marginE6()));
                }
            }
        }
        for (int m = 0; m < markets; m++) {
            var s = e.marketState(m);
            lines.add(market(m, s.longOpenInterestE9(), s.shortOpenInterestE9(), s.cumulativeFundingE12(), s.lastFundingTime()));
        }
        for (int asset = 0; asset < assets; asset++) {
            lines.add("deposits " + asset + " " + e.totalDepositsE9(asset));
        }
        var p = e.protocolState();
        lines.add(protocol(p.insuranceFundE6(), p.poolE6(), p.totalQuoteE6()));
        return lines;
    }

    private static String account(int a, boolean exists, long quote, long[] collateral) {
        return "account " + a + " exists=" + exists + " quoteE6=" + quote + " collateralE9=" + Arrays.toString(collateral);
    }

    private static String position(int a, int m, boolean iso, long size, long on, long snap, long margin) {
        return "position " + a + "/" + m + (iso ? " isolated" : " cross") + " size=" + size + " openNotional=" + on
                + " fundingSnapshot=" + snap + " margin=" + margin;
    }

    private static String market(int m, long longOi, long shortOi, long funding, long time) {
        return "market " + m + " longOI=" + longOi + " shortOI=" + shortOi + " funding=" + funding + " time=" + time;
    }

    private static String protocol(long insurance, long pool, long totalQuote) {
        return "protocol insurance=" + insurance + " pool=" + pool + " totalQuote=" + totalQuote;
    }
}
