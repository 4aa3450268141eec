package dev.marginsim.cli.prices;

import dev.marginsim.oracle.path.PricePath;
import java.util.Arrays;

/**
 * Descriptive statistics of a path, in double (reporting only). Volatility is annualised by the
 * median step over a 365-day year; moves and drawdown are relative to the earlier price.
 */
record PathStats(long medianStep, double meanLogReturn, double stdLogReturn, double annualisedVolatility,
        double largestRise, long largestRiseAt, double largestFall, long largestFallAt,
        double maxDrawdown, long peak, long peakAt, long trough, long troughAt) {

    static PathStats of(PricePath p) {
        int n = p.size() - 1;
        if (n < 1) {
            throw new IllegalArgumentException("path " + p.name() + " has one point: no returns to describe");
        }
        long[] steps = new long[n];
        double sum = 0;
        double sumSq = 0;
        double rise = 0;
        double fall = 0;
        long riseAt = p.time(0);
        long fallAt = p.time(0);
        for (int i = 0; i < n; i++) {
            steps[i] = p.time(i + 1) - p.time(i);
            double r = Math.log((double) p.price(i + 1) / p.price(i));
            sum += r;
            sumSq += r * r;
            double move = (double) p.price(i + 1) / p.price(i) - 1;
            if (move > rise) {
                rise = move;
                riseAt = p.time(i + 1);
            }
            if (move < fall) {
                fall = move;
                fallAt = p.time(i + 1);
            }
        }
        Arrays.sort(steps);
        long median = steps[n / 2];
        double mean = sum / n;
        double var = n > 1 ? (sumSq - n * mean * mean) / (n - 1) : 0;
        double std = Math.sqrt(Math.max(0, var));
        double annual = std * Math.sqrt(365.0 * 86_400 / median);
        long peak = p.price(0);
        long peakAt = p.time(0);
        double dd = 0;
        long ddPeak = peak;
        long ddPeakAt = peakAt;
        long trough = peak;
        long troughAt = peakAt;
        for (int i = 1; i <= n; i++) {
            if (p.price(i) > peak) {
                peak = p.price(i);
                peakAt = p.time(i);
            }
            double d = 1 - (double) p.price(i) / peak;
            if (d > dd) {
                dd = d;
                ddPeak = peak;
                ddPeakAt = peakAt;
                trough = p.price(i);
                troughAt = p.time(i);
            }
        }
        return new PathStats(median, mean, std, annual, rise, riseAt, fall, fallAt, dd, ddPeak, ddPeakAt, trough, troughAt);
    }
}
