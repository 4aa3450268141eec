package dev.marginsim.oracle.chainlink;

/**
 * Why a Chainlink feed could not be read. The subclasses are the whole set, so a caller can tell a
 * node that is down from an address that is not a feed, and say which to the user.
 */
public abstract sealed class FeedException extends RuntimeException
        permits FeedException.Unreachable, FeedException.NoContractCode, FeedException.NotAFeed,
        FeedException.NoRoundData {
    private static final long serialVersionUID = 1L;

    FeedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The JSON-RPC URL does not answer, or does not answer JSON-RPC. */
    public static final class Unreachable extends FeedException {
        private static final long serialVersionUID = 1L;

        public Unreachable(String url, String why, Throwable cause) {
            super("cannot reach a JSON-RPC node at " + url + ": " + why, cause);
        }
    }

    /** Nothing is deployed at the address (an EOA, a typo, the wrong chain). */
    public static final class NoContractCode extends FeedException {
        private static final long serialVersionUID = 1L;

        public NoContractCode(String address) {
            super("no contract code at " + address + " (wrong address or wrong chain?)", null);
        }
    }

    /** A contract is there, but its AggregatorV3Interface calls revert or return something else. */
    public static final class NotAFeed extends FeedException {
        private static final long serialVersionUID = 1L;

        public NotAFeed(String address, String why) {
            super("the contract at " + address + " is not an AggregatorV3Interface feed: " + why, null);
        }
    }

    /** The feed exists but has no round to give (latestRoundData reverts before its first answer). */
    public static final class NoRoundData extends FeedException {
        private static final long serialVersionUID = 1L;

        public NoRoundData(String address, String why) {
            super("the feed at " + address + " has no round data yet: " + why, null);
        }
    }
}
