package dev.marginsim.cli.prices;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.failure.OracleView;
import dev.marginsim.oracle.path.BarSeries;
import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.path.Resample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A chart of market paths, the oracle's view as a step line (each answer stands until the next
 * round), and guard refusals as markers on the market line. Long paths are drawn from OHLC bars
 * (each bar's open, low/high and close), so a crash inside a bar still shows at its depth. Prices
 * become doubles here, for drawing only.
 */
final class PriceChart {
    private static final int MAX_POINTS = 4_000;

    private PriceChart() {
    }

    static void write(Path file, String title, List<PricePath> markets, OracleView view, List<GuardTimeline.Mark> marks) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            throw new IllegalArgumentException("chart file must end in .png or .svg: " + file);
        }
        long t0 = markets.get(0).startTime();
        XYChart chart = new XYChartBuilder().width(1200).height(600).title(title)
                .xAxisTitle("hours since " + t0).yAxisTitle("price").build();
        chart.getStyler().setMarkerSize(6);
        for (PricePath m : markets) {
            PricePath drawn = thin(m);
            XYSeries s = chart.addSeries(m.name() + " market", hours(drawn, t0), prices(drawn));
            s.setMarker(SeriesMarkers.NONE);
        }
        if (view != null && !view.rounds().isEmpty()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            int stride = Math.max(1, view.rounds().size() / MAX_POINTS);
            double prev = Double.NaN;
            for (int i = 0; i < view.rounds().size(); i += stride) {
                PriceRound r = view.rounds().get(i);
                double t = (OracleView.writeTime(r) - t0) / 3600.0;
                double a = new BigDecimal(r.answer(), r.decimals()).doubleValue();
                if (!Double.isNaN(prev)) {
                    x.add(t);
                    y.add(prev);
                }
                x.add(t);
                y.add(a);
                prev = a;
            }
            x.add((markets.get(0).endTime() - t0) / 3600.0);
            y.add(prev);
            chart.addSeries("oracle view", x, y).setMarker(SeriesMarkers.NONE);
        }
        Map<String, List<GuardTimeline.Mark>> byFailure = new TreeMap<>();
        for (GuardTimeline.Mark m : marks) {
            byFailure.computeIfAbsent(m.failure(), k -> new ArrayList<>()).add(m);
        }
        PricePath market = markets.get(0);
        for (var e : byFailure.entrySet()) {
            List<GuardTimeline.Mark> ms = e.getValue();
            int stride = Math.max(1, ms.size() / MAX_POINTS);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < ms.size(); i += stride) {
                x.add((ms.get(i).time() - t0) / 3600.0);
                y.add(BigDecimal.valueOf(market.priceAt(ms.get(i).time()), market.decimals()).doubleValue());
            }
            XYSeries s = chart.addSeries("guard: " + e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart: " + e.getMessage(), e);
        }
        AtomicFiles.write(file, out.toByteArray());
    }

    private static PricePath thin(PricePath p) {
        if (p.size() <= MAX_POINTS) {
            return p;
        }
        long step = Math.max(4, (p.endTime() - p.startTime()) / (MAX_POINTS / 4) + 1);
        BarSeries bars = Resample.bars(p, step);
        return bars.toPath(BarSeries.Expansion.OHLC);
    }

    private static List<Double> hours(PricePath p, long t0) {
        List<Double> x = new ArrayList<>(p.size());
        for (int i = 0; i < p.size(); i++) {
            x.add((p.time(i) - t0) / 3600.0);
        }
        return x;
    }

    private static List<Double> prices(PricePath p) {
        List<Double> y = new ArrayList<>(p.size());
        for (int i = 0; i < p.size(); i++) {
            y.add(BigDecimal.valueOf(p.price(i), p.decimals()).doubleValue());
        }
        return y;
    }
}
