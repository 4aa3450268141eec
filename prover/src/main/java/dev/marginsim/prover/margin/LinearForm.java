package dev.marginsim.prover.margin;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * {@code constant + Σ coefficient_i · base_i}: how a range slot of the margin proof is made from the
 * base commitments. Evaluated on integers it gives a slot's value, on blindings (mod the group order)
 * its blinding, on commitments (with {@code constant · G}) its commitment, so prover and verifier
 * derive every slot from one definition.
 */
public record LinearForm(BigInteger constant, int[] bases, BigInteger[] coefficients) {
    public LinearForm {
        if (bases.length != coefficients.length) {
            throw new IllegalArgumentException("one coefficient per base");
        }
        bases = bases.clone();
        coefficients = coefficients.clone();
    }

    /** Exactly one base with coefficient 1, plus a constant. */
    public static LinearForm single(int base, BigInteger constant) {
        return new LinearForm(constant, new int[] {base}, new BigInteger[] {BigInteger.ONE});
    }

    @Override
    public int[] bases() {
        return bases.clone();
    }

    @Override
    public BigInteger[] coefficients() {
        return coefficients.clone();
    }

    /** The exact integer value on base values (no reduction). */
    public BigInteger evaluate(BigInteger[] baseValues) {
        BigInteger sum = constant;
        for (int i = 0; i < bases.length; i++) {
            sum = sum.add(coefficients[i].multiply(baseValues[bases[i]]));
        }
        return sum;
    }

    /** The value on blindings: no constant (it multiplies G only), reduced mod {@code order}. */
    public BigInteger evaluateBlinding(BigInteger[] baseBlindings, BigInteger order) {
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < bases.length; i++) {
            sum = sum.add(coefficients[i].multiply(baseBlindings[bases[i]]));
        }
        return sum.mod(order);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearForm f && f.constant.equals(constant) && Arrays.equals(f.bases, bases)
                && Arrays.equals(f.coefficients, coefficients);
    }

    @Override
    public int hashCode() {
        return constant.hashCode() * 31 + Arrays.hashCode(bases) * 17 + Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(constant.toString());
        for (int i = 0; i < bases.length; i++) {
            b.append(" + ").append(coefficients[i]).append("·b").append(bases[i]);
        }
        return b.toString();
    }
}
