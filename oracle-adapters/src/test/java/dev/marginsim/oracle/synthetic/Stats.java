package dev.marginsim.oracle.synthetic;

import dev.marginsim.oracle.path.PricePath;

/** Sample statistics of log returns, for the models' tests. */
final class Stats {
    private Stats() {
    }

    static double[] logReturns(PricePath p) {
        double[] r = new double[p.size() - 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.log((double) p.price(i + 1) / p.price(i));
        }
        return r;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    /** Fourth central moment (for the standard error of a variance estimate of any distribution). */
    static double fourthMoment(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            double d = (v - m) * (v - m);
            s += d * d;
        }
        return s / x.length;
    }

    static double correlation(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Lag-1 autocorrelation. */
    static double autocorrelation(double[] x) {
        double[] a = java.util.Arrays.copyOfRange(x, 0, x.length - 1);
        double[] b = java.util.Arrays.copyOfRange(x, 1, x.length);
        return correlation(a, b);
    }

    static double[] squares(double[] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = x[i] * x[i];
        }
        return s;
    }
}
