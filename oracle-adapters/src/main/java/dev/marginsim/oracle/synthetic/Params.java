package dev.marginsim.oracle.synthetic;

/** Named checks of model parameters: a NaN or a negative volatility is refused, never propagated. */
final class Params {
    private Params() {
    }

    static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + v);
        }
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
    }
}
