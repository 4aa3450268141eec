package dev.marginsim.prover.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Addresses: parsing, order, and hashes that spread simulated accounts (which are small numbers). */
class AddressTest {
    @Test
    void parseAcceptsEitherCaseAndPrintsLowerCase() {
        Address a = Address.parse("0x00000000000000000000000000000000000000Ab");
        assertEquals("0x00000000000000000000000000000000000000ab", a.toString());
        assertEquals(a, Address.parse(a.toString()));
        assertEquals(a.hashCode(), Address.parse(a.toString()).hashCode());
        assertEquals(Address.ofIndex(0xAB), a);
        assertThrows(IllegalArgumentException.class, () -> Address.parse("0x1234"));
    }

    @Test
    void orderIsUnsignedBigEndian() {
        assertTrue(Address.ofIndex(0x7F).compareTo(Address.ofIndex(0x80)) < 0);
        assertTrue(Address.ofIndex(0xFF).compareTo(Address.ofIndex(0x100)) < 0);
        assertTrue(Address.parse("0xff00000000000000000000000000000000000000").compareTo(Address.ofIndex(Long.MAX_VALUE)) > 0);
    }

    @Test
    void simulatedAccountsHaveDistinctHashes() {
        int n = 1 << 20;
        Set<Integer> hashes = new HashSet<>();
        for (long i = 0; i < n; i++) {
            hashes.add(Address.ofIndex(i).hashCode());
        }
        // A 32-bit hash of 2^20 distinct keys collides about n²/2^33 ≈ 128 times by chance; Arrays.hashCode
        // over these bytes leaves 22,576 distinct values.
        assertTrue(hashes.size() > n - 1_000, hashes.size() + " distinct hashes of " + n + " accounts");
        assertNotEquals(Address.ofIndex(1).hashCode(), Address.ofIndex(256).hashCode());
    }
}
