package dev.marginsim.oracle.chainlink;

import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.utils.Numeric;

/**
 * The calls of {@code AggregatorV3Interface} (and the proxy's phase reads) encoded with web3j, and
 * strict decoders of what comes back: a word that does not fit its declared type, or a return of
 * the wrong length, is "not a feed", never a silently truncated number.
 */
final class AggregatorAbi {
    static final String DECIMALS = encode("decimals");
    static final String DESCRIPTION = encode("description");
    static final String LATEST_ROUND_DATA = encode("latestRoundData");
    static final String PHASE_ID = encode("phaseId");
    static final String AGGREGATOR = encode("aggregator");

    private static final BigInteger UINT80_LIMIT = BigInteger.ONE.shiftLeft(80);
    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private AggregatorAbi() {
    }

    static String getRoundData(BigInteger roundId) {
        return encode("getRoundData", new Uint80(roundId));
    }

    static String phaseAggregators(int phaseId) {
        return encode("phaseAggregators", new Uint16(phaseId));
    }

    private static String encode(String name, Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
    }

    /** The five words of latestRoundData/getRoundData as a round of {@code source}. */
    static PriceRound decodeRound(String address, String source, int decimals, String hex) {
        byte[] b = bytes(hex);
        if (b.length != 5 * 32) {
            throw new FeedException.NotAFeed(address, "round data of " + b.length + " bytes, expected 160");
        }
        BigInteger roundId = unsigned(b, 0);
        BigInteger answer = new BigInteger(java.util.Arrays.copyOfRange(b, 32, 64)); // int256, two's complement
        BigInteger startedAt = unsigned(b, 2);
        BigInteger updatedAt = unsigned(b, 3);
        BigInteger answeredInRound = unsigned(b, 4);
        if (roundId.compareTo(UINT80_LIMIT) >= 0 || answeredInRound.compareTo(UINT80_LIMIT) >= 0) {
            throw new FeedException.NotAFeed(address, "a round id above uint80");
        }
        // Timestamps are uint256 on the wire; a feed's are block times. Anything past 2^63 is garbage to us.
        if (startedAt.bitLength() > 63 || updatedAt.bitLength() > 63) {
            throw new FeedException.NotAFeed(address, "a timestamp above 2^63 - 1");
        }
        return new PriceRound(source, roundId, answer, decimals, startedAt.longValue(), updatedAt.longValue(),
                answeredInRound);
    }

    static int decodeDecimals(String address, String hex) {
        BigInteger d = singleWord(address, "decimals()", hex);
        if (d.bitLength() > 8) {
            throw new FeedException.NotAFeed(address, "decimals() returned " + d + ", not a uint8");
        }
        return d.intValue();
    }

    static int decodeUint16(String address, String what, String hex) {
        BigInteger v = singleWord(address, what, hex);
        if (v.bitLength() > 16) {
            throw new FeedException.NotAFeed(address, what + " returned " + v + ", not a uint16");
        }
        return v.intValue();
    }

    static String decodeAddress(String address, String what, String hex) {
        BigInteger v = singleWord(address, what, hex);
        if (v.bitLength() > 160) {
            throw new FeedException.NotAFeed(address, what + " returned a word that is not an address");
        }
        return new Address(v).toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static String decodeString(String address, String hex) {
        try {
            List<Type> out = FunctionReturnDecoder.decode(hex, (List) List.of(new TypeReference<Utf8String>() { }));
            if (out.size() != 1) {
                throw new FeedException.NotAFeed(address, "description() returned no string");
            }
            return (String) out.get(0).getValue();
        } catch (RuntimeException e) {
            if (e instanceof FeedException) {
                throw e;
            }
            throw new FeedException.NotAFeed(address, "description() returned something that is not a string");
        }
    }

    /** The aggregator round id inside a phase: the low 64 bits. */
    static long aggregatorRound(BigInteger proxyRoundId) {
        return proxyRoundId.mod(UINT64_LIMIT).longValue();
    }

    static BigInteger proxyRoundId(int phaseId, long aggregatorRoundId) {
        return BigInteger.valueOf(phaseId).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(aggregatorRoundId)));
    }

    private static BigInteger singleWord(String address, String what, String hex) {
        byte[] b = bytes(hex);
        if (b.length != 32) {
            throw new FeedException.NotAFeed(address, what + " returned " + b.length + " bytes, expected 32");
        }
        return unsigned(b, 0);
    }

    private static BigInteger unsigned(byte[] b, int word) {
        return new BigInteger(1, java.util.Arrays.copyOfRange(b, word * 32, word * 32 + 32));
    }

    private static byte[] bytes(String hex) {
        if (hex == null) {
            return new byte[0];
        }
        return Numeric.hexStringToByteArray(hex);
    }
}
