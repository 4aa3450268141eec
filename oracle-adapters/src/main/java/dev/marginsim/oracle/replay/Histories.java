package dev.marginsim.oracle.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The real histories shipped in this module (resources under {@code dev/marginsim/oracle/histories/};
 * their source, licence and extraction are in the PROVENANCE.md beside them).
 */
public enum Histories {
    /** Bitstamp BTC/USD, 1-minute bars from trades, 2013-11-25 to 2013-12-01 (to the Nov 30 peak and the first fall). */
    BTC_USD_2013("btc-usd-2013", "BTC/USD", "btc-usd-bitstamp-2013-11-25-1m.csv", HistoryReader.Format.CSV),
    /** BinanceUS ETH/USD, 5-minute bars, 2023-03-13 to 2023-03-15 (after the USDC de-peg weekend). */
    ETH_USD_2023("eth-usd-2023", "ETH/USD", "eth-usd-binanceus-2023-03-13-5m.json", HistoryReader.Format.JSON);

    private final String id;
    private final String pair;
    private final String resource;
    private final HistoryReader.Format format;

    Histories(String id, String pair, String resource, HistoryReader.Format format) {
        this.id = id;
        this.pair = pair;
        this.resource = resource;
        this.format = format;
    }

    /** The short id used on the command line ({@code btc-usd-2013}). */
    public String id() {
        return id;
    }

    /** The resource file name. */
    public String resource() {
        return resource;
    }

    /** Loads the history (name: the pair, unless the options name it). */
    public History load(ReadOptions options) {
        ReadOptions named = options.name().isPresent() ? options : options.withName(pair);
        try (InputStream in = Histories.class.getResourceAsStream("/dev/marginsim/oracle/histories/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("history resource missing from the build: " + resource);
            }
            return HistoryReader.read(resource, in, format, named);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The history with this id, if any. */
    public static Optional<Histories> byId(String id) {
        return Arrays.stream(values()).filter(h -> h.id.equals(id)).findFirst();
    }
}
